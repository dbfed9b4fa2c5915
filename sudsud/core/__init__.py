"""Shared building blocks with no domain knowledge: audit trail, background jobs,
text normalisation, safe file reading and writing."""
