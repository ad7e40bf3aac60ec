"""Tasks: documents."""
