from typing import Any

import pytest

from daira.media.backends import CACHE_CONTROL, LocalStorage, S3Storage, make_storage
from tests.conftest import make_settings


class FakeS3:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def put_object(self, **kwargs: Any) -> None:
        self.calls.append(("put_object", kwargs))

    def delete_object(self, **kwargs: Any) -> None:
        self.calls.append(("delete_object", kwargs))


async def test_s3_backend_puts_with_cache_headers_and_deletes() -> None:
    client = FakeS3()
    storage = S3Storage(client, "daira-media")
    await storage.put("avatars/abc.webp", b"bytes", "image/webp")
    await storage.delete("avatars/abc.webp")
    assert client.calls == [
        (
            "put_object",
            {
                "Bucket": "daira-media",
                "Key": "avatars/abc.webp",
                "Body": b"bytes",
                "ContentType": "image/webp",
                "CacheControl": CACHE_CONTROL,
            },
        ),
        ("delete_object", {"Bucket": "daira-media", "Key": "avatars/abc.webp"}),
    ]


def test_media_backend_setting_selects_the_storage(monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(make_storage(make_settings(25)), LocalStorage)
    fake = FakeS3()
    monkeypatch.setattr("daira.media.backends._s3_client", lambda settings: fake)
    s3 = make_storage(make_settings(25, media_backend="s3", s3_bucket="b"))
    assert isinstance(s3, S3Storage)
    assert s3.client is fake
    with pytest.raises(ValueError, match="S3_BUCKET"):
        make_storage(make_settings(25, media_backend="s3"))


async def test_local_storage_refuses_keys_outside_its_root(tmp_path: Any) -> None:
    storage = LocalStorage(tmp_path)
    with pytest.raises(ValueError, match="outside"):
        await storage.put("../evil.webp", b"x", "image/webp")
    await storage.put("avatars/ok.webp", b"x", "image/webp")
    assert (tmp_path / "avatars" / "ok.webp").read_bytes() == b"x"
    await storage.delete("avatars/ok.webp")
    await storage.delete("avatars/ok.webp")
    assert not (tmp_path / "avatars" / "ok.webp").exists()
