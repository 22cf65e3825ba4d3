"""Search: people, posts and tags; Arabic-aware; only what the viewer may see."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import AppHarness, MakeUser
from tests.support.community import search
from tests.support.social import API, disable, post, set_post_status


async def test_an_arabic_search_finds_the_post_written_with_diacritics(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    mona = await make_user("mona")
    written = await post(client, mona, "أهلاً بكم في مِصْرَ الجميلة")
    await post(client, mona, "nothing to see")
    for q in ("مصر", "مِصْر", "مصـــر", "اهلا مصر", "الجميله"):
        assert [p["id"] for p in await search(client, mona, q, "posts")] == [written["id"]], q


async def test_posts_match_every_word_the_last_as_a_prefix_newest_first(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    mona = await make_user("mona")
    old = await post(client, mona, "The Nile at night")
    new = await post(client, mona, "night walk by the NILE")
    await post(client, mona, "night only")
    assert [p["id"] for p in await search(client, mona, "nile NIGHT", "posts")] == [
        new["id"],
        old["id"],
    ]
    assert [p["id"] for p in await search(client, mona, "nil", "posts")] == [new["id"], old["id"]]
    page = await client.get(f"{API}/search", params={"q": "nile", "limit": 1}, headers=mona.headers)
    assert [p["id"] for p in page.json()["items"]] == [new["id"]]
    rest = await client.get(
        f"{API}/search",
        params={"q": "nile", "limit": 1, "cursor": page.json()["next_cursor"]},
        headers=mona.headers,
    )
    assert [p["id"] for p in rest.json()["items"]] == [old["id"]]
    assert rest.json()["next_cursor"] is None


async def test_search_never_returns_what_the_viewer_may_not_see(
    client: httpx.AsyncClient, make_user: MakeUser, harness: AppHarness
) -> None:
    mona = await make_user("mona")
    omar = await make_user("omar")
    hidden = await post(client, omar, "secret plan")
    await set_post_status(harness, hidden["id"], "hidden")
    deleted = await post(client, omar, "secret deleted")
    await client.delete(f"{API}/posts/{deleted['id']}", headers=omar.headers)
    assert await search(client, mona, "secret", "posts") == []
    assert [p["id"] for p in await search(client, omar, "secret", "posts")] == [hidden["id"]]
    await disable(harness, omar.id)
    assert await search(client, mona, "omar", "users") == []


async def test_people_by_username_or_display_name_prefix(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    viewer = await make_user("viewer")
    await make_user("mona_ali", display_name="Mona Ali")
    await make_user("ahmed", display_name="مُنى أحمد")
    await make_user("monica", display_name="Monica")

    async def names(q: str) -> list[str]:
        return [u["username"] for u in await search(client, viewer, q, "users")]

    assert await names("MON") == ["monica", "mona_ali"]
    assert await names("@mona") == ["mona_ali"]
    assert await names("mona a") == ["mona_ali"]
    assert await names("منى") == ["ahmed"]
    assert await names("zzz") == []
    assert set((await search(client, viewer, "mon", "users"))[0]) == {
        "username",
        "display_name",
        "avatar_url",
        "bio",
    }


async def test_tags_by_prefix_arabic_aware(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    mona = await make_user("mona")
    await post(client, mona, "#القاهرة_الجديدة #قطر #cairo_eats")
    await post(client, mona, "#Cairo")

    async def found(q: str) -> list[str]:
        return [t["name"] for t in await search(client, mona, q, "tags")]

    assert await found("#القاهرة") == ["القاهره_الجديده"]
    assert await found("cai") == ["cairo", "cairo_eats"]
    assert await found("%") == []


@pytest.mark.parametrize(
    ("params", "status"),
    [({"q": ""}, 422), ({"q": "x", "type": "groups"}, 422), ({"q": "!!!"}, 200)],
)
async def test_bad_queries_are_422_never_500(
    client: httpx.AsyncClient, make_user: MakeUser, params: dict[str, str], status: int
) -> None:
    mona = await make_user("mona")
    response = await client.get(f"{API}/search", params=params, headers=mona.headers)
    assert response.status_code == status
    if status == 200:
        assert response.json() == {"items": [], "next_cursor": None}


@pytest.mark.parametrize("settings_overrides", [{"rate_limit_searches_user": "2/minute"}])
async def test_searches_are_limited_per_user(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    mona = await make_user("mona")
    codes = [
        (await client.get(f"{API}/search", params={"q": "a"}, headers=mona.headers)).status_code
        for _ in range(3)
    ]
    assert codes == [200, 200, 429]
