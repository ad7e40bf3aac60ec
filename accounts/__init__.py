"""Accounts: who may do what. The lowest layer with audit: role names (Django groups) and checks.

Imports nothing from the other UR Desk apps; every app may import it.
"""
