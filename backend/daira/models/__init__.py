"""Every ORM model, imported here so Alembic sees the whole metadata."""

from daira.models.audit import AuditChainHead, AuditEntry
from daira.models.base import Base
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
    "Comment",
    "Decision",
    "Follow",
    "ItemType",
    "Like",
    "ModerationClassifierStats",
    "ModerationRule",
    "ModerationRuleSet",
    "ModerationStatus",
    "Post",
    "QueueEntry",
    "QueueSource",
    "QueueStatus",
    "RecoveryCode",
    "RefreshToken",
    "Report",
    "ReportReason",
    "Role",
    "TokenPurpose",
    "User",
    "UserSession",
]
