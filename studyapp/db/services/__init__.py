"""Service functions: one short transaction per user action, plain data in and out."""
