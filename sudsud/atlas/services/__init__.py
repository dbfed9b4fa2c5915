"""Writes of the atlas, by part: ``undesa`` (UN DESA workbook imports)."""
