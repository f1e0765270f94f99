"""The lightlane technology: layers, design rules, process constants, cross-sections, stack.

Technology only: nothing here imports the cells or the models, and importing this package loads
no gdsfactory (the cross-sections and the KLayout views do, when used). The ``gf.Pdk`` object
that gathers cells and models is :func:`lightlane.registry.get_pdk` (``lightlane.PDK``).
"""
