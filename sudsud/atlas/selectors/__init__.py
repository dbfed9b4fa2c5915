"""Reads of the atlas, one module per part (``selectors/profile.py``…)."""
