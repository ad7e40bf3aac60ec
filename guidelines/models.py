"""Guideline sources and recommendation statements. (Placeholder: filled by the criteria issue.)"""
