"""Full-text search over the registry, on each database's own engine behind one interface."""
