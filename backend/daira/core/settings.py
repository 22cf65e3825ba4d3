"""The app's settings as a dependency, so routers need not reach into `request.app.state`."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from daira.config import Settings


def app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(app_settings)]
