"""Where media bytes are kept: local disk (default) or an S3-compatible bucket."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated, Any, Protocol

from fastapi import Depends, Request

from daira.config import Settings

# Every stored name is random and never reused, so clients and CDNs may keep it for a year.
CACHE_CONTROL = "public, max-age=31536000, immutable"


class MediaStorage(Protocol):
    async def put(self, key: str, data: bytes, content_type: str) -> None: ...

    async def delete(self, key: str) -> None: ...


class LocalStorage:
    """Files under MEDIA_ROOT, served by the app at /media/ (see `mount_media`)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if not path.is_relative_to(self.root.resolve()):
            raise ValueError(f"media key outside the media root: {key!r}")
        return path

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)

        def write() -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(path.suffix + ".tmp")
            tmp.write_bytes(data)
            tmp.replace(path)

        await asyncio.to_thread(write)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._path(key).unlink, missing_ok=True)


class S3Storage:
    """An S3-compatible bucket (AWS, MinIO, R2 ...); public reads come from S3_PUBLIC_URL."""

    def __init__(self, client: Any, bucket: str) -> None:
        self.client = client
        self.bucket = bucket

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        await asyncio.to_thread(
            self.client.put_object,
            Bucket=self.bucket,
            Key=key,
            Body=data,
            ContentType=content_type,
            CacheControl=CACHE_CONTROL,
        )

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self.client.delete_object, Bucket=self.bucket, Key=key)


def _s3_client(settings: Settings) -> Any:
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=settings.s3_endpoint_url,
        region_name=settings.s3_region,
        aws_access_key_id=settings.s3_access_key_id,
        aws_secret_access_key=settings.s3_secret_access_key,
    )


def make_storage(settings: Settings) -> MediaStorage:
    """The storage backend selected by MEDIA_BACKEND."""
    if settings.media_backend == "s3":
        if not settings.s3_bucket:
            raise ValueError("MEDIA_BACKEND=s3 needs S3_BUCKET")
        return S3Storage(_s3_client(settings), settings.s3_bucket)
    return LocalStorage(settings.media_root)


def get_storage(request: Request) -> MediaStorage:
    """Route dependency: one storage client per app, made on first use."""
    storage: MediaStorage | None = getattr(request.app.state, "media_storage", None)
    if storage is None:
        storage = make_storage(request.app.state.settings)
        request.app.state.media_storage = storage
    return storage


StorageDep = Annotated[MediaStorage, Depends(get_storage)]
