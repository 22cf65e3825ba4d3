"""The application's settings as a route dependency (never through `request.app.state`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from daira.config import Settings


def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
