"""Query parameters and results of /search."""

from __future__ import annotations

from typing import Literal

from daira.core.pagination import Page
from daira.posts.schemas import PostOut
from daira.tags.schemas import TagOut
from daira.users.schemas import UserSummary

SearchType = Literal["users", "posts", "tags"]
SearchPage = Page[UserSummary] | Page[PostOut] | Page[TagOut]
