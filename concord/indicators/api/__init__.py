"""Indicators, their figures and benchmarks, as JSON (and CSV), under ``/api/indicators``."""

from concord.indicators.api import benchmarks, figures, indicators, values

# The indicators' own router is the root, so that their list answers at /api/indicators itself
# (a family mounted with an empty prefix would answer at /api/indicators/).
router = indicators.router
for family in (values, figures, benchmarks):
    router.add_router("", family.router)
