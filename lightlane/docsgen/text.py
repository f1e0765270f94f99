"""Small Markdown helpers shared by the page generators, and the build's error type."""

from __future__ import annotations

import re

__all__ = ["DocsBuildError", "code_block", "table_cell"]

# Sphinx roles in docstrings (":mod:`x`", ":class:`~x.Y`") read as plain code spans here.
_RST_ROLE = re.compile(r":(?:mod|func|class|data|meth|attr|obj|const):`~?")


class DocsBuildError(RuntimeError):
    """A page could not be generated (a failing tutorial block, card snippet or figure)."""


def table_cell(text: str) -> str:
    """``text`` safe inside a Markdown table cell and outside HTML: ``|``, ``<`` escaped.

    Code spans are kept as they are (Markdown shows their content literally), except ``|``;
    Sphinx roles become code spans.
    """
    text = _RST_ROLE.sub("`", text.replace("\n", " "))
    parts = re.split(r"(`+[^`]*`+)", text)
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(part.replace("|", "\\|"))
        else:
            out.append(part.replace("|", "\\|").replace("<", "&lt;"))
    return "".join(out)


def code_block(language: str, code: str, title: str | None = None) -> list[str]:
    """A fenced code block as lines (a fence longer than any backtick run inside)."""
    longest = max((len(m) for m in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    header = f'{fence}{language} title="{title}"' if title else f"{fence}{language}"
    return [header, code.rstrip("\n"), fence]
