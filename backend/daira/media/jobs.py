"""Deleting replaced media happens after the commit, so a failed request keeps its file."""

from __future__ import annotations

from daira.config import Settings
from daira.core.jobs import job
from daira.media.backends import make_storage


@job("delete_media")
async def delete_media(settings: Settings, *, key: str) -> None:
    await make_storage(settings).delete(key)
