"""The Qt user interface. The only layer that imports Qt; it never writes SQL."""
