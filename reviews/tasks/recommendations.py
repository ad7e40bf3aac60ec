"""Tasks: recommendations."""
