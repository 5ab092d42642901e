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
only when a file is created or upgraded.

Every edit is written with its stamp (when, by whom) on the records it changes and as one entry
of the edit log, in the same transaction: the history can never disagree with the data.
"""
from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import uuid
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator

from isodesk.domain.edits import Edit
from isodesk.domain.errors import DataError, ProjectFileError
from isodesk.domain.model import (
    Action,
    Answer,
    Attachment,
    BasedOn,
    CatalogInfo,
    ProjectInfo,
    Requirement,
    Risk,
    Scope,
)
from isodesk.domain.serial import TYPE_NAMES, record_to_json
from isodesk.domain.snapshot import Stamp
from isodesk.storage import attachments, integrity, migrations, recovery, rows
from isodesk.storage.fileformat import APPLICATION_ID, FORMAT_VERSION, REQUIRED_TABLES
from isodesk.storage.lock import ProjectLock
from isodesk.storage.opening import prepare_open
from isodesk.support.atomic import atomic_write
from isodesk.support.bulk import collector_paused


def now_stamp() -> str:
    """The time of a change as stored: ISO 8601 in UTC, to the millisecond."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


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


@dataclass(frozen=True)
class Loaded:
    """What ``ProjectStore.load`` read."""

    id: str
    based_on: BasedOn | None
    info: ProjectInfo
    scope: Scope
    catalogs: list[CatalogInfo]
    requirements: list[Requirement]
    answers: dict[str, Answer]
    actions: list[Action]
    risks: list[Risk]
    attachments: list[Attachment]
    stamps: dict[tuple[str, str], Stamp]
    numbers: dict[type, int]  # record type → highest visible number it has or had


