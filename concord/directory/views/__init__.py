"""Pages of the directory, one module per family."""
