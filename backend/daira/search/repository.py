"""Search queries. Text on both sides goes through the moderation normaliser: posts carry
`search_text` (their normalised words), users `display_name_key`, tags their folded name.

Posts: PostgreSQL matches a GIN-indexed `to_tsvector('simple', search_text)` (migration
0005), SQLite the FTS5 table `posts_fts` kept by triggers; every word of the query must
occur, the last one as a prefix. Results go through the same visibility as every list
(`visible_posts`: hidden, deleted, disabled authors and blocks both ways).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    ColumnElement,
    bindparam,
    column,
    func,
    literal_column,
    or_,
    select,
    table,
    tuple_,
)

from daira.blocks.repository import blocked_between
from daira.core.sql import RowSelect
from daira.models import Post, User
from daira.posts.repository import newest_first, visible_posts

_SIMPLE: ColumnElement[str] = literal_column("'simple'::regconfig")
_POSTS_FTS = table("posts_fts", column("rowid"), column("posts_fts"))


def _words_match(dialect: str, words: list[str]) -> ColumnElement[bool]:
    if dialect == "postgresql":
        query = " & ".join(f"'{word}':*" for word in words)
        return func.to_tsvector(_SIMPLE, Post.search_text).op("@@")(
            func.to_tsquery(_SIMPLE, bindparam("words", query))
        )
    query = " ".join(f'"{word}"*' for word in words)
    matching = select(_POSTS_FTS.c.rowid).where(
        _POSTS_FTS.c.posts_fts.op("MATCH")(bindparam("words", query))
    )
    return Post.id.in_(matching)


def posts_with_words(dialect: str, words: list[str]) -> RowSelect:
    """Visible posts containing every word (normalised, alphanumeric), newest first;
    execute with `page_params`."""
    return newest_first(visible_posts().where(_words_match(dialect, words)))


def users_by_prefix(
    viewer_id: int,
    username_prefix: str,
    name_prefix: str,
    cursor: tuple[datetime, int] | None,
    limit: int,
) -> RowSelect:
    """Active accounts whose username or display name starts with the prefix, newest first,
    without those on either side of a block with the viewer."""
    query = select(User).where(
        or_(
            User.username_key.startswith(username_prefix, autoescape=True),
            User.display_name_key.startswith(name_prefix, autoescape=True),
        ),
        User.disabled_at.is_(None),
        ~blocked_between(viewer_id, User.id),
    )
    if cursor is not None:
        query = query.where(
            tuple_(User.created_at, User.id)
            < tuple_(
                bindparam("c_at", cursor[0], type_=User.created_at.type),
                bindparam("c_id", cursor[1], type_=User.id.type),
            )
        )
    return query.order_by(User.created_at.desc(), User.id.desc()).limit(limit + 1)
