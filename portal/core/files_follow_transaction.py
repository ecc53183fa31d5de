"""Files follow the database transaction: rows and files stay in step.

A file written during a transaction that does not commit (rolled back, or a
request that returned without committing) is removed when the transaction ends;
a file to delete is only removed once the deletion of its row has committed.
The state lives in `session.info`, settled by two session events. What to remove is
a callable (a storage backend's `delete` of one key), so the rule holds for a local
folder and a bucket alike.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session

_PENDING = "portal.uploads.pending"
log = logging.getLogger(__name__)

#: Removes one stored file; a missing file is not an error.
Remover = Callable[[], None]


def _pending() -> dict:
    """The current session's pending files, in a transaction that settles them."""
    from portal.core.extensions import db

    session = db.session()
    if not session.in_transaction():
        session.begin()  # so that even a request that never commits settles its files
    return session.info.setdefault(_PENDING, {"written": [], "doomed": [], "committed": False})


def remove_unless_committed(remove: Remover) -> None:
    """A file was just written: `remove()` it if the current transaction does not commit."""
    _pending()["written"].append(remove)


def remove_once_committed(remove: Remover) -> None:
    """`remove()` a file when the current transaction commits (keep it on rollback)."""
    _pending()["doomed"].append(remove)


@event.listens_for(Session, "after_commit")
def _note_commit(session: Session) -> None:
    """Mark the pending files' transaction as committed (settled when it ends)."""
    pending = session.info.get(_PENDING)
    if pending is not None:
        pending["committed"] = True


@event.listens_for(Session, "after_transaction_end")
def _settle_files(session: Session, transaction) -> None:
    """At the end of the outermost transaction, remove what its outcome condemns."""
    pending = session.info.get(_PENDING)
    if pending is None:
        return
    if transaction.parent is not None:
        # A savepoint ended (after_commit also fires for savepoints): only the
        # outermost transaction's commit counts.
        pending["committed"] = False
        return
    session.info.pop(_PENDING)
    for remove in pending["doomed"] if pending["committed"] else pending["written"]:
        try:
            remove()
        except Exception:
            # The transaction is over and its outcome stands: a file that could not be
            # removed (bucket unreachable) is an orphan to log, not an error for the user.
            log.exception("could not remove a stored file after the transaction ended")
