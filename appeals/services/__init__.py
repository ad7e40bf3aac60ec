"""Appeals services: writes and their audit events (one module per flow)."""
