"""Response bodies of /tags."""

from __future__ import annotations

from pydantic import BaseModel, Field


class TagOut(BaseModel):
    name: str = Field(description="Normalised: the tag's URL and identity (`/tags/{name}`).")
    display: str = Field(description="As first written, for showing.")


class TrendingTagOut(TagOut):
    post_count: int


class TrendingOut(BaseModel):
    items: list[TrendingTagOut]
