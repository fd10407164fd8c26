"""Public pages, search and open data: reads every app, imported by none."""
