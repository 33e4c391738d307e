"""Several topics side by side: the switcher, new topic, managing and sharing topics."""
