"""home.transactions: work asked for many times in a transaction runs once, after a real commit."""

import pytest
from django.db import transaction

from home.transactions import once_at_commit

pytestmark = pytest.mark.django_db(transaction=True)


def test_work_runs_once_per_committed_transaction_and_never_for_a_rolled_back_one():
    done = []
    work = lambda: done.append("purged")  # noqa: E731

    with transaction.atomic():
        for _ in range(100):
            once_at_commit("test", work)
        assert done == []  # not before the commit
    assert done == ["purged"]

    with pytest.raises(RuntimeError), transaction.atomic():
        once_at_commit("test", work)
        raise RuntimeError("rolled back")
    assert done == ["purged"]

    once_at_commit("test", work)  # outside a transaction: at once
    assert done == ["purged", "purged"]


def test_a_rolled_back_savepoint_drops_only_its_own_requests():
    done = []
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():  # a savepoint asks first, then rolls back
            once_at_commit("test", lambda: done.append("first"))
            raise RuntimeError("one bad row")
        once_at_commit("test", lambda: done.append("second"))
    assert done == ["second"]


def test_keys_are_independent():
    done = []
    with transaction.atomic():
        once_at_commit("purge", lambda: done.append("purge"))
        once_at_commit("lookups", lambda: done.append("lookups"))
        once_at_commit("purge", lambda: done.append("purge again"))
    assert done == ["purge", "lookups"]
