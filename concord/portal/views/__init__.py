"""Public pages, one module per resource; each view reads through the registry's selectors."""
