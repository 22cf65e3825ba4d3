"""Every ORM model, imported here so Alembic sees the whole metadata."""

from daira.models.audit import AuditChainHead, AuditEntry
from daira.models.base import Base
from daira.models.community import Block, Mute, Notification, NotificationKind, PostTag, Tag
from daira.models.moderation import (
    Decision,
    ItemType,
    ModerationClassifierStats,
    ModerationRule,
    ModerationRuleSet,
    QueueEntry,
    QueueSource,
    QueueStatus,
    Report,
    ReportReason,
)
from daira.models.social import Comment, Follow, Like, ModerationStatus, Post
from daira.models.user import (
    AccountToken,
    RecoveryCode,
    RefreshToken,
    Role,
    TokenPurpose,
    User,
    UserSession,
)

__all__ = [
    "AccountToken",
    "AuditChainHead",
    "AuditEntry",
    "Base",
    "Block",
    "Comment",
    "Decision",
    "Follow",
    "ItemType",
    "Like",
    "ModerationClassifierStats",
    "ModerationRule",
    "ModerationRuleSet",
    "ModerationStatus",
    "Mute",
    "Notification",
    "NotificationKind",
    "Post",
    "PostTag",
    "QueueEntry",
    "QueueSource",
    "QueueStatus",
    "RecoveryCode",
    "RefreshToken",
    "Report",
    "ReportReason",
    "Role",
    "Tag",
    "TokenPurpose",
    "User",
    "UserSession",
]
