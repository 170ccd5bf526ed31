"""Readers (file → `Grid`) and writers (model → file)."""
