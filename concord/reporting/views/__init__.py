"""Pages of the reporting app, one module per family."""
