"""The client's address, trusting X-Forwarded-For only from TRUSTED_PROXIES."""

from __future__ import annotations

import ipaddress

from starlette.requests import HTTPConnection

from daira.config import IPNetwork


def _in(address: str, networks: list[IPNetwork]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in networks)


def resolve_client_ip(peer: str | None, forwarded_for: str | None, trusted: list[IPNetwork]) -> str:
    """Walk X-Forwarded-For from the right, past our own proxies, to the first untrusted hop.

    The rightmost entries were appended by proxies we run; anything left of the first
    untrusted address could have been written by the client and is ignored.
    """
    address = peer or "unknown"
    if not forwarded_for or not _in(address, trusted):
        return address
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return address
        address = hop
        if not _in(hop, trusted):
            return hop
    return address


def client_ip(conn: HTTPConnection) -> str:
    cached: str | None = getattr(conn.state, "client_ip", None)
    if cached is not None:
        return cached
    settings = conn.app.state.settings
    ip = resolve_client_ip(
        conn.client.host if conn.client else None,
        conn.headers.get("x-forwarded-for"),
        settings.trusted_proxies,
    )
    conn.state.client_ip = ip
    return ip


def ip_in(address: str, networks: list[IPNetwork]) -> bool:
    return _in(address, networks)
