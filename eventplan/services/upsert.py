"""``INSERT … ON CONFLICT`` for the database in use: the two dialects spell it alike but
SQLAlchemy keeps their ``insert`` constructs apart."""

from __future__ import annotations

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite


def insert_for(dialect_name: str, table: Table):
    """An ``insert(table)`` that offers ``on_conflict_do_nothing/_update``."""
    module = postgresql if dialect_name == "postgresql" else sqlite
    return module.insert(table)
