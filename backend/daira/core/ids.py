"""Path parameters naming a row: positive and within BIGINT, so a huge id is a 422, not a 500."""

from typing import Annotated

from fastapi import Path

MAX_ID = 2**63 - 1

RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
