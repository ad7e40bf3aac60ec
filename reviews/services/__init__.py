"""Services: multi-model writes and their audit events, one module per area."""
