"""Fixtures shared by every app's tests."""

import pytest

from concord.registry.tests import factories


@pytest.fixture
def published_instrument(db):
    return factories.InstrumentFactory()


@pytest.fixture
def unpublished_instrument(db):
    return factories.InstrumentFactory(
        title="Confidential draft under review", publication="in_review"
    )
