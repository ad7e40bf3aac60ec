"""The pure recommendation engine: no Django, no database, no clock."""
