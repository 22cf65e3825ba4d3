"""Append to and verify the hash-chained audit log.

Each entry's hash covers its own fields and the previous entry's hash, so editing or
removing any entry breaks every link after it. Appends lock the single chain-head row,
which serialises writers without locking the log itself.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from daira.models import AuditChainHead, AuditEntry
from daira.models.base import utcnow

GENESIS_HASH = "0" * 64
_HEAD_ID = 1


def entry_hash(prev_hash: str, entry: AuditEntry) -> str:
    payload = json.dumps(
        {
            "prev": prev_hash,
            "created_at": entry.created_at.isoformat(),
            "actor_id": entry.actor_id,
            "action": entry.action,
            "target_type": entry.target_type,
            "target_id": entry.target_id,
            "reason": entry.reason,
            "ip": entry.ip,
            "data": entry.data,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


async def record(
    session: AsyncSession,
    action: str,
    *,
    actor_id: int | None,
    target_type: str | None = None,
    target_id: int | str | None = None,
    reason: str | None = None,
    ip: str | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry inside the caller's transaction."""
    head = await session.scalar(
        select(AuditChainHead).where(AuditChainHead.id == _HEAD_ID).with_for_update()
    )
    if head is None:
        head = AuditChainHead(id=_HEAD_ID, last_id=None, last_hash=GENESIS_HASH)
        session.add(head)
    entry = AuditEntry(
        created_at=utcnow(),
        actor_id=actor_id,
        action=action,
        target_type=target_type,
        target_id=None if target_id is None else str(target_id),
        reason=reason,
        ip=ip,
        data=data or {},
        prev_hash=head.last_hash,
    )
    entry.hash = entry_hash(head.last_hash, entry)
    session.add(entry)
    await session.flush()
    head.last_id = entry.id
    head.last_hash = entry.hash
    await session.flush()
    return entry


@dataclass(frozen=True)
class ChainReport:
    intact: bool
    checked: int
    first_bad_id: int | None = None
    problem: str | None = None


async def verify_chain(session: AsyncSession, batch: int = 1000) -> ChainReport:
    """Walk the log in id order; name the first entry that was altered or removed."""
    prev_hash = GENESIS_HASH
    last_id = 0
    checked = 0
    while True:
        rows = (
            await session.scalars(
                select(AuditEntry)
                .where(AuditEntry.id > last_id)
                .order_by(AuditEntry.id)
                .limit(batch)
            )
        ).all()
        if not rows:
            break
        for entry in rows:
            if entry.prev_hash != prev_hash:
                return ChainReport(
                    False, checked, entry.id, "the entry before this one was removed or altered"
                )
            if entry_hash(prev_hash, entry) != entry.hash:
                return ChainReport(False, checked, entry.id, "this entry was altered")
            prev_hash = entry.hash
            last_id = entry.id
            checked += 1
    head = await session.get(AuditChainHead, _HEAD_ID)
    if head is not None and head.last_hash != prev_hash:
        return ChainReport(
            False,
            checked,
            head.last_id,
            "entries at the end of the log were removed",
        )
    return ChainReport(True, checked)
