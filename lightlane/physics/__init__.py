"""The shared physics of the kit: materials, guided modes, coupling, junction, electrode, heat.

Plain numpy and scipy; nothing here imports gdsfactory or any other part of lightlane. Functions
take the geometry and the process numbers (thicknesses, heights) as arguments: the values of
this process live in :mod:`lightlane.pdk.process`, and cells and models pass them in.
"""
