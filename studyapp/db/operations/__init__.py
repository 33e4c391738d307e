"""Every change a student can make, as a typed, validated operation (see `base.py`)."""
