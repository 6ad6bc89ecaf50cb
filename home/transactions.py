"""Work that must happen once when a transaction commits, however many rows it wrote.

``once_at_commit("purge", purge_all)`` asked for 5,000 times in an import's transaction runs
``purge_all`` once, after the commit; nothing when the transaction rolls back; at once outside a
transaction. Each request is its own ``on_commit`` callback sharing one ``Pending`` with the other
requests of its transaction, and the first callback to run does the work: a savepoint rolled back
drops only its own requests, so the work still happens when a request made outside that savepoint
commits.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections, transaction


class Pending:
    """The work of one transaction under one key, done at most once; ``asked`` counts the requests
    (so a reader can tell that the transaction changed something since it last looked)."""

    def __init__(self):
        self.done = False
        self.asked = 0


class _Request:
    def __init__(self, key: str, work: Callable[[], object], pending: Pending):
        self.key, self.work, self.pending = key, work, pending

    def __call__(self):
        if not self.pending.done:
            self.pending.done = True
            self.work()


def pending(key: str, using: str = DEFAULT_DB_ALIAS) -> Pending | None:
    """The not-yet-done work under *key* of the current transaction (None outside one, or when this
    transaction asked for none)."""
    connection = connections[using]
    if not connection.in_atomic_block:
        return None
    for _savepoints, func, _robust in reversed(connection.run_on_commit):
        if isinstance(func, _Request) and func.key == key and not func.pending.done:
            return func.pending
    return None


def once_at_commit(key: str, work: Callable[[], object], using: str = DEFAULT_DB_ALIAS) -> None:
    """Run *work* once the current transaction commits, once for all requests under *key*."""
    shared = pending(key, using) or Pending()
    shared.asked += 1
    transaction.on_commit(_Request(key, work, shared), using=using)
