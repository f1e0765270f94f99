"""Exceptions raised by the circuit solver; every message names the instance and port."""

from __future__ import annotations


class NetlistError(ValueError):
    """A netlist is inconsistent (bad connection, dangling port, unknown instance...)."""


class PortError(NetlistError):
    """A connection or external port names a port that does not exist or is used twice."""


class DanglingPortError(NetlistError):
    """An instance port is neither connected nor exposed as an external port."""


class MissingModelError(NetlistError, KeyError):
    """A component has neither a model nor a sub-netlist."""

    def __str__(self) -> str:
        # KeyError quotes its message with repr(); keep it readable
        return str(self.args[0]) if self.args else ""
