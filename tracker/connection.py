"""The store's connection: plain :mod:`sqlite3` for reads, sqlite-utils only once something needs it.

Most commands only read, and importing sqlite-utils loads numpy and its plugin manager:
a third of a second before the first row is read.  So the store talks to a plain
``sqlite3`` connection through :class:`Connection`, which answers ``execute``, ``query``
``table_names`` and ``atomic`` itself, exactly as sqlite-utils would (a write outside a
transaction is committed at once; a nested ``atomic`` is a savepoint), and builds the
``sqlite_utils.Database`` over the same connection the first time anything else is asked
of it (``db["articles"].insert``, migrations): ingesting one file into a large archive
writes only through plain SQL.  Reads no data tables.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from typing import Any, Iterator, Optional, Sequence

# Statements after which sqlite-utils does not commit for the caller (they manage the transaction).
_TRANSACTION_CONTROL = {"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"}


class Connection:
    """A sqlite3 connection that becomes a sqlite-utils Database on first need."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._database = None
        # As sqlite-utils does when it opens a connection, so a trigger behaves the same either way.
        self.conn.execute("PRAGMA recursive_triggers=on;")

    @property
    def full(self):
        """The ``sqlite_utils.Database`` over this connection (imported and built once)."""
        if self._database is None:
            import sqlite_utils

            self._database = sqlite_utils.Database(self.conn)
        return self._database

    def __getattr__(self, name: str):
        return getattr(self.full, name)

    def __getitem__(self, name: str):
        return self.full[name]

    def execute(self, sql: str, parameters: Optional[Sequence | dict[str, Any]] = None) -> sqlite3.Cursor:
        """Run one statement; one that writes outside a transaction is committed, as in sqlite-utils."""
        was_in_transaction = self.conn.in_transaction
        try:
            cursor = self.conn.execute(sql, parameters) if parameters is not None else self.conn.execute(sql)
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        if (not was_in_transaction and self.conn.in_transaction and cursor.description is None
                and _first_keyword(sql) not in _TRANSACTION_CONTROL):
            self.conn.execute("COMMIT")
        return cursor

    @contextmanager
    def atomic(self) -> Iterator["Connection"]:
        """A transaction, or a savepoint inside one; rolled back on any exception (sqlite-utils' own)."""
        if self.conn.in_transaction:
            import secrets  # only a nested transaction needs it; hmac and OpenSSL behind it cost every start

            savepoint = f"tracker_{secrets.token_hex(16)}"
            self.conn.execute(f"SAVEPOINT {savepoint};")
            try:
                yield self
            except BaseException:
                # An error such as RAISE(ROLLBACK) may have ended the whole transaction, savepoint and all.
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint};")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint};")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {savepoint};")
            return
        self.conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    def query(self, sql: str, params: Optional[Sequence | dict[str, Any]] = None) -> Iterator[dict]:
        """Rows of a SELECT as dictionaries (a repeated column name gets ``_2``, as in sqlite-utils)."""
        cursor = self.conn.execute(sql, params) if params is not None else self.conn.execute(sql)
        keys = _dedupe([d[0] for d in cursor.description or ()])
        return (dict(zip(keys, row)) for row in cursor)

    def table_names(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]

    def close(self) -> None:
        self.conn.close()


def _first_keyword(sql: str) -> str:
    for line in sql.strip().splitlines():
        line = line.split("--", 1)[0].strip()
        if line:
            return line.split(None, 1)[0].rstrip(";").upper()
    return ""


def _dedupe(keys: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    unique = []
    for key in keys:
        if key in seen:
            seen[key] += 1
            unique.append(f"{key}_{seen[key]}")
        else:
            seen[key] = 1
            unique.append(key)
    return unique