class ProjectStore:
    """One open .isodesk file. Use ``ProjectStore.open`` / ``ProjectStore.create``."""

    def __init__(self, path: Path, read_only: bool, lock: ProjectLock | None,
                 conn: sqlite3.Connection | None = None):
        self.path = path
        self.read_only = read_only
        self._lock = lock
        # What an upgrade from an older format asks the user to review (empty otherwise).
        self.upgrade_notes: list = []
        self.upgraded_from: int | None = None
        if conn is not None:
            self._conn = conn
            return
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
        no lock or connection is left open. ``lock``: one the caller holds already (create).
        A file of an older format is upgraded (a backup first); opened read-only, it is
        upgraded in memory and the file stays as it is."""
        path = Path(path)
        header, lock = prepare_open(path, read_only, lock)
        try:
            store = cls(path, read_only, lock)
            store._verify_pages()
            store._verify_schema(header.user_version)
            if header.user_version < FORMAT_VERSION:
                if read_only:
                    store._conn = _in_memory_copy(store._conn, path)
                notes = migrations.upgrade(store._conn, path, header.user_version,
                                           backup=not read_only)
                store.upgrade_notes = notes
                store.upgraded_from = header.user_version
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
        project_id: str | None = None,
        based_on: BasedOn | None = None,
        author: str = "",
    ) -> "ProjectStore":
        """Write a new project and open it. The file appears complete or not at all."""
        path = Path(path)
        if path.exists() and not overwrite:
            raise ProjectFileError("{name} already exists.", name=path.name)
        if not path.parent.is_dir():
            raise ProjectFileError("The folder {folder} does not exist.", folder=path.parent)
        stamp = now_stamp()
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
                    conn.executemany(
                        "INSERT INTO meta (name, value, updated_at, updated_by) VALUES (?, ?, ?, ?)", [
                            ("project", _project_json(project_id or str(uuid.uuid4()), based_on),
                             stamp, author),
                            ("info", rows.info_json(info), stamp, author),
                            ("scope", rows.scope_json(scope or Scope()), stamp, author),
                            ("created", stamp, stamp, author)])
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
        if not self.read_only:  # the bytes of attachments detached in this session
            attachments.purge_quietly(self)
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
        """Several SELECTs that must see one state of the file (one read transaction; inside
        another one, that one)."""
        if self._conn.in_transaction:
            yield self._conn
            return
        try:
            self._conn.execute("BEGIN")
            try:
                yield self._conn
            finally:
                self._conn.execute("COMMIT")
        except sqlite3.Error as e:
            raise _storage_error(self.path, e) from None

    def _tuples(self, sql: str, params=()) -> list[tuple]:
        """Rows as plain tuples: the fast path for the big tables."""
        try:
            cursor = self._conn.execute(sql, params)
            cursor.row_factory = None
            return cursor.fetchall()
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

    def _verify_schema(self, version: int) -> None:
        names = {r[0] for r in self._query("SELECT name FROM sqlite_master WHERE type='table'")}
        missing = REQUIRED_TABLES.get(version, REQUIRED_TABLES[FORMAT_VERSION]) - names
        if missing:
            raise ProjectFileError("{name} is damaged: tables are missing ({tables}).",
                                   name=self.path.name, tables=", ".join(sorted(missing)))

    # ------------------------------------------------------------------------------- reads
    def _meta(self, name: str) -> str | None:
        found = self._query("SELECT value FROM meta WHERE name = ?", (name,))
        return found[0][0] if found else None

    def identity(self) -> tuple[str, BasedOn | None]:
        """The project's id and what it was made from."""
        data = json.loads(self._meta("project") or "{}")
        based_on = data.get("based_on")
        return data.get("id", ""), BasedOn(based_on["id"], based_on["kind"]) if based_on else None

    def info(self) -> ProjectInfo:
        return rows.info_from_json(self._meta("info") or '{"client": ""}')

    def scope(self) -> Scope:
        return rows.scope_from_json(self._meta("scope") or "{}")

    def catalogs(self) -> list[CatalogInfo]:
        return [rows.catalog_from_row(r) for r in self._query("SELECT * FROM catalog ORDER BY position")]

    def requirements(self, catalog_id: str | None = None) -> list[Requirement]:
        """Requirements in display order: catalogs in project order, items in catalog order."""
        columns = ", ".join(f"r.{name}" for name in rows.REQUIREMENT_SELECT)
        sql = (f"SELECT {columns} FROM requirement r JOIN catalog c ON c.id = r.catalog_id "
               "{where} ORDER BY c.position, r.position")
        if catalog_id is None:
            found = self._tuples(sql.format(where=""))
        else:
            found = self._tuples(sql.format(where="WHERE r.catalog_id = ?"), (catalog_id,))
        return rows.requirements_from_rows(found)

    def answers(self) -> dict[str, Answer]:
        """The answers that say anything (a cleared answer keeps its row for its stamp)."""
        sql = f"SELECT {', '.join(rows.ANSWER_COLUMNS)} FROM answer WHERE NOT ({rows.BLANK_ANSWER})"
        convert = rows.answer_from_tuple
        return {t[0]: convert(t) for t in self._tuples(sql)}

    def answer(self, key: str) -> Answer:
        sql = f"SELECT {', '.join(rows.ANSWER_COLUMNS)} FROM answer WHERE key = ?"
        found = self._query(sql, (key,))
        return rows.answer_from_tuple(found[0]) if found else Answer(key)

    def _linked(self, table: str, link_table: str, id_column: str, convert) -> list:
        with self._reading() as conn:
            links: dict[str, list[str]] = {}
            for owner, key in conn.execute(
                    f"SELECT {id_column}, key FROM {link_table} ORDER BY {id_column}, key"):
                links.setdefault(owner, []).append(key)
            found = conn.execute(f"SELECT * FROM {table} ORDER BY number").fetchall()
        return [convert(r, tuple(links.get(r["id"], ()))) for r in found]

    def actions(self) -> list[Action]:
        return self._linked("action", "action_requirement", "action_id", rows.action_from_row)

    def risks(self) -> list[Risk]:
        return self._linked("risk", "risk_requirement", "risk_id", rows.risk_from_row)

    def attachments(self) -> list[Attachment]:
        """Metadata only: the content is read when an attachment is shown."""
        columns = ", ".join(rows.ATTACHMENT_COLUMNS)
        return [rows.attachment_from_row(r)
                for r in self._query(f"SELECT {columns} FROM attachment ORDER BY key, position")]

    def load(self) -> "Loaded":
        """Everything a session holds in memory, read in one transaction (one state of the
        file) with as few passes over the big tables as possible."""
        with self._reading(), collector_paused():
            project_id, based_on = self.identity()
            stamps: dict[tuple[str, str], Stamp] = {}
            columns = ", ".join((*rows.ANSWER_COLUMNS, *rows.STAMP_COLUMNS))
            convert = rows.answer_from_tuple
            answers = {}
            for t in self._tuples(f"SELECT {columns} FROM answer WHERE NOT ({rows.BLANK_ANSWER})"):
                answers[t[0]] = convert(t)
                stamps[("answer", t[0])] = Stamp(t[-2], t[-1])
            for kind, table, ident in (("action", "action", "id"), ("risk", "risk", "id"),
                                       ("attachment", "attachment", "id")):
                for t in self._tuples(f"SELECT {ident}, updated_at, updated_by FROM {table}"):
                    stamps[(kind, t[0])] = Stamp(t[1], t[2])
            for t in self._tuples("SELECT name, updated_at, updated_by FROM meta "
                                  "WHERE name IN ('info', 'scope')"):
                stamps[(t[0], t[0])] = Stamp(t[1], t[2])
            return Loaded(project_id, based_on, self.info(), self.scope(), self.catalogs(),
                          self.requirements(), answers, self.actions(), self.risks(),
                          self.attachments(), stamps,
                          {Action: self.used_numbers(Action), Risk: self.used_numbers(Risk)})

    def stamps(self) -> dict[tuple[str, str], tuple[str, str]]:
        """(record kind, identity) → (updated_at, updated_by) of every record."""
        out: dict[tuple[str, str], tuple[str, str]] = {}
        with self._reading() as conn:
            for kind, table, ident in (("answer", "answer", "key"), ("action", "action", "id"),
                                       ("risk", "risk", "id"), ("attachment", "attachment", "id")):
                for row in conn.execute(f"SELECT {ident}, updated_at, updated_by FROM {table}"):
                    out[(kind, row[0])] = (row[1], row[2])
            for row in conn.execute("SELECT name, updated_at, updated_by FROM meta "
                                    "WHERE name IN ('info', 'scope')"):
                out[(row[0], row[0])] = (row[1], row[2])
        return out

    def used_numbers(self, record_type: type) -> int:
        """The highest visible number an action (or risk) has or had: numbers are not reused."""
        table = "action" if record_type is Action else "risk"
        found = self._query(f"SELECT MAX(n) FROM (SELECT MAX(number) AS n FROM {table} UNION ALL "
                            "SELECT MAX(number) FROM tombstone WHERE kind = ?)", (table,))
        return found[0][0] or 0

    def tombstones(self) -> dict[tuple[str, str], tuple[str, str]]:
        return {(r["kind"], r["id"]): (r["deleted_at"], r["deleted_by"])
                for r in self._query("SELECT * FROM tombstone")}

    def history(self, record_type: str, record_id: str) -> list[dict]:
        """The edits of one record, newest first: when, who, what, before and after (JSON)."""
        found = self._query(
            "SELECT l.seq, l.at, l.by, l.label, l.kind, c.before, c.after FROM edit_change c "
            "JOIN edit_log l ON l.seq = c.seq WHERE c.record_type = ? AND c.record_id = ? "
            "ORDER BY l.seq DESC, c.position DESC", (record_type, record_id))
        return [{"seq": r["seq"], "at": r["at"], "by": r["by"], "label": r["label"],
                 "kind": r["kind"], "before": json.loads(r["before"]) if r["before"] else None,
                 "after": json.loads(r["after"]) if r["after"] else None} for r in found]

    def log(self, limit: int | None = None) -> list[dict]:
        """The edit log, newest first."""
        sql = "SELECT seq, at, by, label, kind FROM edit_log ORDER BY seq DESC"
        found = self._query(sql + (" LIMIT ?" if limit else ""), (limit,) if limit else ())
        return [dict(r) for r in found]

    def head(self) -> tuple[int, str] | None:
        """The newest entry of the edit log (its seq and time): names the state the file is in,
        so another file can later tell whether it still descends from that state."""
        found = self._query("SELECT seq, at FROM edit_log ORDER BY seq DESC LIMIT 1")
        return (found[0][0], found[0][1]) if found else None

    def has_logged(self, seq: int, at: str) -> bool:
        """Whether this file's history holds that entry: copies carry the log they were made
        with, so a state's head is in every file that descends from it."""
        return bool(self._query("SELECT 1 FROM edit_log WHERE seq = ? AND at = ?", (seq, at)))

    def snapshot(self, name: str) -> tuple[str, str, dict] | None:
        """A stored state: (project id, taken at, content as domain/serial.py writes it)."""
        found = self._query("SELECT project_id, taken_at, data FROM snapshot WHERE name = ?", (name,))
        if not found:
            return None
        project_id, taken_at, data = found[0]
        return project_id, taken_at, json.loads(zlib.decompress(data))

    def snapshot_names(self) -> list[str]:
        return [r[0] for r in self._query("SELECT name FROM snapshot ORDER BY name")]

    def asset(self, name: str) -> tuple[str, bytes] | None:
        found = self._query("SELECT media_type, data FROM asset WHERE name = ?", (name,))
        return (found[0][0], bytes(found[0][1])) if found else None

    # ------------------------------------------------------------------------------ writes
    def apply(self, edit: Edit, at: str, by: str, kind: str = "edit") -> None:
        """Write every change of ``edit`` in one committed transaction (all or nothing), with
        the stamp (``at``, ``by``) on each record and one entry in the edit log; the stored
        states the edit sets (a merge's sync point) are part of the same transaction."""
        with self._writing() as conn:
            _write_edit(conn, edit, at, by, kind)

    def log_event(self, label: str, kind: str, at: str, by: str) -> None:
        """A history entry that changed no record (a copy was made, a merge found nothing)."""
        with self._writing() as conn:
            conn.execute("INSERT INTO edit_log (at, by, label, kind) VALUES (?, ?, ?, ?)",
                         (at, by, label, kind))

    def set_identity(self, project_id: str, based_on: BasedOn | None, at: str, by: str) -> None:
        with self._writing() as conn:
            _upsert(conn, "meta", {"name": "project", "value": _project_json(project_id, based_on),
                                   "updated_at": at, "updated_by": by}, "name")

    def set_snapshot(self, name: str, project_id: str, taken_at: str, data: dict) -> None:
        with self._writing() as conn:
            _write_snapshot(conn, name, (project_id, taken_at, data))

    def set_asset(self, name: str, media_type: str | None, data: bytes | None) -> None:
        with self._writing() as conn:
            conn.execute("DELETE FROM asset WHERE name = ?", (name,))
            if data is not None:
                conn.execute("INSERT INTO asset (name, media_type, data) VALUES (?, ?, ?)",
                             (name, media_type, data))

    def add_catalog(self, cat: CatalogInfo, reqs: list[Requirement], sha256: str,
                    edit: Edit | None = None, at: str = "", by: str = "",
                    kind: str = "edit") -> None:
        """Add a standard (after the others); with ``edit``, its records and history entry in
        the same transaction: a transition's new edition and the answers carried into it
        appear together or not at all."""
        with self._writing() as conn:
            position = conn.execute("SELECT COUNT(*) FROM catalog").fetchone()[0]
            _insert_catalog(conn, cat, reqs, sha256, position)
            if edit is not None:
                _write_edit(conn, edit, at, by, kind)

    # ------------------------------------------------------------------------- whole file
    def save_copy(self, destination: str | os.PathLike,
                  prepare: Callable[["ProjectStore"], None] | None = None) -> None:
        """A consistent copy of the open project (VACUUM INTO a temp file, then os.replace).

        ``prepare(store)`` may change the copy (its identity, say) before it appears: a kill
        at any moment leaves either no copy or the finished one.
        """
        dest = Path(destination)
        if dest.resolve() == self.path.resolve():
            raise ProjectFileError("Choose another file name than the open project for the copy.")
        if not dest.parent.is_dir():
            raise ProjectFileError("The folder {folder} does not exist.", folder=dest.parent)
        try:
            with atomic_write(dest, create=False) as tmp:  # VACUUM INTO creates the file itself
                self._conn.execute("VACUUM INTO ?", (str(tmp),))  # outside any transaction
                copy = ProjectStore(tmp, read_only=False, lock=None)
                try:
                    attachments.purge_unused(copy)  # a photo detached here does not travel
                    if prepare is not None:
                        prepare(copy)
                finally:
                    copy._conn.close()
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
def _project_json(project_id: str, based_on: BasedOn | None) -> str:
    return json.dumps({"id": project_id,
                       "based_on": {"id": based_on.id, "kind": based_on.kind} if based_on else None})


