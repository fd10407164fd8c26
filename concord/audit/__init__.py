"""The audit trail: who changed what, when, from where, with the old and new values."""
