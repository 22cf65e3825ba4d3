"""The social graph and content: follows, posts, likes, comments."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, validates

from daira.models.base import Base, BigId, CreatedAt, IdPk
from daira.moderation.normalize import normalize


class ModerationStatus(StrEnum):
    visible = "visible"
    hidden = "hidden"  # by a rule or by reports, until a moderator reviews it
    removed = "removed"  # by a moderator: content erased, the row kept as a tombstone


class Follow(Base):
    __tablename__ = "follows"

    id: Mapped[IdPk]
    follower_id: Mapped[int] = mapped_column(BigId, ForeignKey("users.id", ondelete="CASCADE"))
    followee_id: Mapped[int] = mapped_column(BigId, ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[CreatedAt]

    __table_args__ = (
        UniqueConstraint("follower_id", "followee_id", name="uq_follows_follower_followee"),
        Index("ix_follows_followee_follower", "followee_id", "follower_id"),
    )


class Post(Base):
    __tablename__ = "posts"

    id: Mapped[IdPk]
    author_id: Mapped[int] = mapped_column(BigId, ForeignKey("users.id", ondelete="CASCADE"))
    content: Mapped[str] = mapped_column(Text)
    created_at: Mapped[CreatedAt]
    deleted_at: Mapped[datetime | None]
    moderation_status: Mapped[ModerationStatus] = mapped_column(
        String(16), default=ModerationStatus.visible
    )
    # Likes stay when their author is disabled (SPEC), so a stored counter stays exact.
    like_count: Mapped[int] = mapped_column(Integer, default=0)
    # The content's words as the moderation normaliser reads them (no tashkeel, tatweel or
    # case; one alef, ya and ta-marbuta form), which search indexes and queries alike.
    search_text: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        # Covering on PostgreSQL: the home feed's per-author walk decides visibility from
        # the index alone (an index-only scan) and reads only the page's rows from the table.
        Index(
            "ix_posts_author_created",
            "author_id",
            "created_at",
            "id",
            postgresql_include=["moderation_status", "deleted_at"],
        ),
        Index("ix_posts_created", "created_at", "id"),
    )

    @validates("content")
    def _index_content(self, _key: str, content: str) -> str:
        self.search_text = normalize(content)
        return content


class Like(Base):
    __tablename__ = "likes"

    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    post_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[CreatedAt]

    __table_args__ = (Index("ix_likes_post", "post_id"),)


class Comment(Base):
    __tablename__ = "comments"

    id: Mapped[IdPk]
    post_id: Mapped[int] = mapped_column(BigId, ForeignKey("posts.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    content: Mapped[str] = mapped_column(Text)
    created_at: Mapped[CreatedAt]
    deleted_at: Mapped[datetime | None]
    moderation_status: Mapped[ModerationStatus] = mapped_column(
        String(16), default=ModerationStatus.visible
    )

    __table_args__ = (Index("ix_comments_post_created", "post_id", "created_at", "id"),)
