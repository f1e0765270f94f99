"""``python -m lightlane.cli``: the ``lightlane`` command line."""

from lightlane.cli import app

app()
