"""The open project file: reads records, applies edits (each in its own committed transaction),
creates, copies and checks files.

Durability (ARCHITECTURE.md): journal_mode=DELETE keeps the saved file a single file,
synchronous=FULL makes every commit survive a power cut, and every edit is one transaction.
We issue BEGIN ourselves (pysqlite with isolation_level=None, SQLAlchemy "Serializable
isolation / Savepoints / Transactional DDL" recipe) so SQLite, not the driver, decides when a
transaction starts.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from sqlalchemy import create_engine, delete, event, func, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.pool import StaticPool

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
from isodesk.storage import migrations, rows, schema
from isodesk.storage.fileformat import (
    APPLICATION_ID,
    FORMAT_VERSION,
    is_writable,
    verify_project_file,
)
from isodesk.storage.lock import ProjectLock


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _make_engine(path: Path, read_only: bool):
    uri = path.resolve().as_uri() + ("?mode=ro" if read_only else "?mode=rw")

    def connect():
        return sqlite3.connect(uri, uri=True, isolation_level=None)

    engine = create_engine("sqlite+pysqlite://", creator=connect, poolclass=StaticPool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        if not read_only:
            cur.execute("PRAGMA journal_mode=DELETE")
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # IMMEDIATE takes the write lock up front, so a write never fails half-way on a lock.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("write") else "BEGIN")

    return engine


def _default_permissions(path: Path) -> None:
    """mkstemp makes 0600 files; a project should get the user's normal permissions."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def _storage_error(path: Path, error: BaseException) -> ProjectFileError:
    """One sentence for an SQLite failure while reading or writing ``path``."""
    text = str(getattr(error, "orig", error)).lower()
    name = path.name
    if "disk is full" in text or "database or disk is full" in text:
        return ProjectFileError(f"Could not save to {name}: the disk is full. The last change was not saved.")
    if "readonly" in text or "read-only" in text:
        return ProjectFileError(f"Could not save to {name}: the file is read-only.")
    if "locked" in text or "busy" in text:
        return ProjectFileError(f"{name} is busy in another program; try again in a moment.")
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return ProjectFileError(f"{name} is damaged and cannot be read ({text}).")
    if "unable to open" in text:
        return ProjectFileError(f"{name} cannot be opened; is the drive still connected?")
    return ProjectFileError(f"Could not use {name}: {text}.")


