"""The facts of each seed document, one module per seed, each with ``SEED`` and ``load(writer)``.

Line numbers are those of the seed files as an editor shows them (from 1). Every value a module
loads is quoted with the place and lines it comes from; the writer checks the quote against the
seed before it writes, so a changed seed fails loudly instead of loading a stale fact.
"""
