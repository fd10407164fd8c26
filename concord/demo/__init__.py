"""The demo: loads the facts of the seed documents where they lie, citing each one."""
