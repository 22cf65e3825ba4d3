"""X-Forwarded-For is believed only from TRUSTED_PROXIES, walking from the right."""

from __future__ import annotations

import ipaddress

import pytest

from daira.core.clientip import resolve_client_ip

PROXIES = [ipaddress.ip_network("10.0.0.0/24"), ipaddress.ip_network("fd00::/64")]


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        ("203.0.113.7", None, "203.0.113.7"),
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),  # untrusted peer: header ignored
        ("10.0.0.5", None, "10.0.0.5"),
        ("10.0.0.5", "198.51.100.1", "198.51.100.1"),
        ("10.0.0.5", "1.1.1.1, 198.51.100.1", "198.51.100.1"),  # the client wrote 1.1.1.1
        ("10.0.0.5", "198.51.100.1, 10.0.0.9", "198.51.100.1"),  # two of our proxies
        ("10.0.0.5", "10.0.0.8, 10.0.0.9", "10.0.0.8"),  # only proxies: the furthest one
        ("10.0.0.5", "garbage, 198.51.100.1", "198.51.100.1"),
        ("10.0.0.5", "198.51.100.1, not-an-ip", "10.0.0.5"),  # a broken hop: trust the peer
        ("10.0.0.5", " , ", "10.0.0.5"),
        ("fd00::1", "2001:db8::7", "2001:db8::7"),
        (None, "198.51.100.1", "unknown"),
    ],
)
def test_client_address(peer: str | None, forwarded: str | None, expected: str) -> None:
    assert resolve_client_ip(peer, forwarded, PROXIES) == expected


def test_nothing_is_trusted_by_default() -> None:
    assert resolve_client_ip("10.0.0.5", "198.51.100.1", []) == "10.0.0.5"
