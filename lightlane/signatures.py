"""Which keyword arguments a callable takes: one answer for models, cells and the solver."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

__all__ = ["accepted", "keyword_names", "required_keywords"]


@cache
def keyword_names(fn: Callable[..., Any]) -> frozenset[str] | None:
    """The keyword parameters of ``fn`` (None when it takes ``**kwargs``: it accepts anything)."""
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):  # builtins / C callables
        return None
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        return None
    return frozenset(p.name for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY))


@cache
def required_keywords(fn: Callable[..., Any]) -> tuple[str, ...]:
    """The keyword-only parameters of ``fn`` without a default, in signature order."""
    return tuple(
        p.name
        for p in inspect.signature(fn).parameters.values()
        if p.kind is p.KEYWORD_ONLY and p.default is p.empty
    )


def accepted(fn: Callable[..., Any], *sources: Mapping[str, Any]) -> dict[str, Any]:
    """Merge ``sources`` (later wins) and keep the keys ``fn`` accepts."""
    merged: dict[str, Any] = {}
    for source in sources:
        merged.update(source)
    names = keyword_names(fn)
    return merged if names is None else {k: v for k, v in merged.items() if k in names}
