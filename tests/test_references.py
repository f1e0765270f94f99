"""Citations: every source is in the repository's reference list; none is a file outside it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CITED_DIRS = ("lightlane", "tests", "docs", "scripts")
SUFFIXES = {".py", ".md", ".yml", ".yaml", ".toml", ".txt", ".csv"}
# Spelled in two parts so that this file does not cite it either.
OUTSIDE_FILE = "DOMAIN" + ".md"
REFERENCES = ROOT / "docs" / "references.md"


def _files() -> list[Path]:
    return sorted(
        p for d in CITED_DIRS for p in (ROOT / d).rglob("*") if p.is_file() and p.suffix in SUFFIXES
    )


def test_no_file_cites_the_domain_notes_outside_the_repository():
    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in _files()
        for n, line in enumerate(p.read_text(errors="replace").splitlines(), start=1)
        if OUTSIDE_FILE in line
    ]
    assert offenders == [], f"cite the primary source instead of {OUTSIDE_FILE}: {offenders}"


def _cited_first_authors() -> set[str]:
    """Surnames cited as ``Name et al.`` or ``Name & Name`` in the package's docstrings."""
    names = set()
    for p in (ROOT / "lightlane").rglob("*.py"):
        text = re.sub(r"\s+", " ", p.read_text())
        names |= set(re.findall(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?) et al\.", text))
        names |= set(re.findall(r"\b([A-Z][a-z]+) & [A-Z][a-z]+\b", text))
    return names


@pytest.mark.parametrize("name", sorted(_cited_first_authors()))
def test_every_cited_author_is_in_the_reference_list(name):
    assert name.split()[-1] in REFERENCES.read_text(), f"add {name} to docs/references.md"
