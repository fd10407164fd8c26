"""Accounts: people, the roles they hold within a scope, personal API tokens, invitations."""
