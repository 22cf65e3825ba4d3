"""The rules of posts, likes and comments: named actions over the repository."""

from __future__ import annotations

from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from daira.audit.service import record
from daira.core.context import ClientInfo
from daira.core.errors import Forbidden, NotFound
from daira.models import Comment, ModerationStatus, Post, User
from daira.models.base import utcnow
from daira.moderation.content import check_content, queue_if_needed
from daira.notifications.service import Notifier, signal_content_changed
from daira.posts import repository as repo
from daira.posts.repository import is_staff
from daira.tags.service import TagService

ContentKind = Literal["post", "comment"]


def _post_not_found() -> NotFound:
    return NotFound("This post does not exist or is no longer available.", code="post_not_found")


def _comment_not_found() -> NotFound:
    return NotFound(
        "This comment does not exist or is no longer available.", code="comment_not_found"
    )


def _may_delete(viewer: User, author_id: int) -> bool:
    return viewer.id == author_id or is_staff(viewer)


class PostService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.notifier = Notifier(session)

    async def publish(
        self, author: User, text: str, client: ClientInfo, *, on_post: Post | None = None
    ) -> int:
        """Create a post, or a comment on `on_post`: the single path new content takes.
        Its hashtags tag it (posts only), its mentions and the post's author are notified."""
        kind: ContentKind = "post" if on_post is None else "comment"
        decision = await check_content(self.session, author, kind, text, ip=client.ip)
        status = decision.status
        item: Post | Comment
        if on_post is None:
            item = Post(author_id=author.id, content=text, moderation_status=status)
        else:
            item = Comment(
                post_id=on_post.id, author_id=author.id, content=text, moderation_status=status
            )
        self.session.add(item)
        await self.session.flush()
        await queue_if_needed(self.session, decision, item.id, ip=client.ip)
        if isinstance(item, Post):
            await TagService(self.session).tag_post(item)
        await self.notifier.published(author, item, on_post)
        return item.id

    async def create_post(self, author: User, text: str, client: ClientInfo) -> Any:
        post_id = await self.publish(author, text, client)
        return await self.get_post(author, post_id)

    async def get_post(self, viewer: User, post_id: int) -> Any:
        row = await repo.get_post_row(self.session, viewer, post_id)
        if row is None:
            raise _post_not_found()
        return row

    async def _visible_post(self, viewer: User, post_id: int) -> Post:
        post = await repo.get_visible_post(self.session, viewer, post_id)
        if post is None:
            raise _post_not_found()
        return post

    async def delete_post(self, viewer: User, post_id: int, client: ClientInfo) -> None:
        post = await repo.get_live_post(self.session, post_id)
        if post is None:
            raise _post_not_found()
        if not _may_delete(viewer, post.author_id):
            if await repo.get_visible_post(self.session, viewer, post_id) is None:
                raise _post_not_found()
            raise Forbidden("Only the author or a moderator can delete this post.")
        post.deleted_at = utcnow()
        await signal_content_changed(self.session, post)
        await self._audit_staff_deletion(viewer, "post", post.id, post.author_id, client)
        await self.session.flush()

    async def _audit_staff_deletion(
        self, viewer: User, kind: ContentKind, item_id: int, author_id: int, client: ClientInfo
    ) -> None:
        """Staff deleting someone else's content is a moderation action: it is audited."""
        if viewer.id == author_id:
            return
        await record(
            self.session,
            f"{kind}.deleted_by_staff",
            actor_id=viewer.id,
            target_type=kind,
            target_id=item_id,
            ip=client.ip,
            data={"author_id": author_id},
        )

    async def like(self, viewer: User, post_id: int) -> None:
        post = await self._visible_post(viewer, post_id)
        if await repo.add_like(self.session, viewer.id, post_id):
            await self.notifier.liked(viewer, post)

    async def unlike(self, viewer: User, post_id: int) -> None:
        await self._visible_post(viewer, post_id)
        await repo.remove_like(self.session, viewer.id, post_id)

    async def list_comments(self, viewer: User, post_id: int, cursor: Any, limit: int) -> list[Any]:
        await self._visible_post(viewer, post_id)
        params = repo.page_params(viewer.id, cursor, limit, oldest_first=True)
        result = await self.session.execute(repo.VISIBLE_COMMENTS, {**params, "post_id": post_id})
        return list(result.all())

    async def create_comment(
        self, author: User, post_id: int, text: str, client: ClientInfo
    ) -> Any:
        post = await self._visible_post(author, post_id)
        comment_id = await self.publish(author, text, client, on_post=post)
        return await repo.get_comment_row(self.session, comment_id)

    async def delete_comment(self, viewer: User, comment_id: int, client: ClientInfo) -> None:
        comment = await repo.get_live_comment(self.session, comment_id)
        if comment is None:
            raise _comment_not_found()
        if not _may_delete(viewer, comment.author_id):
            if comment.moderation_status != ModerationStatus.visible:
                raise _comment_not_found()
            raise Forbidden("Only the author or a moderator can delete this comment.")
        comment.deleted_at = utcnow()
        await signal_content_changed(self.session, comment)
        await self._audit_staff_deletion(viewer, "comment", comment.id, comment.author_id, client)
        await self.session.flush()
