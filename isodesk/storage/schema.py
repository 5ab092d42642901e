"""Tables of format version 2 (SQLAlchemy Core): the one definition of the schema.

SQLAlchemy creates new files from it and the migration from format 1 creates its new tables
from it too, so an upgraded file and a new one have the same tables (a test compares them by
reflection). At run time the store uses plain sqlite3 (see project_store.py).

Requirements are *copied* from the catalogs into the project when a standard is added, so a
project opens identically after the catalog files are updated. Catalog fields beyond the
columns below (links, attributes, anchors …) are kept in ``details`` as JSON.

Every record a user edits carries ``updated_at`` (ISO 8601, UTC) and ``updated_by`` (the
assessor's name); deleted actions, risks and attachments leave a ``tombstone``; ``edit_log`` and
``edit_change`` keep every committed edit (the audit trail and the base for merging);
``snapshot`` keeps whole states the project needs to remember (the state a colleague's copy
started from, a follow-up's baseline, the last state merged from another file).

An attachment is two rows: its record in ``attachment`` (read with the project) and its bytes in
``attachment_content`` under their SHA-256 (read only when shown, so opening a project with 200
photos reads none of them). The bytes outlive a detached record until the project is closed, so
Undo can bring the attachment back (storage/attachments.py).
"""
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
)

metadata = MetaData()


def _stamps() -> list[Column]:
    return [Column("updated_at", Text, nullable=False, server_default=""),
            Column("updated_by", Text, nullable=False, server_default="")]


meta = Table(  # project identity, details and scope as JSON values
    "meta",
    metadata,
    Column("name", Text, primary_key=True),
    Column("value", Text, nullable=False),
    *_stamps(),
)

