"""Who may reach whom (blocks, mutes), what they are told (notifications), and hashtags."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from daira.models.base import Base, BigId, CreatedAt, IdPk


class Block(Base):
    """`blocker_id` blocked `blocked_id`: neither reaches nor sees the other."""

    __tablename__ = "blocks"

    id: Mapped[IdPk]
    blocker_id: Mapped[int] = mapped_column(BigId, ForeignKey("users.id", ondelete="CASCADE"))
    blocked_id: Mapped[int] = mapped_column(BigId, ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[CreatedAt]

    __table_args__ = (
        UniqueConstraint("blocker_id", "blocked_id", name="uq_blocks_blocker_blocked"),
        # Visibility checks both directions: this serves "who blocked the viewer".
        Index("ix_blocks_blocked_blocker", "blocked_id", "blocker_id"),
        Index("ix_blocks_blocker_created", "blocker_id", "created_at", "id"),
    )


class Mute(Base):
    """`muter_id` no longer sees `muted_id` in timelines, comments and notifications."""

    __tablename__ = "mutes"

    id: Mapped[IdPk]
    muter_id: Mapped[int] = mapped_column(BigId, ForeignKey("users.id", ondelete="CASCADE"))
    muted_id: Mapped[int] = mapped_column(BigId, ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[CreatedAt]

    __table_args__ = (
        UniqueConstraint("muter_id", "muted_id", name="uq_mutes_muter_muted"),
        Index("ix_mutes_muter_created", "muter_id", "created_at", "id"),
    )


class NotificationKind(StrEnum):
    follow = "follow"
    like = "like"
    comment = "comment"
    mention = "mention"
    report_resolved = "report_resolved"


class Notification(Base):
    __tablename__ = "notifications"

    id: Mapped[IdPk]
    recipient_id: Mapped[int] = mapped_column(BigId, ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[NotificationKind] = mapped_column(String(20))
    # Null for report outcomes: reporters are not told which moderator decided.
    actor_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    post_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("posts.id", ondelete="CASCADE"), index=True
    )
    comment_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    # The outcome of a resolved report ("approved" / "removed").
    outcome: Mapped[str | None] = mapped_column(String(16))
    # Actions that can be undone and redone (like, follow) notify once: the key repeats.
    dedupe_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    created_at: Mapped[CreatedAt]
    read_at: Mapped[datetime | None]

    __table_args__ = (
        Index("ix_notifications_recipient_created", "recipient_id", "created_at", "id"),
    )


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[IdPk]
    # Folded by the moderation normaliser: #القاهره and #القاهرة are one tag.
    name: Mapped[str] = mapped_column(String(64), unique=True)
    # How it was first written, for display.
    display: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[CreatedAt]

    __table_args__ = (
        Index("ix_tags_name_prefix", "name", postgresql_ops={"name": "text_pattern_ops"}),
        Index("ix_tags_created", "created_at", "id"),
    )


class PostTag(Base):
    __tablename__ = "post_tags"

    tag_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True
    )
    post_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True
    )
    # The post's own time, so a tag page walks (tag_id, created_at) newest first.
    created_at: Mapped[CreatedAt]

    __table_args__ = (
        Index("ix_post_tags_tag_created", "tag_id", "created_at", "post_id"),
        Index("ix_post_tags_created", "created_at"),
        Index("ix_post_tags_post", "post_id"),
    )
