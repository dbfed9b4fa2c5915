"""People who use the platform: accounts, roles, country scopes, sign-in and two-factor
authentication. The scope rule (who may see and change what) lives in ``scopes``."""
