"""Signals this app sends (higher apps such as oversight listen; appeals never imports them)."""

from django.dispatch import Signal

# Sent inside the deciding transaction with appeal=<Appeal>, actor=<user>.
appeal_decided = Signal()
