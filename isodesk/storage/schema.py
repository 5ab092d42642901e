"""Tables of format version 1 (SQLAlchemy Core): the one definition of the schema.

Requirements are *copied* from the catalogs into the project when a standard is added, so a
project opens identically after the catalog files are updated.
"""
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
)

metadata = MetaData()

meta = Table(  # project info and scope as JSON values
    "meta",
    metadata,
    Column("name", Text, primary_key=True),
    Column("value", Text, nullable=False),
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
    Column("summary_nl", Text, nullable=False, default=""),
    Column("summary_en", Text, nullable=False, default=""),
    Column("questions", Text, nullable=False, default="{}"),  # JSON {"nl": [...], "en": [...]}
    Column("evidence", Text, nullable=False, default="{}"),
)

answer = Table(
    "answer",
    metadata,
    Column("key", Text, ForeignKey("requirement.key", ondelete="CASCADE"), primary_key=True),
    Column("result", Text, nullable=False),
    Column("maturity", Integer),
    Column("findings", Text, nullable=False, default=""),
    Column("evidence", Text, nullable=False, default=""),
    Column("interviewee", Text, nullable=False, default=""),
    Column("assessed_on", Text),  # ISO date
    Column("finding_type", Text),
    Column("linked_to", Text, ForeignKey("requirement.key", ondelete="SET NULL")),
    Column("updated_at", Text, nullable=False),
    CheckConstraint("result IN ('conform','partial','nonconform','na','open')", name="result_ok"),
    CheckConstraint("maturity IS NULL OR maturity BETWEEN 0 AND 5", name="maturity_ok"),
)

soa = Table(
    "soa",
    metadata,
    Column("key", Text, ForeignKey("requirement.key", ondelete="CASCADE"), primary_key=True),
    Column("applicable", Boolean),
    Column("justification", Text, nullable=False, default=""),
    Column("implementation", Text),
)

action = Table(
    "action",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("title", Text, nullable=False),
    Column("owner", Text, nullable=False, default=""),
    Column("deadline", Text),
    Column("priority", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("quick_win", Boolean, nullable=False, default=False),
)

action_requirement = Table(
    "action_requirement",
    metadata,
    Column("action_id", Integer, ForeignKey("action.id", ondelete="CASCADE"), nullable=False),
    Column("key", Text, ForeignKey("requirement.key", ondelete="CASCADE"), nullable=False),
    PrimaryKeyConstraint("action_id", "key"),
)

risk = Table(
    "risk",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("description", Text, nullable=False),
    Column("likelihood", Integer, nullable=False),
    Column("impact", Integer, nullable=False),
    Column("treatment", Text, nullable=False),
    Column("owner", Text, nullable=False, default=""),
    CheckConstraint("likelihood BETWEEN 1 AND 5 AND impact BETWEEN 1 AND 5", name="risk_scale_ok"),
)

risk_requirement = Table(
    "risk_requirement",
    metadata,
    Column("risk_id", Integer, ForeignKey("risk.id", ondelete="CASCADE"), nullable=False),
    Column("key", Text, ForeignKey("requirement.key", ondelete="CASCADE"), nullable=False),
    PrimaryKeyConstraint("risk_id", "key"),
)

asset = Table(  # binary attachments, e.g. the consultant's logo for the report cover
    "asset",
    metadata,
    Column("name", Text, primary_key=True),
    Column("media_type", Text, nullable=False),
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
