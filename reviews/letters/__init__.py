"""Determination letters: content (pure), rendering (WeasyPrint), PKI, signing and verification (pyHanko)."""
