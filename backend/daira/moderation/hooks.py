"""Where account and profile changes meet moderation.

The trust-and-safety layer fills this in with the rule matcher; the seam exists first so
that sign-up and profile edits call it from the start.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from daira.models import User


async def check_profile_fields(
    session: AsyncSession, user: User | None, fields: dict[str, str]
) -> None:
    """Refuse (422) or queue profile text that matches moderation rules."""
    return None
