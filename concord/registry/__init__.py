"""The registry: parties, groups, bodies, instruments, provisions, participation, statements."""