catalog = Table(
    "catalog",
    metadata,
    Column("id", Text, primary_key=True),
    Column("standard", Text, nullable=False),
    Column("edition", Text, nullable=False),
    Column("title_nl", Text, nullable=False),
    Column("title_en", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("source_sha256", Text, nullable=False),  # which catalog file the items came from
    Column("details", Text, nullable=False, server_default="{}"),  # JSON: supersedes …
)

requirement = Table(
    "requirement",
    metadata,
    Column("key", Text, primary_key=True),
    Column("catalog_id", Text, ForeignKey("catalog.id", ondelete="CASCADE"), nullable=False),
    Column("ref", Text, nullable=False),
    Column("parent_ref", Text),
    Column("level", Integer, nullable=False),
    Column("position", Integer, nullable=False),
    Column("assessable", Boolean, nullable=False),
    Column("kind", Text, nullable=False),
    Column("theme", Text),
    Column("hs", Text),
    Column("amendment", Text),
    Column("title_nl", Text, nullable=False),
    Column("title_en", Text, nullable=False),
    Column("summary_nl", Text, nullable=False, server_default=""),
    Column("summary_en", Text, nullable=False, server_default=""),
    Column("questions", Text, nullable=False, server_default="{}"),  # JSON {"nl": [...], "en": [...]}
    Column("evidence", Text, nullable=False, server_default="{}"),
    Column("details", Text, nullable=False, server_default="{}"),  # JSON: the other catalog fields
)

answer = Table(
    "answer",
    metadata,
    Column("key", Text, ForeignKey("requirement.key", ondelete="CASCADE"), primary_key=True),
    Column("result", Text, nullable=False),
    Column("maturity", Integer),
    Column("findings", Text, nullable=False, server_default=""),
    Column("evidence", Text, nullable=False, server_default=""),
    Column("interviewee", Text, nullable=False, server_default=""),
    Column("assessed_on", Text),  # ISO date
    Column("finding_type", Text),
    Column("linked_to", Text, ForeignKey("requirement.key", ondelete="SET NULL")),
    Column("applicable", Boolean),  # Annex A controls: the SoA decision (None: not decided)
    Column("justification", Text, nullable=False, server_default=""),
    Column("client_comment", Text, nullable=False, server_default=""),
    Column("reverify", Boolean, nullable=False, server_default="0"),
    *_stamps(),
    CheckConstraint("result IN ('conform','partial','nonconform','na','open')", name="result_ok"),
    CheckConstraint("maturity IS NULL OR maturity BETWEEN 0 AND 5", name="maturity_ok"),
)

action = Table(
    "action",
    metadata,
    Column("id", Text, primary_key=True),  # UUID: the same action in every copy of the project
    Column("number", Integer, nullable=False, unique=True),  # what users
    Column("title", Text, nullable=False),
    Column("owner", Text, nullable=False, server_default=""),
    Column("deadline", Text),
    Column("priority", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("quick_win", Boolean, nullable=False, server_default="0"),
    *_stamps(),
)

action_requirement = Table(
    "action_requirement",
    metadata,
    Column("action_id", Text, ForeignKey("action.id", ondelete="CASCADE"), nullable=False),
    Column("key", Text, ForeignKey("requirement.key", ondelete="CASCADE"), nullable=False),
    PrimaryKeyConstraint("action_id", "key"),
)

risk = Table(
    "risk",
    metadata,
    Column("id", Text, primary_key=True),
    Column("number", Integer, nullable=False, unique=True),
    Column("description", Text, nullable=False),
    Column("likelihood", Integer, nullable=False),
    Column("impact", Integer, nullable=False),
    Column("treatment", Text, nullable=False),
    Column("owner", Text, nullable=False, server_default=""),
    *_stamps(),
    CheckConstraint("likelihood BETWEEN 1 AND 5 AND impact BETWEEN 1 AND 5", name="risk_scale_ok"),
)

risk_requirement = Table(
    "risk_requirement",
    metadata,
    Column("risk_id", Text, ForeignKey("risk.id", ondelete="CASCADE"), nullable=False),
    Column("key", Text, ForeignKey("requirement.key", ondelete="CASCADE"), nullable=False),
    PrimaryKeyConstraint("risk_id", "key"),
)

attachment_content = Table(  # the bytes of attachments by their SHA-256, read only when shown
    "attachment_content",
    metadata,
    Column("sha256", Text, primary_key=True),
    Column("data", LargeBinary, nullable=False),
    Column("thumbnail", LargeBinary),  # a small JPEG of a photo; NULL for a document
)

attachment = Table(  # evidence on an answer: what it is; its bytes are in attachment_content
    "attachment",
    metadata,
    Column("id", Text, primary_key=True),  # UUID
    Column("key", Text, ForeignKey("requirement.key", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("media_type", Text, nullable=False),
    Column("size", Integer, nullable=False),
    Column("caption", Text, nullable=False, server_default=""),
    Column("sha256", Text, ForeignKey("attachment_content.sha256"), nullable=False),
    Column("position", Integer, nullable=False, server_default="0"),
    *_stamps(),
)
Index("attachment_by_key", attachment.c.key)
Index("attachment_by_content", attachment.c.sha256)

asset = Table(  # binary files of the project itself, e.g. the consultancy's logo for the report
    "asset",
    metadata,
    Column("name", Text, primary_key=True),
    Column("media_type", Text, nullable=False),
    Column("data", LargeBinary, nullable=False),
)

tombstone = Table(  # a deleted action, risk or attachment: a merge must not bring it back
    "tombstone",
    metadata,
    Column("kind", Text, nullable=False),
    Column("id", Text, nullable=False),
    Column("number", Integer),  # the visible number it had (never given out again)
    Column("deleted_at", Text, nullable=False),
    Column("deleted_by", Text, nullable=False),
    PrimaryKeyConstraint("kind", "id"),
)

edit_log = Table(  # one row per committed edit: the audit trail
    "edit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("at", Text, nullable=False),
    Column("by", Text, nullable=False),
    Column("label", Text, nullable=False),
    Column("kind", Text, nullable=False),  # edit, undo, redo, import, merge, migration …
    sqlite_autoincrement=True,
)

edit_change = Table(  # the records an edit changed, before and after, as JSON
    "edit_change",
    metadata,
    Column("seq", Integer, ForeignKey("edit_log.seq", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("record_type", Text, nullable=False),
    Column("record_id", Text, nullable=False),
    Column("before", Text),
    Column("after", Text),
    PrimaryKeyConstraint("seq", "position"),
)
Index("edit_change_by_record", edit_change.c.record_type, edit_change.c.record_id)

snapshot = Table(  # whole states to remember, zlib-compressed JSON (domain/serial.py)
    "snapshot",
    metadata,
    Column("name", Text, primary_key=True),  # base, baseline, sync:<project id>
    Column("project_id", Text, nullable=False),  # whose state it is
    Column("taken_at", Text, nullable=False),
    Column("data", LargeBinary, nullable=False),
)


def create(path) -> None:
    """Create the tables of the current format in the (empty) SQLite file ``path``."""
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{path}")
    try:
        metadata.create_all(engine)
    finally:
        engine.dispose()


def create_statements(names: list[str]) -> list[str]:
    """``CREATE TABLE``/``CREATE INDEX`` statements for the tables ``names`` (for migrations,
    which run on a plain sqlite3 connection)."""
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.schema import CreateIndex, CreateTable

    dialect = sqlite.dialect()
    statements = []
    for name in names:
        table = metadata.tables[name]
        statements.append(str(CreateTable(table).compile(dialect=dialect)))
        statements += [str(CreateIndex(index).compile(dialect=dialect)) for index in table.indexes]
    return statements
