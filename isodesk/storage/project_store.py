"""The open project file: reads records, applies edits (each in its own committed transaction),
creates, copies and checks files.

Durability (ARCHITECTURE.md): journal_mode=DELETE keeps the saved file a single file,
synchronous=FULL makes every commit survive a power cut, and every edit is one transaction.
The connection runs with isolation_level=None and we issue BEGIN IMMEDIATE / COMMIT ourselves,
so SQLite, not the driver, decides when a transaction starts.

Why plain sqlite3 at run time: the schema is defined once with SQLAlchemy Core (schema.py) and
SQLAlchemy creates new files from it, but importing SQLAlchemy takes ~210 ms, which alone would
break the start-up budget (window with the project shown within 2× a bare Qt window). Reads and
edits are a handful of fixed statements, so they go straight to sqlite3; SQLAlchemy is imported
only when a file is created.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from isodesk.domain.edits import Edit
from isodesk.domain.errors import DataError, ProjectFileError
from isodesk.domain.model import (
    Action,
    Answer,
    CatalogInfo,
    ProjectInfo,
    Requirement,
    Risk,
    Scope,
    SoAEntry,
)
from isodesk.storage import integrity, migrations, recovery, rows
from isodesk.storage.fileformat import APPLICATION_ID, FORMAT_VERSION, REQUIRED_TABLES
from isodesk.storage.lock import ProjectLock
from isodesk.storage.opening import prepare_open
from isodesk.support.atomic import atomic_write


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    uri = path.resolve().as_uri() + ("?mode=ro" if read_only else "?mode=rw")
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=ON")
    if not read_only:
        conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA synchronous=FULL")
    # Overwritten and deleted notes are zeroed, not left in free pages of a file that is
    # mailed to clients (off by default in many SQLite builds); sorts and temp tables stay in
    # memory, never in the system temp folder.
    conn.execute("PRAGMA secure_delete=ON")
    conn.execute("PRAGMA temp_store=MEMORY")
    conn.row_factory = sqlite3.Row
    return conn


def _storage_error(path: Path, error: BaseException) -> ProjectFileError:
    """One sentence for an SQLite failure while reading or writing ``path``."""
    text = str(error).lower()
    name = path.name
    if "disk is full" in text or "database or disk is full" in text:
        return ProjectFileError("Could not save to {name}: the disk is full. The last change was not saved.",
                                name=name)
    if "readonly" in text or "read-only" in text:
        return ProjectFileError("Could not save to {name}: the file is read-only.", name=name)
    if "locked" in text or "busy" in text:
        return ProjectFileError("{name} is busy in another program; try again in a moment.", name=name)
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return integrity.damaged(path, [text])
    if "unable to open" in text:
        return ProjectFileError("{name} cannot be opened; is the drive still connected?", name=name)
    return ProjectFileError("Could not use {name}: {reason}.", name=name, reason=text)


def _new_file_error(path: Path, error: sqlite3.Error) -> ProjectFileError:
    """For a whole new file (create, save a copy), where no "last change" was lost."""
    if "full" in str(error).lower():
        return ProjectFileError("Could not write {name}: the disk is full.", name=path.name)
    return _storage_error(path, error)


def _opening_error(path: Path, read_only: bool, error: sqlite3.Error) -> ProjectFileError:
    """A read-only connection that meets a hot journal it could not roll back says "read-only";
    the user needs to hear what is really the matter."""
    if read_only and "readonly" in str(error).lower() and recovery.has_journal(path):
        return recovery.unfinished_save(path)
    return _storage_error(path, error)


class ProjectStore:
    """One open .isodesk file. Use ``ProjectStore.open`` / ``ProjectStore.create``."""

    def __init__(self, path: Path, read_only: bool, lock: ProjectLock | None):
        self.path = path
        self.read_only = read_only
        self._lock = lock
        try:
            self._conn = _connect(path, read_only)
        except sqlite3.Error as e:
            raise _opening_error(path, read_only, e) from None

    # ----------------------------------------------------------------- opening and closing
    @classmethod
    def open(cls, path: str | os.PathLike, read_only: bool = False,
             lock: ProjectLock | None = None) -> "ProjectStore":
        """Open an existing project. Refusals are ProjectFileError with one sentence; in that
        case the file is untouched (a killed writer's unfinished save is rolled back first) and
        no lock or connection is left open. ``lock``: one the caller holds already (create)."""
        path = Path(path)
        header, lock = prepare_open(path, read_only, lock)
        try:
            store = cls(path, read_only, lock)
            store._verify_pages()
            store._verify_schema()
            if header.user_version < FORMAT_VERSION:
                if read_only:
                    raise ProjectFileError(
                        "{name} uses an older file format and must be opened for writing once "
                        "to be upgraded.", name=path.name)
                migrations.upgrade(store._conn, path, header.user_version)
        except BaseException:
            if lock:
                lock.release()
            with contextlib.suppress(Exception):
                store._conn.close()  # type: ignore[possibly-undefined]
            raise
        return store

    @classmethod
    def create(
        cls,
        path: str | os.PathLike,
        info: ProjectInfo,
        catalogs: Iterable[tuple[CatalogInfo, list[Requirement], str]] = (),
        scope: Scope | None = None,
        overwrite: bool = False,
    ) -> "ProjectStore":
        """Write a new project and open it. The file appears complete or not at all."""
        path = Path(path)
        if path.exists() and not overwrite:
            raise ProjectFileError("{name} already exists.", name=path.name)
        if not path.parent.is_dir():
            raise ProjectFileError("The folder {folder} does not exist.", folder=path.parent)
        lock = ProjectLock(path)  # never replace a project someone has open
        lock.acquire()
        try:
            with atomic_write(path, create=False) as tmp:
                from isodesk.storage import (
                    schema,  # imports SQLAlchemy: only when creating files
                )

                schema.create(tmp)
                conn = _connect(tmp, read_only=False)
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                    conn.execute(f"PRAGMA user_version={FORMAT_VERSION}")
                    conn.executemany("INSERT INTO meta (name, value) VALUES (?, ?)", [
                        ("info", rows.info_json(info)),
                        ("scope", rows.scope_json(scope or Scope())),
                        ("created", _now())])
                    for position, (cat, reqs, sha) in enumerate(catalogs):
                        _insert_catalog(conn, cat, reqs, sha, position)
                    conn.execute("COMMIT")
                finally:
                    conn.close()
        except BaseException as e:
            lock.release()
            cause = getattr(e, "orig", e)  # SQLAlchemy wraps the sqlite3 error of create_all
            if isinstance(cause, sqlite3.Error):
                raise _new_file_error(path, cause) from None
            raise
        return cls.open(path, lock=lock)

    def close(self) -> None:
        self._conn.close()
        if self._lock:
            self._lock.release()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ------------------------------------------------------------------------ transactions
    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """Several SELECTs that must see one state of the file (one read transaction)."""
        try:
            self._conn.execute("BEGIN")
            try:
                yield self._conn
            finally:
                self._conn.execute("COMMIT")
        except sqlite3.Error as e:
            raise _storage_error(self.path, e) from None

    def _query(self, sql: str, params=()) -> list[sqlite3.Row]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as e:
            raise _storage_error(self.path, e) from None

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        if self.read_only:
            raise ProjectFileError("{name} is open read-only; changes cannot be saved.", name=self.path.name)
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")  # the write lock up front: no failure half-way
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.IntegrityError as e:
            raise DataError("The change does not fit the project: {reason}.", reason=e) from None
        except sqlite3.Error as e:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            raise _storage_error(self.path, e) from None

    def _verify_pages(self) -> None:
        try:
            integrity.verify_pages(self._conn, self.path)
        except sqlite3.Error as e:
            raise _opening_error(self.path, self.read_only, e) from None

    def _verify_schema(self) -> None:
        names = {r[0] for r in self._query("SELECT name FROM sqlite_master WHERE type='table'")}
        missing = REQUIRED_TABLES - names
        if missing:
            raise ProjectFileError("{name} is damaged: tables are missing ({tables}).",
                                   name=self.path.name, tables=", ".join(sorted(missing)))

    # ------------------------------------------------------------------------------- reads
    def _meta(self, name: str) -> str | None:
        found = self._query("SELECT value FROM meta WHERE name = ?", (name,))
        return found[0][0] if found else None

    def info(self) -> ProjectInfo:
        return rows.info_from_json(self._meta("info") or '{"client": ""}')

    def scope(self) -> Scope:
        return rows.scope_from_json(self._meta("scope") or "{}")

    def catalogs(self) -> list[CatalogInfo]:
        return [rows.catalog_from_row(r) for r in self._query("SELECT * FROM catalog ORDER BY position")]

    def requirements(self, catalog_id: str | None = None) -> list[Requirement]:
        """Requirements in display order: catalogs in project order, items in catalog order."""
        sql = ("SELECT r.* FROM requirement r JOIN catalog c ON c.id = r.catalog_id "
               "{where} ORDER BY c.position, r.position")
        if catalog_id is None:
            found = self._query(sql.format(where=""))
        else:
            found = self._query(sql.format(where="WHERE r.catalog_id = ?"), (catalog_id,))
        return [rows.requirement_from_row(r) for r in found]

    def answers(self) -> dict[str, Answer]:
        sql = f"SELECT {', '.join(rows.ANSWER_COLUMNS)} FROM answer"
        return {t[0]: rows.answer_from_tuple(t) for t in self._query(sql)}

    def answer(self, key: str) -> Answer:
        sql = f"SELECT {', '.join(rows.ANSWER_COLUMNS)} FROM answer WHERE key = ?"
        found = self._query(sql, (key,))
        return rows.answer_from_tuple(found[0]) if found else Answer(key)

    def soa(self) -> dict[str, SoAEntry]:
        return {r["key"]: rows.soa_from_row(r) for r in self._query("SELECT * FROM soa")}

    def _linked(self, table: str, link_table: str, id_column: str, convert) -> list:
        with self._reading() as conn:
            links: dict[int, list[str]] = {}
            for owner, key in conn.execute(
                    f"SELECT {id_column}, key FROM {link_table} ORDER BY {id_column}, key"):
                links.setdefault(owner, []).append(key)
            found = conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
        return [convert(r, tuple(links.get(r["id"], ()))) for r in found]

    def actions(self) -> list[Action]:
        return self._linked("action", "action_requirement", "action_id", rows.action_from_row)

    def risks(self) -> list[Risk]:
        return self._linked("risk", "risk_requirement", "risk_id", rows.risk_from_row)

    def next_id(self, record_type: type) -> int:
        table = "action" if record_type is Action else "risk"
        return (self._query(f"SELECT MAX(id) FROM {table}")[0][0] or 0) + 1

    def asset(self, name: str) -> tuple[str, bytes] | None:
        found = self._query("SELECT media_type, data FROM asset WHERE name = ?", (name,))
        return (found[0][0], bytes(found[0][1])) if found else None

    # ------------------------------------------------------------------------------ writes
    def apply(self, edit: Edit) -> None:
        """Write every change of ``edit`` in one committed transaction (all or nothing)."""
        stamp = _now()
        with self._writing() as conn:
            for change in edit.changes:
                record = change.after if change.after is not None else change.before
                writer = _WRITERS[type(record)]
                writer(conn, change.before, change.after, stamp)

    def set_asset(self, name: str, media_type: str | None, data: bytes | None) -> None:
        with self._writing() as conn:
            conn.execute("DELETE FROM asset WHERE name = ?", (name,))
            if data is not None:
                conn.execute("INSERT INTO asset (name, media_type, data) VALUES (?, ?, ?)",
                             (name, media_type, data))

    def add_catalog(self, cat: CatalogInfo, reqs: list[Requirement], sha256: str) -> None:
        with self._writing() as conn:
            position = conn.execute("SELECT COUNT(*) FROM catalog").fetchone()[0]
            _insert_catalog(conn, cat, reqs, sha256, position)

    # ------------------------------------------------------------------------- whole file
    def save_copy(self, destination: str | os.PathLike) -> None:
        """A consistent copy of the open project (VACUUM INTO a temp file, then os.replace)."""
        dest = Path(destination)
        if dest.resolve() == self.path.resolve():
            raise ProjectFileError("Choose another file name than the open project for the copy.")
        if not dest.parent.is_dir():
            raise ProjectFileError("The folder {folder} does not exist.", folder=dest.parent)
        try:
            with atomic_write(dest, create=False) as tmp:  # VACUUM INTO creates the file itself
                self._conn.execute("VACUUM INTO ?", (str(tmp),))  # outside any transaction
        except sqlite3.Error as e:
            raise _new_file_error(dest, e) from None

    def integrity_problems(self) -> list[str]:
        """Empty when SQLite's integrity check, the foreign keys and our invariants hold."""
        problems: list[str] = []
        with self._reading() as conn:
            for (line,) in conn.execute("PRAGMA integrity_check"):
                if line != "ok":
                    problems.append(line)
            for row in conn.execute("PRAGMA foreign_key_check"):
                problems.append(f"broken reference in table {row[0]}")
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                problems.append("wrong application id")
            orphans = conn.execute(
                "SELECT COUNT(*) FROM answer a JOIN requirement r ON r.key = a.key "
                "WHERE NOT r.assessable").fetchone()[0]
            if orphans:
                problems.append(f"{orphans} answers on items that are not assessable")
        return problems


# ------------------------------------------------------------------- writers per record type
def _insert(conn, table: str, values: dict) -> None:
    names = list(values)
    conn.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                 [values[n] for n in names])


