"""Optical engines: interface standards, link budgets and (elsewhere) the engine layout.

Kept light: import the submodules (``lightlane.circuits.standards``, ``.budget``) directly.
"""
