"""Avatar images: checked by their content, never by file name or declared type."""

from __future__ import annotations

import asyncio
from io import BytesIO
from typing import Protocol

from PIL import Image, ImageOps, UnidentifiedImageError

from daira.core.errors import DairaError, PayloadTooLarge, UnsupportedMediaType

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
AVATAR_SIZE = 400
# Decoded size, not file size, is what a decompression bomb inflates: a 35 KB PNG of 36 MP
# cost 1.6 s of CPU and ~150 MB. 16 MP (about 64 MB decoded as RGBA) takes a phone's
# 12 MP photo and is checked from the header, before any pixel is decoded.
MAX_PIXELS = 16_000_000
# Decoding runs in threads, a few at a time: parallel uploads queue instead of each taking
# a core and its own 64 MB at once.
DECODE_CONCURRENCY = 2
_decoding = asyncio.Semaphore(DECODE_CONCURRENCY)
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
OUTPUT_CONTENT_TYPE = "image/webp"
OUTPUT_EXTENSION = "webp"
_READ_CHUNK = 64 * 1024


class InvalidImage(DairaError):
    status = 422
    code = "invalid_image"

    def __init__(self, detail: str) -> None:
        super().__init__(detail, errors=[{"loc": ["body", "file"], "field": "file", "msg": detail}])


def too_large() -> PayloadTooLarge:
    return PayloadTooLarge(
        f"Images may be at most {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.",
        errors=[{"loc": ["body", "file"], "field": "file", "msg": "file too large"}],
    )


class Readable(Protocol):
    """Anything with an async `read(size)`: Starlette's UploadFile, a test double."""

    async def read(self, size: int = -1) -> bytes: ...


async def read_limited(upload: Readable, limit: int = MAX_UPLOAD_BYTES) -> bytes:
    """Read an upload in chunks, stopping as soon as it passes `limit` (413)."""
    chunks: list[bytes] = []
    total = 0
    while chunk := await upload.read(_READ_CHUNK):
        total += len(chunk)
        if total > limit:
            raise too_large()
        chunks.append(chunk)
    return b"".join(chunks)


def _open(data: bytes) -> Image.Image:
    try:
        return Image.open(BytesIO(data), formats=ACCEPTED_FORMATS)
    except Image.DecompressionBombError:
        raise InvalidImage("This image is too large to process.") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        pass
    try:
        with Image.open(BytesIO(data)) as other:
            kind = other.format or "this"
    except Exception:
        raise InvalidImage("The file is not an image we can read.") from None
    raise UnsupportedMediaType(
        f"{kind} images are not accepted: use JPEG, PNG or WebP.",
        code="unsupported_image_type",
        errors=[{"loc": ["body", "file"], "field": "file", "msg": "unsupported image type"}],
    )


def make_avatar(data: bytes) -> bytes:
    """Square-crop the centre to 400 px and re-encode as WebP without any metadata."""
    with _open(data) as image:
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise InvalidImage("This image has too many pixels; please upload a smaller one.")
        try:
            if image.format == "JPEG":
                # Let libjpeg decode at a reduced scale: faster and far less memory.
                image.draft("RGB", (AVATAR_SIZE * 2, AVATAR_SIZE * 2))
            image.load()
            upright = ImageOps.exif_transpose(image)
            mode = "RGBA" if "A" in upright.getbands() or "transparency" in upright.info else "RGB"
            square = ImageOps.fit(
                upright.convert(mode), (AVATAR_SIZE, AVATAR_SIZE), Image.Resampling.LANCZOS
            )
        except Image.DecompressionBombError:
            raise InvalidImage("This image is too large to process.") from None
        except (OSError, ValueError, SyntaxError, EOFError):
            raise InvalidImage("The image is damaged or incomplete.") from None
    out = BytesIO()
    # No exif= or icc_profile= arguments: nothing from the upload's metadata is kept.
    square.save(out, format="WEBP", quality=85, method=4)
    return out.getvalue()


async def make_avatar_async(data: bytes) -> bytes:
    async with _decoding:
        return await asyncio.to_thread(make_avatar, data)
