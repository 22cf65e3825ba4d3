"""Request and response bodies of /users."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from daira.auth.schemas import DisplayName, Locale, UserPrivate
from daira.users.validation import clean_message

MAX_BIO_LENGTH = 300


def _check_bio(value: str) -> str:
    value = clean_message(value)
    if len(value) > MAX_BIO_LENGTH:
        raise ValueError(f"Bios are at most {MAX_BIO_LENGTH} characters.")
    return value


Bio = Annotated[str, Field(max_length=4 * MAX_BIO_LENGTH), AfterValidator(_check_bio)]


class ProfileUpdateIn(BaseModel):
    """Only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    display_name: DisplayName | None = None
    bio: Bio | None = None
    locale: Locale | None = None


class MeOut(UserPrivate):
    followers_count: int
    following_count: int
    posts_count: int


class AvatarOut(BaseModel):
    avatar_url: str | None


class UserSummary(BaseModel):
    username: str
    display_name: str
    avatar_url: str | None
    bio: str


class ProfileOut(BaseModel):
    id: int
    username: str
    display_name: str
    bio: str
    avatar_url: str | None
    followers_count: int
    following_count: int
    posts_count: int
    is_following: bool
    is_blocked: bool = Field(description="You blocked this account.")
    is_muted: bool = Field(description="You muted this account.")
    created_at: datetime
