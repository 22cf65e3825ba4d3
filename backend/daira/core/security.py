"""Passwords, random tokens and access JWTs."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

# RFC 9106's second recommended option, sized so a login stays well under 250 ms here.
password_hasher = PasswordHash((Argon2Hasher(time_cost=2, memory_cost=19456, parallelism=1),))
_DUMMY_HASH = password_hasher.hash(secrets.token_urlsafe(16))

JWT_ALGORITHM = "HS256"
JWT_AUDIENCE = "daira-api"


def hash_password(password: str) -> str:
    return password_hasher.hash(password)


def verify_password(password: str, hashed: str | None) -> tuple[bool, str | None]:
    """Check a password; (ok, new hash when the parameters changed, else None).

    With no hash (unknown account) a dummy hash is verified so timing reveals nothing.
    """
    if hashed is None:
        password_hasher.verify(password, _DUMMY_HASH)
        return False, None
    return password_hasher.verify_and_update(password, hashed)


def new_token() -> str:
    """A random 256-bit URL-safe token."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_access_token(
    secret: str, *, user_id: int, session_id: int, ttl_seconds: int
) -> tuple[str, int]:
    now = datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "sid": session_id,
        "iat": now,
        "exp": now + timedelta(seconds=ttl_seconds),
        "aud": JWT_AUDIENCE,
    }
    return jwt.encode(claims, secret, algorithm=JWT_ALGORITHM), ttl_seconds


def decode_access_token(secret: str, token: str) -> dict[str, Any] | None:
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            secret,
            algorithms=[JWT_ALGORITHM],
            audience=JWT_AUDIENCE,
            options={"require": ["exp", "sub", "sid"]},
        )
    except jwt.PyJWTError:
        return None
    return claims
