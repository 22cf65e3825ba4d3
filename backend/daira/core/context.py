"""Who is asking, from where: handed to services that record or rate-limit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from daira.core.clientip import client_ip


@dataclass(frozen=True, slots=True)
class ClientInfo:
    ip: str
    user_agent: str


def get_client_info(request: Request) -> ClientInfo:
    return ClientInfo(ip=client_ip(request), user_agent=request.headers.get("user-agent", "")[:300])


ClientDep = Annotated[ClientInfo, Depends(get_client_info)]
