"""Encryption of secrets the server must read back (TOTP seeds), with a key from settings.

Stored values look like `v1:<Fernet token>` (AES-128-CBC + HMAC-SHA256). A database dump
alone then no longer yields anyone's second factor.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_PREFIX = "v1:"


class UnreadableSecret(Exception):
    """A stored secret that this key cannot decrypt (wrong or rotated key)."""


class SecretBox:
    def __init__(self, key_material: str, purpose: bytes) -> None:
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(
            key_material.encode()
        )
        self._fernet = Fernet(base64.urlsafe_b64encode(key))

    def seal(self, plain: str) -> str:
        return _PREFIX + self._fernet.encrypt(plain.encode()).decode()

    def open(self, stored: str) -> str:
        if not stored.startswith(_PREFIX):
            return stored  # written before encryption; sealed again on its next change
        try:
            return self._fernet.decrypt(stored.removeprefix(_PREFIX)).decode()
        except InvalidToken as exc:
            raise UnreadableSecret from exc