class ProjectStore:
    """One open .isodesk file. Use ``ProjectStore.open`` / ``ProjectStore.create``."""

    def __init__(self, path: Path, read_only: bool, lock: ProjectLock | None):
        self.path = path
        self.read_only = read_only
        self._lock = lock
        self._engine = _make_engine(path, read_only)

    # ----------------------------------------------------------------- opening and closing
    @classmethod
    def open(cls, path: str | os.PathLike, read_only: bool = False) -> "ProjectStore":
        """Open an existing project. Refusals are ProjectFileError with one sentence; in that
        case the file is untouched."""
        path = Path(path)
        header = verify_project_file(path)
        if not read_only and not is_writable(path):
            raise migrations.ReadOnlyFileError(
                f"{path.name} is read-only here; it can be opened read-only."
            )
        lock = None
        if not read_only:
            lock = ProjectLock(path)
            lock.acquire()
        try:
            store = cls(path, read_only, lock)
            store._verify_schema()
            if header.user_version < FORMAT_VERSION:
                if read_only:
                    raise ProjectFileError(
                        f"{path.name} uses an older file format and must be opened for writing "
                        "once to be upgraded."
                    )
                migrations.upgrade(store._engine, path, header.user_version)
        except BaseException:
            if lock:
                lock.release()
            with contextlib.suppress(Exception):
                store._engine.dispose()  # type: ignore[possibly-undefined]
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
            raise ProjectFileError(f"{path.name} already exists.")
        if not path.parent.is_dir():
            raise ProjectFileError(f"The folder {path.parent} does not exist.")
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        _default_permissions(tmp)
        try:
            engine = _make_engine(tmp, read_only=False)
            with engine.connect() as conn:
                conn.info["write"] = True
                with conn.begin():
                    conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
                    conn.exec_driver_sql(f"PRAGMA user_version={FORMAT_VERSION}")
                    schema.metadata.create_all(conn)
                    conn.execute(insert(schema.meta), [
                        {"name": "info", "value": rows.info_json(info)},
                        {"name": "scope", "value": rows.scope_json(scope or Scope())},
                        {"name": "created", "value": _now()},
                    ])
                    for position, (cat, reqs, sha) in enumerate(catalogs):
                        cls._insert_catalog(conn, cat, reqs, sha, position)
                conn.info["write"] = False
            engine.dispose()
            os.replace(tmp, path)
        except DBAPIError as e:
            raise _storage_error(path, e) from None
        except OSError as e:
            raise ProjectFileError(f"Could not write {path.name}: {e.strerror or e}.") from None
        finally:
            tmp.unlink(missing_ok=True)
        return cls.open(path)

    def close(self) -> None:
        self._engine.dispose()
        if self._lock:
            self._lock.release()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ------------------------------------------------------------------------ transactions
    @contextlib.contextmanager
    def _reading(self) -> Iterator:
        try:
            with self._engine.connect() as conn:
                yield conn
        except DBAPIError as e:
            raise _storage_error(self.path, e) from None

    @contextlib.contextmanager
    def _writing(self) -> Iterator:
        if self.read_only:
            raise ProjectFileError(f"{self.path.name} is open read-only; changes cannot be saved.")
        try:
            with self._engine.connect() as conn:
                conn.info["write"] = True
                try:
                    with conn.begin():
                        yield conn
                finally:
                    conn.info["write"] = False
        except IntegrityError as e:
            raise DataError(f"The change does not fit the project: {e.orig}.") from None
        except DBAPIError as e:
            raise _storage_error(self.path, e) from None

    def _verify_schema(self) -> None:
        with self._reading() as conn:
            names = {r[0] for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='table'")}
        missing = schema.REQUIRED_TABLES - names
        if missing:
            raise ProjectFileError(
                f"{self.path.name} is damaged: tables are missing ({', '.join(sorted(missing))})."
            )

    # ------------------------------------------------------------------------------- reads
    def _meta(self, name: str) -> str | None:
        with self._reading() as conn:
            return conn.execute(
                select(schema.meta.c.value).where(schema.meta.c.name == name)).scalar()

    def info(self) -> ProjectInfo:
        return rows.info_from_json(self._meta("info") or '{"client": ""}')

    def scope(self) -> Scope:
        return rows.scope_from_json(self._meta("scope") or "{}")

    def catalogs(self) -> list[CatalogInfo]:
        with self._reading() as conn:
            result = conn.execute(select(schema.catalog).order_by(schema.catalog.c.position))
            return [rows.catalog_from_row(r) for r in result]

    def catalog_sources(self) -> dict[str, str]:
        """Catalog id → sha256 of the catalog file its items were copied from."""
        with self._reading() as conn:
            return dict(conn.execute(select(schema.catalog.c.id, schema.catalog.c.source_sha256)).all())

    def requirements(self, catalog_id: str | None = None) -> list[Requirement]:
        """Requirements in display order: catalogs in project order, items in catalog order."""
        r, c = schema.requirement, schema.catalog
        query = select(r).join(c, r.c.catalog_id == c.c.id).order_by(c.c.position, r.c.position)
        if catalog_id is not None:
            query = query.where(r.c.catalog_id == catalog_id)
        with self._reading() as conn:
            return [rows.requirement_from_row(row) for row in conn.execute(query)]

    def answers(self) -> dict[str, Answer]:
        sql = f"SELECT {', '.join(rows.ANSWER_COLUMNS)} FROM answer"
        with self._reading() as conn:
            return {t[0]: rows.answer_from_tuple(t) for t in conn.exec_driver_sql(sql)}

    def answer(self, key: str) -> Answer:
        sql = f"SELECT {', '.join(rows.ANSWER_COLUMNS)} FROM answer WHERE key = ?"
        with self._reading() as conn:
            t = conn.exec_driver_sql(sql, (key,)).first()
        return rows.answer_from_tuple(t) if t else Answer(key)

    def soa(self) -> dict[str, SoAEntry]:
        with self._reading() as conn:
            return {r.key: rows.soa_from_row(r) for r in conn.execute(select(schema.soa))}

    def _links(self, conn, table, id_column) -> dict[int, tuple[str, ...]]:
        links: dict[int, list[str]] = {}
        for owner, key in conn.execute(select(id_column, table.c.key).order_by(id_column, table.c.key)):
            links.setdefault(owner, []).append(key)
        return {k: tuple(v) for k, v in links.items()}

    def actions(self) -> list[Action]:
        with self._reading() as conn:
            links = self._links(conn, schema.action_requirement, schema.action_requirement.c.action_id)
            result = conn.execute(select(schema.action).order_by(schema.action.c.id))
            return [rows.action_from_row(r, links.get(r.id, ())) for r in result]

    def risks(self) -> list[Risk]:
        with self._reading() as conn:
            links = self._links(conn, schema.risk_requirement, schema.risk_requirement.c.risk_id)
            result = conn.execute(select(schema.risk).order_by(schema.risk.c.id))
            return [rows.risk_from_row(r, links.get(r.id, ())) for r in result]

    def next_id(self, record_type: type) -> int:
        table = schema.action if record_type is Action else schema.risk
        with self._reading() as conn:
            return (conn.execute(select(func.max(table.c.id))).scalar() or 0) + 1

    def asset(self, name: str) -> tuple[str, bytes] | None:
        with self._reading() as conn:
            row = conn.execute(select(schema.asset).where(schema.asset.c.name == name)).first()
        return (row.media_type, row.data) if row else None

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
            conn.execute(delete(schema.asset).where(schema.asset.c.name == name))
            if data is not None:
                conn.execute(insert(schema.asset).values(name=name, media_type=media_type, data=data))

    def add_catalog(self, cat: CatalogInfo, reqs: list[Requirement], sha256: str) -> None:
        with self._writing() as conn:
            position = conn.execute(select(func.count()).select_from(schema.catalog)).scalar()
            self._insert_catalog(conn, cat, reqs, sha256, position)

    @staticmethod
    def _insert_catalog(conn, cat, reqs, sha256, position) -> None:
        conn.execute(insert(schema.catalog), [rows.catalog_row(cat, sha256) | {"position": position}])
        if reqs:
            conn.execute(insert(schema.requirement), [rows.requirement_row(r) for r in reqs])

    # ------------------------------------------------------------------------- whole file
    def save_copy(self, destination: str | os.PathLike) -> None:
        """A consistent copy of the open project (VACUUM INTO a temp file, then os.replace)."""
        dest = Path(destination)
        if dest.resolve() == self.path.resolve():
            raise ProjectFileError("Choose another file name than the open project for the copy.")
        if not dest.parent.is_dir():
            raise ProjectFileError(f"The folder {dest.parent} does not exist.")
        fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.stem}-", suffix=".tmp", dir=dest.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        tmp.unlink()  # VACUUM INTO wants a file that does not exist yet
        try:
            raw = self._engine.raw_connection()  # VACUUM must run outside a transaction
            try:
                raw.driver_connection.execute("VACUUM INTO ?", (str(tmp),))
            finally:
                raw.close()
            _default_permissions(tmp)
            os.replace(tmp, dest)
        except (DBAPIError, sqlite3.Error) as e:
            raise _storage_error(dest, e) from None
        except OSError as e:
            raise ProjectFileError(f"Could not write {dest.name}: {e.strerror or e}.") from None
        finally:
            tmp.unlink(missing_ok=True)

    def integrity_problems(self) -> list[str]:
        """Empty when SQLite's integrity check, the foreign keys and our invariants hold."""
        problems: list[str] = []
        with self._reading() as conn:
            for (line,) in conn.exec_driver_sql("PRAGMA integrity_check"):
                if line != "ok":
                    problems.append(line)
            for row in conn.exec_driver_sql("PRAGMA foreign_key_check"):
                problems.append(f"broken reference in table {row[0]}")
            if conn.exec_driver_sql("PRAGMA application_id").scalar() != APPLICATION_ID:
                problems.append("wrong application id")
            orphans = conn.exec_driver_sql(
                "SELECT COUNT(*) FROM answer a JOIN requirement r ON r.key = a.key "
                "WHERE NOT r.assessable").scalar()
            if orphans:
                problems.append(f"{orphans} answers on items that are not assessable")
        return problems