def _in_memory_copy(conn: sqlite3.Connection, path: Path) -> sqlite3.Connection:
    """The database of ``conn`` copied into memory (to upgrade a file opened read-only)."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.backup(memory)
    except sqlite3.Error as e:
        memory.close()
        raise _storage_error(path, e) from None
    finally:
        conn.close()
    memory.execute("PRAGMA foreign_keys=ON")
    memory.row_factory = sqlite3.Row
    return memory


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


def _write_edit(conn, edit: Edit, at: str, by: str, kind: str) -> None:
    for change in edit.changes:
        record = change.after if change.after is not None else change.before
        _WRITERS[type(record)](conn, change.before, change.after, at, by)
    for state in edit.snapshots:
        _write_snapshot(conn, state.name, state.after)
    _log_edit(conn, edit, at, by, kind)


def _write_snapshot(conn, name: str, state: tuple[str, str, dict] | None) -> None:
    if state is None:
        conn.execute("DELETE FROM snapshot WHERE name = ?", (name,))
        return
    project_id, taken_at, data = state
    blob = zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())
    _upsert(conn, "snapshot", {"name": name, "project_id": project_id, "taken_at": taken_at,
                               "data": blob}, "name")


def _write_answer(conn, before: Answer | None, after: Answer | None, at: str, by: str) -> None:
    # A cleared answer keeps its row: the stamp says who cleared it and when.
    _upsert(conn, "answer", rows.answer_row(after or Answer(before.key), at, by), "key")


def _write_attachment(conn, before: Attachment | None, after: Attachment | None, at: str,
                      by: str) -> None:
    record = after or before
    if after is None:  # the bytes stay until the project is closed: Undo brings it back
        conn.execute("DELETE FROM attachment WHERE id = ?", (record.id,))
        _upsert(conn, "tombstone", {"kind": "attachment", "id": record.id, "number": None,
                                    "deleted_at": at, "deleted_by": by}, "kind, id")
        return
    if not conn.execute("SELECT 1 FROM attachment_content WHERE sha256 = ?",
                        (after.sha256,)).fetchone():
        raise DataError("The file {name} is no longer in the project; attach it again.",
                        name=after.name)
    conn.execute("DELETE FROM tombstone WHERE kind = 'attachment' AND id = ?", (record.id,))
    _upsert(conn, "attachment", rows.attachment_row(after, at, by), "id")


def _numbered_writer(table: str, link_table: str, id_column: str, to_row):
    def write(conn, before, after, at: str, by: str) -> None:
        record = after or before
        conn.execute(f"DELETE FROM {link_table} WHERE {id_column} = ?", (record.id,))
        if after is None:
            conn.execute(f"DELETE FROM {table} WHERE id = ?", (record.id,))
            _upsert(conn, "tombstone", {"kind": table, "id": record.id, "number": record.number,
                                        "deleted_at": at, "deleted_by": by}, "kind, id")
            return
        conn.execute("DELETE FROM tombstone WHERE kind = ? AND id = ?", (table, record.id))
        _upsert(conn, table, to_row(after, at, by), "id")
        conn.executemany(f"INSERT INTO {link_table} ({id_column}, key) VALUES (?, ?)",
                         [(after.id, k) for k in after.keys])

    return write


def _write_meta(name: str, to_json):
    def write(conn, _before, after, at: str, by: str) -> None:
        _upsert(conn, "meta", {"name": name, "value": to_json(after), "updated_at": at,
                               "updated_by": by}, "name")

    return write


_WRITERS = {
    Answer: _write_answer,
    Action: _numbered_writer("action", "action_requirement", "action_id", rows.action_row),
    Risk: _numbered_writer("risk", "risk_requirement", "risk_id", rows.risk_row),
    Attachment: _write_attachment,
    ProjectInfo: _write_meta("info", rows.info_json),
    Scope: _write_meta("scope", rows.scope_json),
}


def _identity(record) -> str:
    if isinstance(record, (ProjectInfo, Scope)):
        return TYPE_NAMES[type(record)]
    return record.key if isinstance(record, Answer) else record.id


def _log_edit(conn, edit: Edit, at: str, by: str, kind: str) -> None:
    seq = conn.execute("INSERT INTO edit_log (at, by, label, kind) VALUES (?, ?, ?, ?)",
                       (at, by, edit.label, kind)).lastrowid
    conn.executemany(
        "INSERT INTO edit_change (seq, position, record_type, record_id, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(seq, position, TYPE_NAMES[type(c.after if c.after is not None else c.before)],
          _identity(c.after if c.after is not None else c.before),
          _encode(c.before), _encode(c.after)) for position, c in enumerate(edit.changes)])


def _encode(record) -> str | None:
    return None if record is None else json.dumps(record_to_json(record), ensure_ascii=False,
                                                  separators=(",", ":"))
