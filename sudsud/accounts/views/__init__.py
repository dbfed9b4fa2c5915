"""Pages of accounts: sign-in, the person's own profile, user management."""
