"""Small dialect helpers shared by repositories."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def dialect_insert(session: AsyncSession) -> Any:
    """The dialect's `insert`, which has `on_conflict_do_nothing` (PostgreSQL and SQLite)."""
    bind = session.get_bind()
    return postgresql.insert if bind.dialect.name == "postgresql" else sqlite.insert


# A select of any number of columns (SQLAlchemy 2.1 types Select by its column tuple).
RowSelect = Select[*tuple[Any, ...]]
