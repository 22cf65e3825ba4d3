"""Every query over posts, likes and comments, and the one place that decides visibility.

What a viewer may see is decided here and nowhere else: `post_visibility` and
`comment_visibility` are the predicates, `visible_posts` / `VISIBLE_COMMENTS` the only
list queries built on them, and every count (posts_count, comment_count) uses the same
predicates, so lists and counts always agree. Blocks hide both accounts from each other
everywhere (`post_visibility`, `comment_visibility`); mutes hide the muted account from the
muter's timelines (`timeline_visibility`) and comment lists only. `public_post` and
`public_comment` say whether content may be the subject of a notification.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    bindparam,
    delete,
    exists,
    func,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from daira.blocks.repository import blocked_between, muted_by
from daira.core.sql import RowSelect, dialect_insert
from daira.models import Comment, Like, ModerationStatus, Post, Role, User
from daira.models.base import BigId, UTCDateTime, utcnow

Author = aliased(User, name="author")
CommentAuthor = aliased(User, name="comment_author")

VISIBLE = ModerationStatus.visible.value
HIDDEN = ModerationStatus.hidden.value

# List statements are built once, with these binds, and executed with `page_params(...)`:
# building a statement of this size costs more Python time than PostgreSQL takes to run it.
ViewerId = int | ColumnElement[int]
VIEWER_ID: ColumnElement[int] = bindparam("viewer_id", type_=BigId)
CURSOR_AT: ColumnElement[datetime] = bindparam("cursor_at", type_=UTCDateTime())
CURSOR_ID: ColumnElement[int] = bindparam("cursor_id", type_=BigId)
PAGE_SIZE: ColumnElement[int] = bindparam("page_size", type_=Integer())
# Without a cursor a page starts past every row, so one statement serves every page.
_NEWEST_START = (datetime.max.replace(tzinfo=UTC), 2**63 - 1)
_OLDEST_START = (datetime.min.replace(tzinfo=UTC), 0)


def page_params(
    viewer_id: int, cursor: tuple[datetime, int] | None, limit: int, *, oldest_first: bool = False
) -> dict[str, Any]:
    """Bind values for a prebuilt list statement; one extra row tells if more follow."""
    created_at, id_ = cursor or (_OLDEST_START if oldest_first else _NEWEST_START)
    return {
        "viewer_id": viewer_id,
        "cursor_at": created_at,
        "cursor_id": id_,
        "page_size": limit + 1,
    }


def is_staff(viewer: User) -> bool:
    return Role(viewer.role).is_staff


def post_state_visible(
    viewer_id: ViewerId = VIEWER_ID, post: type[Post] = Post
) -> ColumnElement[bool]:
    """The post's own state allows `viewer_id` to see it: not deleted, not removed, and
    hidden only to its author. (The author's account is checked by `post_visibility`.)"""
    return and_(
        post.deleted_at.is_(None),
        or_(
            post.moderation_status == VISIBLE,
            and_(post.moderation_status == HIDDEN, post.author_id == viewer_id),
        ),
    )


def post_visibility(viewer_id: ViewerId = VIEWER_ID) -> ColumnElement[bool]:
    """Posts a viewer sees in lists and counts (needs `Author` joined).

    Never deleted ones nor any by a disabled author or an account on either side of a block
    with the viewer; hidden ones only to their author.
    """
    return and_(
        post_state_visible(viewer_id),
        Author.disabled_at.is_(None),
        ~blocked_between(viewer_id, Author.id),
    )


def timeline_visibility(viewer_id: ViewerId = VIEWER_ID) -> ColumnElement[bool]:
    """`post_visibility` minus the accounts the viewer muted (timelines only)."""
    return and_(post_visibility(viewer_id), ~muted_by(viewer_id, Author.id))


def comment_visibility(viewer_id: ViewerId = VIEWER_ID) -> ColumnElement[bool]:
    """Comments a viewer sees in lists and counts (needs `CommentAuthor` joined)."""
    return and_(
        Comment.deleted_at.is_(None),
        CommentAuthor.disabled_at.is_(None),
        or_(
            Comment.moderation_status == VISIBLE,
            and_(Comment.moderation_status == HIDDEN, Comment.author_id == viewer_id),
        ),
        ~blocked_between(viewer_id, CommentAuthor.id),
        ~muted_by(viewer_id, CommentAuthor.id),
    )


def public_post(post_id: Any) -> ColumnElement[bool]:
    """The post exists for everyone: not deleted, not hidden or removed, its author active."""
    owner = aliased(User)
    return exists().where(
        Post.id == post_id,
        Post.deleted_at.is_(None),
        Post.moderation_status == VISIBLE,
        owner.id == Post.author_id,
        owner.disabled_at.is_(None),
    )


def public_comment(comment_id: Any) -> ColumnElement[bool]:
    """`public_post` for a comment, and for the post it is on."""
    owner = aliased(User)
    return exists().where(
        Comment.id == comment_id,
        Comment.deleted_at.is_(None),
        Comment.moderation_status == VISIBLE,
        owner.id == Comment.author_id,
        owner.disabled_at.is_(None),
        public_post(Comment.post_id),
    )


def _comment_count(viewer_id: ViewerId) -> Any:
    return (
        select(func.count())
        .select_from(Comment)
        .join(CommentAuthor, CommentAuthor.id == Comment.author_id)
        .where(Comment.post_id == Post.id, comment_visibility(viewer_id))
        .correlate(Post)
        .scalar_subquery()
    )


def _author_columns(author: type[User]) -> list[ColumnElement[Any]]:
    """What `presenters.AuthorOut` shows of a post's or comment's author."""
    return [
        author.username.label("author_username"),
        author.display_name.label("author_display_name"),
        author.avatar_key.label("author_avatar_key"),
    ]


def _post_rows(viewer_id: ViewerId = VIEWER_ID) -> RowSelect:
    """One row per post with everything its answer needs: one statement per page."""
    liked = exists().where(Like.user_id == viewer_id, Like.post_id == Post.id)
    return select(
        Post.id,
        Post.author_id,
        Post.content,
        Post.created_at,
        Post.like_count,
        Post.moderation_status,
        *_author_columns(Author),
        _comment_count(viewer_id).label("comment_count"),
        liked.label("liked_by_me"),
    ).join(Author, Author.id == Post.author_id)


def visible_posts() -> RowSelect:
    """The base of every post list (a user's posts, tag pages, search)."""
    return _post_rows().where(post_visibility())


def timeline_posts() -> RowSelect:
    """The base of the home feed and the public timeline."""
    return _post_rows().where(timeline_visibility())


def before_cursor(post: type[Post] = Post) -> ColumnElement[bool]:
    """Strictly older than the cursor in (created_at, id) order (a row comparison, which
    PostgreSQL answers from the (…, created_at, id) indexes)."""
    return tuple_(post.created_at, post.id) < tuple_(CURSOR_AT, CURSOR_ID)


def newest_first(query: RowSelect) -> RowSelect:
    """Keyset page on (created_at, id), newest first."""
    return (
        query.where(before_cursor())
        .order_by(Post.created_at.desc(), Post.id.desc())
        .limit(PAGE_SIZE)
    )


_POST_ID = bindparam("post_id", type_=BigId)
_POST_AS_SEEN = _post_rows().where(Post.id == _POST_ID, post_visibility())
# Staff also see hidden and removed posts and those of disabled authors.
_POST_AS_STAFF_SEES = _post_rows().where(Post.id == _POST_ID, Post.deleted_at.is_(None))


async def get_post_row(session: AsyncSession, viewer: User, post_id: int) -> Any | None:
    """One post as `viewer` may see it; staff also see hidden, removed and disabled authors'."""
    query = _POST_AS_STAFF_SEES if is_staff(viewer) else _POST_AS_SEEN
    return (await session.execute(query, {"viewer_id": viewer.id, "post_id": post_id})).first()


async def get_visible_post(session: AsyncSession, viewer: User, post_id: int) -> Post | None:
    """The post entity if `viewer` may see it in lists (for likes and comments)."""
    query = (
        select(Post)
        .join(Author, Author.id == Post.author_id)
        .where(Post.id == post_id, post_visibility(viewer.id))
    )
    return (await session.execute(query)).scalar_one_or_none()


async def get_live_post(session: AsyncSession, post_id: int) -> Post | None:
    """A post that is not deleted, whatever its moderation status (for permission checks)."""
    return (
        await session.execute(select(Post).where(Post.id == post_id, Post.deleted_at.is_(None)))
    ).scalar_one_or_none()


def posts_count(viewer_id: int, author_id: Any) -> Any:
    """Correlatable count of the posts by `author_id` that the viewer sees."""
    return (
        select(func.count())
        .select_from(Post)
        .join(Author, Author.id == Post.author_id)
        .where(Post.author_id == author_id, post_visibility(viewer_id))
        .scalar_subquery()
    )


async def add_like(session: AsyncSession, user_id: int, post_id: int) -> bool:
    """Like once; the counter moves only when a row was really inserted (exact under races)."""
    insert = dialect_insert(session)
    result = await session.execute(
        insert(Like)
        .values(user_id=user_id, post_id=post_id, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["user_id", "post_id"])
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    await session.execute(
        update(Post).where(Post.id == post_id).values(like_count=Post.like_count + 1)
    )
    return True


async def remove_like(session: AsyncSession, user_id: int, post_id: int) -> bool:
    result = await session.execute(
        delete(Like).where(Like.user_id == user_id, Like.post_id == post_id)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    await session.execute(
        update(Post).where(Post.id == post_id).values(like_count=Post.like_count - 1)
    )
    return True


def _comment_rows() -> RowSelect:
    return select(
        Comment.id,
        Comment.post_id,
        Comment.author_id,
        Comment.content,
        Comment.created_at,
        Comment.moderation_status,
        *_author_columns(CommentAuthor),
    ).join(CommentAuthor, CommentAuthor.id == Comment.author_id)


VISIBLE_COMMENTS = (
    _comment_rows()
    .where(
        Comment.post_id == bindparam("post_id", type_=BigId),
        comment_visibility(),
        tuple_(Comment.created_at, Comment.id) > tuple_(CURSOR_AT, CURSOR_ID),
    )
    .order_by(Comment.created_at, Comment.id)
    .limit(PAGE_SIZE)
)
"""A post's comments the viewer may see, oldest first (`page_params(oldest_first=True)`)."""


async def get_comment_row(session: AsyncSession, comment_id: int) -> Any | None:
    return (await session.execute(_comment_rows().where(Comment.id == comment_id))).first()


async def get_live_comment(session: AsyncSession, comment_id: int) -> Comment | None:
    return (
        await session.execute(
            select(Comment).where(Comment.id == comment_id, Comment.deleted_at.is_(None))
        )
    ).scalar_one_or_none()