def _upsert(conn, table: str, values: dict, key: str) -> None:
    names = list(values)
    updates = ", ".join(f"{n} = excluded.{n}" for n in names if n != key)
    conn.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))}) "
                 f"ON CONFLICT({key}) DO UPDATE SET {updates}", [values[n] for n in names])


def _insert_catalog(conn, cat, reqs, sha256, position) -> None:
    _insert(conn, "catalog", rows.catalog_row(cat, sha256) | {"position": position})
    if reqs:
        first = rows.requirement_row(reqs[0])
        names = list(first)
        conn.executemany(
            f"INSERT INTO requirement ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [[row[n] for n in names] for row in map(rows.requirement_row, reqs)])


def _write_answer(conn, before: Answer | None, after: Answer | None, stamp: str) -> None:
    if after is None or after.is_blank:
        conn.execute("DELETE FROM answer WHERE key = ?", ((after or before).key,))
    else:
        _upsert(conn, "answer", rows.answer_row(after, stamp), "key")


def _write_soa(conn, before: SoAEntry | None, after: SoAEntry | None, _stamp: str) -> None:
    if after is None:
        conn.execute("DELETE FROM soa WHERE key = ?", (before.key,))
    else:
        _upsert(conn, "soa", rows.soa_row(after), "key")


def _linked_writer(table: str, link_table: str, id_column: str, to_row):
    def write(conn, before, after, _stamp: str) -> None:
        record_id = (after or before).id
        conn.execute(f"DELETE FROM {link_table} WHERE {id_column} = ?", (record_id,))
        if after is None:
            conn.execute(f"DELETE FROM {table} WHERE id = ?", (record_id,))
            return
        _upsert(conn, table, to_row(after), "id")
        conn.executemany(f"INSERT INTO {link_table} ({id_column}, key) VALUES (?, ?)",
                         [(after.id, k) for k in after.keys])

    return write


def _write_meta(name: str, to_json):
    def write(conn, _before, after, _stamp: str) -> None:
        _upsert(conn, "meta", {"name": name, "value": to_json(after)}, "name")

    return write


_WRITERS = {
    Answer: _write_answer,
    SoAEntry: _write_soa,
    Action: _linked_writer("action", "action_requirement", "action_id", rows.action_row),
    Risk: _linked_writer("risk", "risk_requirement", "risk_id", rows.risk_row),
    ProjectInfo: _write_meta("info", rows.info_json),
    Scope: _write_meta("scope", rows.scope_json),
}
