"""Shared test rows: built once for many tests, each test still rolling back its own changes."""

from collections.abc import Callable

import pytest


def module_rows(build: Callable[[], object]):
    """A fixture for rows many tests of one module read: built once per module, rolled back after it.

    As Django's ``setUpTestData``: the rows live in an outer transaction that each test's own
    (rolled-back) transaction nests in. ``build()`` returns what identifies the rows (primary keys);
    the tests' own fixtures fetch fresh instances from them, so no test sees another's in-memory
    changes. Not for transactional tests (browser, live server): they commit and flush, so their
    modules build their rows per test.
    """

    @pytest.fixture(scope="module")
    def fixture(django_db_setup, django_db_blocker):
        from django.test import TestCase

        with django_db_blocker.unblock():
            atomics = TestCase._enter_atomics()
            try:
                yield build()
            finally:
                TestCase._rollback_atomics(atomics)

    return fixture


def table_state() -> dict[str, tuple]:
    """Row counts of every table, plus the newest primary key of each (a re-created row shows)."""
    from django.apps import apps

    state = {}
    for model in apps.get_models():
        manager = model._base_manager
        state[model._meta.label] = (manager.count(), manager.order_by("-pk").values_list("pk", flat=True).first())
    return state
