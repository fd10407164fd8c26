"""Pages of the indicators app: the list, an indicator with its figures, its benchmark, and the
forms that enter and approve figures."""
