"""A griffe extension (loaded by mkdocstrings, see ``mkdocs.yml``): docstrings read as Markdown.

The code's docstrings are written for ``help()`` and Sphinx habits: doctest examples
(``>>> x  # doctest: +SKIP``) and roles (``:func:`simulate```). In the API reference an example
becomes a ``pycon`` code block without its doctest directives, and a role a cross-reference to the
object it names (resolved in the docstring's scope; plain code when it names nothing documented).
"""

from __future__ import annotations

import re
from typing import Any

try:  # griffe is a docs dependency; without it this module is only its text functions
    from griffe import Extension
except ImportError:  # pragma: no cover - the docs extra installs griffe
    Extension = object  # type: ignore[assignment,misc]

__all__ = ["LightlaneDocstrings", "doctest_to_fences", "module_mentions", "roles_to_references"]

_ROLE = re.compile(r":(?:py:)?(mod|func|class|data|meth|attr|obj|const|exc):`(~?)([\w.]+)(\(\))?`")
_DIRECTIVE = re.compile(r"\s*#\s*doctest:.*$")
_PROMPT = re.compile(r"^(\s*)(>>>|\.\.\.)( |$)")


def doctest_to_fences(text: str) -> str:
    """Every run of ``>>>`` lines (with their ``...`` continuations and printed output, up to a
    blank line) as a fenced ``pycon`` block at the run's indentation, doctest directives removed.
    Text already inside a fence is left alone."""
    lines = text.splitlines()
    out: list[str] = []
    fenced = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip().startswith("```"):
            fenced = not fenced
        start = _PROMPT.match(line)
        if fenced or not start or start.group(2) != ">>>":
            out.append(line)
            i += 1
            continue
        indent = start.group(1)
        block = []
        while i < len(lines) and lines[i].strip() and lines[i].startswith(indent):
            block.append(_DIRECTIVE.sub("", lines[i][len(indent) :]))
            i += 1
        if out and out[-1].strip():
            out.append("")
        out += [f"{indent}```pycon", *(f"{indent}{b}" for b in block), f"{indent}```"]
    return "\n".join(out)


def _target(scope: Any, name: str) -> str | None:
    """The full path of ``name`` as seen from ``scope`` (a griffe object), or ``None``."""
    if scope is None:
        return name if name.startswith("lightlane.") else None
    head, _, rest = name.partition(".")
    try:
        resolved = scope.resolve(head)
    except Exception:  # noqa: BLE001 - griffe raises its own NameResolutionError and others
        resolved = None
    if resolved is None:
        return name if name.startswith("lightlane.") else None
    return f"{resolved}.{rest}" if rest else resolved


def roles_to_references(text: str, scope: Any = None) -> str:
    """``:func:`~a.b``` and kin as an optional cross-reference (``<autoref ... optional>``) to
    the object's full path: a link where the reference documents it, plain code elsewhere."""

    def replace(match: re.Match) -> str:
        _, tilde, name, call = match.groups()
        shown = (name.rsplit(".", 1)[-1] if tilde else name) + (call or "")
        target = _target(scope, name)
        if target is None or not target.startswith("lightlane"):
            return f"`{shown}`"
        return f'<autoref identifier="{target}" optional><code>{shown}</code></autoref>'

    return _ROLE.sub(replace, text)


_MODULE_DOCSTRING = re.compile(
    r"\(module docstring\)|(?:the|its) module docstring|module docstring"
)


def module_mentions(text: str, module: str, link: bool = True) -> str:
    """ "(module docstring)" and "the module docstring", words for ``help()``, as a reference
    to the module ``module`` whose introduction they mean."""
    shown = f"<code>{module}</code>"
    ref = f'<autoref identifier="{module}" optional>{shown}</autoref>' if link else f"`{module}`"

    def replace(match: re.Match) -> str:
        return f"(see {ref})" if match.group(0).startswith("(") else f"the introduction of {ref}"

    return _MODULE_DOCSTRING.sub(replace, text)


class LightlaneDocstrings(Extension):  # type: ignore[misc,valid-type]
    """Rewrite each docstring once griffe has built the object tree (names resolve then)."""

    def on_object(self, *, obj: Any, **kwargs: Any) -> None:
        docstring = getattr(obj, "docstring", None)
        if docstring is None or not docstring.value:
            return
        module = obj if getattr(obj, "is_module", False) else getattr(obj, "module", None)
        text = roles_to_references(doctest_to_fences(docstring.value), obj)
        if module is not None:
            text = module_mentions(text, module.path)
        docstring.value = text
