"""Request and response bodies of posts, likes and comments."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from daira.models import ModerationStatus
from daira.users.validation import clean_message

MAX_POST_LENGTH = 1000
MAX_COMMENT_LENGTH = 500


def _text_of_length(maximum: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        value = clean_message(value)
        if not 1 <= len(value) <= maximum:
            raise ValueError(f"Write between 1 and {maximum} characters.")
        return value

    return check


# The raw bound only stops absurd bodies early; the rule is checked after trimming.
PostText = Annotated[
    str, Field(max_length=4 * MAX_POST_LENGTH), AfterValidator(_text_of_length(MAX_POST_LENGTH))
]
CommentText = Annotated[
    str,
    Field(max_length=4 * MAX_COMMENT_LENGTH),
    AfterValidator(_text_of_length(MAX_COMMENT_LENGTH)),
]


class PostIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    content: PostText


class CommentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    content: CommentText


class AuthorOut(BaseModel):
    username: str
    display_name: str
    avatar_url: str | None


class PostOut(BaseModel):
    id: int
    author: AuthorOut
    content: str
    created_at: datetime
    like_count: int
    comment_count: int
    liked_by_me: bool
    moderation_status: ModerationStatus


class CommentOut(BaseModel):
    id: int
    post_id: int
    author: AuthorOut
    content: str
    created_at: datetime
    moderation_status: ModerationStatus
