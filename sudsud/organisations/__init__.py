"""The registry of organisations (ministries, agencies, donors, local authorities,
associations…) and their contacts, used by every module."""