# ------------------------------------------------------------------- writers per record type
def _upsert(conn, table, values: dict, key_columns: list[str]) -> None:
    stmt = insert(table).values(values)
    update = {k: stmt.excluded[k] for k in values if k not in key_columns}
    conn.execute(stmt.on_conflict_do_update(index_elements=key_columns, set_=update))


def _write_answer(conn, before: Answer | None, after: Answer | None, stamp: str) -> None:
    if after is None or after.is_blank:
        conn.execute(delete(schema.answer).where(schema.answer.c.key == (after or before).key))
    else:
        _upsert(conn, schema.answer, rows.answer_row(after, stamp), ["key"])


def _write_soa(conn, before: SoAEntry | None, after: SoAEntry | None, _stamp: str) -> None:
    if after is None:
        conn.execute(delete(schema.soa).where(schema.soa.c.key == before.key))
    else:
        _upsert(conn, schema.soa, rows.soa_row(after), ["key"])


def _linked_writer(table, link_table, id_column_name: str, to_row):
    def write(conn, before, after, _stamp: str) -> None:
        record_id = (after or before).id
        link_id = link_table.c[id_column_name]
        conn.execute(delete(link_table).where(link_id == record_id))
        if after is None:
            conn.execute(delete(table).where(table.c.id == record_id))
            return
        _upsert(conn, table, to_row(after), ["id"])
        if after.keys:
            conn.execute(insert(link_table), [{id_column_name: after.id, "key": k} for k in after.keys])

    return write


def _write_meta(name: str, to_json):
    def write(conn, _before, after, _stamp: str) -> None:
        _upsert(conn, schema.meta, {"name": name, "value": to_json(after)}, ["name"])

    return write


_WRITERS = {
    Answer: _write_answer,
    SoAEntry: _write_soa,
    Action: _linked_writer(schema.action, schema.action_requirement, "action_id", rows.action_row),
    Risk: _linked_writer(schema.risk, schema.risk_requirement, "risk_id", rows.risk_row),
    ProjectInfo: _write_meta("info", rows.info_json),
    Scope: _write_meta("scope", rows.scope_json),
}
