"""Readers for the public datasets in `../shared/data` (never copied into the project)."""
