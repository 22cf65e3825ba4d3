import asyncio
import io
import struct
import threading
import time
import zlib
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from daira.media import images
from tests.conftest import AppHarness, MakeUser
from tests.support.social import API

AVATAR = f"{API}/users/me/avatar"


def image_bytes(fmt: str, size: tuple[int, int] = (800, 600), *, exif: bool = False) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    # A marker on the left edge that a centre square crop must cut away.
    for x in range(20):
        for y in range(size[1]):
            image.putpixel((x, y), (0, 0, 255))
    out = io.BytesIO()
    kwargs: dict[str, Any] = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCam"  # Make
        data[0x8825] = {2: (30.0, 2.0, 40.0)}  # GPS latitude
        kwargs["exif"] = data.tobytes()
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()


def png_bomb(width: int = 20_000, height: int = 20_000) -> bytes:
    """A tiny PNG that claims 400 megapixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    row = b"\x00" + b"\x00" * (width * 3)
    body = zlib.compress(row * 4)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )


async def _upload(
    client: httpx.AsyncClient,
    account: Any,
    data: bytes,
    name: str = "a.jpg",
    kind: str = "image/jpeg",
) -> httpx.Response:
    return await client.put(AVATAR, files={"file": (name, data, kind)}, headers=account.headers)


def _stored(harness: AppHarness, url: str) -> Path:
    return harness.settings.media_root / url.removeprefix("/media/")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
async def test_upload_is_cropped_square_reencoded_and_served_publicly(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness, fmt: str
) -> None:
    alice = await make_user("alice")
    response = await _upload(client, alice, image_bytes(fmt), name=f"me.{fmt.lower()}")
    assert response.status_code == 200, response.text
    url = response.json()["avatar_url"]
    assert url.startswith("/media/avatars/")
    assert "me" not in url.rsplit("/", 1)[1]
    served = await client.get(url)  # no login needed
    assert served.status_code == 200
    assert "max-age=31536000" in served.headers["cache-control"]
    with Image.open(io.BytesIO(served.content)) as image:
        assert image.format == "WEBP"
        assert image.size == (400, 400)
        assert image.getpixel((0, 200))[2] < 128  # the blue edge was cropped away
    me = (await client.get(f"{API}/users/me", headers=alice.headers)).json()
    assert me["avatar_url"] == url


async def test_exif_is_stripped(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    alice = await make_user("alice")
    response = await _upload(client, alice, image_bytes("JPEG", exif=True))
    stored = _stored(harness, response.json()["avatar_url"]).read_bytes()
    assert b"SecretCam" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()


async def test_wrong_extension_with_valid_content_is_accepted(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice")
    response = await _upload(client, alice, image_bytes("PNG"), name="photo.txt", kind="text/plain")
    assert response.status_code == 200


async def test_text_named_png_is_refused(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    alice = await make_user("alice")
    response = await _upload(
        client, alice, b"hello, not an image\n" * 10, name="x.png", kind="image/png"
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_image"


async def test_other_image_formats_are_415(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    alice = await make_user("alice")
    response = await _upload(client, alice, image_bytes("GIF"), name="a.gif", kind="image/gif")
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_image_type"


async def test_truncated_image_is_422(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    alice = await make_user("alice")
    for fmt in ("JPEG", "PNG"):
        data = image_bytes(fmt)
        response = await _upload(client, alice, data[: len(data) // 2])
        assert response.status_code == 422, fmt


async def test_decompression_bomb_is_422(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    alice = await make_user("alice")
    bomb = png_bomb()
    assert len(bomb) < 100_000
    response = await _upload(client, alice, bomb, name="bomb.png", kind="image/png")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_image"


async def test_five_megabytes_plus_one_byte_is_413(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice")
    data = image_bytes("PNG")
    padded = data + b"\x00" * (5 * 1024 * 1024 + 1 - len(data))
    assert len(padded) == 5 * 1024 * 1024 + 1
    response = await _upload(client, alice, padded, name="big.png", kind="image/png")
    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"


async def test_missing_or_wrong_field_is_422(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice")
    response = await client.put(
        AVATAR, files={"image": ("a.png", image_bytes("PNG"))}, headers=alice.headers
    )
    assert response.status_code == 422
    response = await client.put(AVATAR, json={"file": "x"}, headers=alice.headers)
    assert response.status_code == 422


async def test_replacing_and_deleting_remove_old_files(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    alice = await make_user("alice")
    first = _stored(
        harness, (await _upload(client, alice, image_bytes("JPEG"))).json()["avatar_url"]
    )
    second = _stored(
        harness, (await _upload(client, alice, image_bytes("PNG"))).json()["avatar_url"]
    )
    await harness.run_jobs()
    assert not first.exists()
    assert second.exists()
    response = await client.delete(AVATAR, headers=alice.headers)
    assert response.status_code == 200
    assert response.json() == {"avatar_url": None}
    await harness.run_jobs()
    assert not second.exists()
    assert (await client.get(f"{API}/users/me", headers=alice.headers)).json()["avatar_url"] is None
    assert (await client.delete(AVATAR, headers=alice.headers)).status_code == 200


async def test_too_many_pixels_is_refused_before_decoding(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    alice = await make_user("alice")

    # 36 MP: under the old ceiling it was decoded (1.6 s of CPU, ~150 MB) before failing.
    response = await _upload(client, alice, png_bomb(6000, 6000), name="big.png", kind="image/png")

    assert response.status_code == 422
    assert "too many pixels" in response.json()["detail"]


async def test_decoding_runs_off_the_event_loop_a_few_at_a_time(
    client: httpx.AsyncClient, make_user: MakeUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    running = 0
    peak = 0
    lock = threading.Lock()
    decode = images.make_avatar

    def counting(data: bytes) -> bytes:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        try:
            time.sleep(0.05)
            return decode(data)
        finally:
            with lock:
                running -= 1

    monkeypatch.setattr(images, "make_avatar", counting)
    accounts = [await make_user(f"crowd{n}") for n in range(6)]
    data = image_bytes("PNG")

    answers = await asyncio.gather(*(_upload(client, a, data) for a in accounts))

    assert [r.status_code for r in answers] == [200] * 6
    assert peak == images.DECODE_CONCURRENCY


@pytest.mark.parametrize("settings_overrides", [{"rate_limit_avatars_user": "2/minute"}])
async def test_avatar_uploads_are_limited_per_user(
    client: httpx.AsyncClient, make_user: MakeUser, settings_overrides: dict[str, Any]
) -> None:
    alice = await make_user("alice")
    bob = await make_user("bob")
    data = image_bytes("JPEG")

    answers = [(await _upload(client, alice, data)).status_code for _ in range(3)]
    other = await _upload(client, bob, data)

    assert answers == [200, 200, 429]
    assert other.status_code == 200
