"""`daira seed-demo`: a small, believable community in English and Egyptian Arabic."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from daira.auth.passwords import password_problem
from daira.config import Settings
from daira.core.db import make_engine, make_sessionmaker
from daira.core.security import hash_password
from daira.models import Comment, Follow, Like, Post, Role, User
from daira.models.base import utcnow
from daira.moderation.pack import load_default_pack
from daira.moderation.service import RuleService
from daira.tags.service import TagService
from daira.users.validation import username_key

DEMO_PASSWORD = "felucca-on-the-nile-at-sunset-7"  # noqa: S105 - published demo credentials
DEMO_DOMAIN = "daira.example"

# (username, display name, bio): the first is the account the credentials are printed for.
PEOPLE = [
    ("demo", "Demo User", "Trying out Daira. Cairo ⇄ Alexandria."),
    ("demo_mod", "Demo Moderator", "I keep the circle friendly."),
    ("nour_eldin", "Nour El-Din", "Software engineer in Maadi, coffee first."),
    ("سلمى_حسن", "سلمى حسن", "بحب القراية والقهوة والبحر في إسكندرية"),
    ("omar_k", "Omar Khaled", "Al Ahly till the end. Weekend footballer."),
    ("منة_الله", "منة الله", "طالبة في جامعة القاهرة، كلية إعلام"),
    ("yasmine_photo", "Yasmine", "Street photography around Downtown Cairo."),
    ("محمود_الطباخ", "محمود الطباخ", "أكل بيتي وأسرار المطبخ المصري"),
    ("karim_runs", "Karim", "Running the Corniche at 6am."),
    ("هبة_مصطفى", "هبة مصطفى", "مدرسة إنجليزي وأم لطفلين"),
    ("ahmed_dev", "Ahmed Samir", "Building things with Python. Giza."),
    ("دينا_فؤاد", "دينا فؤاد", "رسامة، وبحب الألوان"),
]

POSTS = [
    "Traffic on the 6th of October bridge is unreal today 🚗🚗🚗",
    "Best koshary in Cairo? I say Abou Tarek, fight me.",
    "Sunset from the Citadel never gets old. #Cairo",
    "Anyone going to the book fair this year? #معرض_الكتاب",
    "Finally finished my first half marathon!",
    "Weekend trip to Siwa: highly recommended, bring a jacket for the nights.",
    "Ramadan nights in Khan el-Khalili are something else.",
    "Looking for a good Arabic calligraphy course in Zamalek, any ideas?",
    "Made molokhia for the first time. My mom says it's 'acceptable' 😅",
    "Alexandria in winter > Alexandria in summer. Change my mind. #Alexandria",
    "النهارده الجو حلو أوي، مين نازل الكورنيش؟ #القاهرة",
    "أحسن فول وطعمية في مصر عند عربية الحاج على الناصية 😋",
    "حد عنده ترشيح لكتاب حلو أقراه الأسبوع ده؟",
    "الماتش امبارح كان تحفة، الأهلي رجع بقوة 🔴 #الأهلي",
    "زحمة المترو الصبح دي مش طبيعية والله",
    "عملت محشي لأول مرة وطلع حلو الحمد لله",
    "مين رايح معرض الكتاب السنة دي؟ #معرض_الكتاب",
    "صباح الفل على أحلى ناس ☀️",
    "القهوة التركي على القهوة الفرنساوي في أي وقت",
    "رحلة الفيوم الأسبوع اللي فات كانت جميلة جداً، وادي الريان يجنن",
]

COMMENTS = [
    "Totally agree!",
    "Haha so true 😂",
    "Where is this exactly?",
    "Count me in next time.",
    "Congrats! 👏",
    "عندك حق والله",
    "تحفة 😍",
    "فين المكان ده بالظبط؟",
    "ربنا يوفقك",
    "أنا كمان نفسي أروح",
]


@dataclass(frozen=True, slots=True)
class SeedResult:
    users: int
    posts: int
    email: str
    moderator_email: str
    password: str


def _people(count: int) -> list[tuple[str, str, str]]:
    people = list(PEOPLE[:count])
    for n in range(len(people), count):
        base = PEOPLE[2 + n % (len(PEOPLE) - 2)]
        people.append((f"{base[0]}{n}", base[1], base[2]))
    return people


async def _add_users(session: AsyncSession, count: int, rng: random.Random) -> list[User]:
    # One hash for every demo account: they share the published demo password.
    password_hash = hash_password(DEMO_PASSWORD)
    now = utcnow()
    users = [
        User(
            email=f"{username_key(name)}@{DEMO_DOMAIN}"
            if name.isascii()
            else f"user{n}@{DEMO_DOMAIN}",
            username=name,
            username_key=username_key(name),
            display_name=display,
            bio=bio,
            locale="en" if name.isascii() else "ar",
            password_hash=password_hash,
            role=Role.moderator if name == "demo_mod" else Role.user,
            email_verified_at=now,
            created_at=now - timedelta(days=30, minutes=rng.randint(0, 10_000)),
        )
        for n, (name, display, bio) in enumerate(_people(count))
    ]
    session.add_all(users)
    await session.flush()
    return users


def _add_follows(session: AsyncSession, users: list[User], rng: random.Random) -> None:
    now = utcnow()
    for user in users:
        others = [u for u in users if u.id != user.id]
        for followee in rng.sample(others, k=min(len(others), rng.randint(3, 8))):
            created = now - timedelta(days=rng.randint(1, 25))
            session.add(Follow(follower_id=user.id, followee_id=followee.id, created_at=created))


async def _add_posts(session: AsyncSession, users: list[User], rng: random.Random) -> int:
    now = utcnow()
    posts: list[Post] = []
    for user in users:
        for _ in range(rng.randint(2, 5)):
            created = now - timedelta(minutes=rng.randint(5, 14 * 24 * 60))
            posts.append(Post(author_id=user.id, content=rng.choice(POSTS), created_at=created))
    session.add_all(posts)
    await session.flush()
    tags = TagService(session)
    for post in posts:
        await tags.tag_post(post)
        likers = rng.sample(users, k=rng.randint(0, min(len(users), 8)))
        post.like_count = len(likers)
        for liker in likers:
            session.add(Like(user_id=liker.id, post_id=post.id, created_at=post.created_at))
        for commenter in rng.sample(users, k=rng.randint(0, 3)):
            offset = timedelta(minutes=rng.randint(1, 600))
            session.add(
                Comment(
                    post_id=post.id,
                    author_id=commenter.id,
                    content=rng.choice(COMMENTS),
                    created_at=min(post.created_at + offset, now),
                )
            )
    return len(posts)


async def seed_demo(
    settings: Settings, *, users: int = 12, if_empty: bool = False
) -> SeedResult | None:
    """Fill the database with demo content; None when `if_empty` and users already exist."""
    if problem := password_problem(DEMO_PASSWORD):
        raise RuntimeError(f"the demo password fails the password policy: {problem}")
    users = max(users, 2)
    rng = random.Random(20261125)  # the same community on every fresh database
    engine = make_engine(settings)
    try:
        async with make_sessionmaker(engine)() as session:
            if await session.scalar(select(func.count()).select_from(User)):
                if if_empty:
                    return None
                taken = await session.scalar(
                    select(User.id).where(User.email == f"demo@{DEMO_DOMAIN}")
                )
                if taken is not None:
                    raise ValueError("demo data is already present")
            people = await _add_users(session, users, rng)
            _add_follows(session, people, rng)
            posts = await _add_posts(session, people, rng)
            # A demo should moderate like the product does from day one.
            await RuleService(session).import_rules(load_default_pack(), source="pack:default")
            await session.commit()
    finally:
        await engine.dispose()
    return SeedResult(
        users=len(people),
        posts=posts,
        email=f"demo@{DEMO_DOMAIN}",
        moderator_email=f"demo_mod@{DEMO_DOMAIN}",
        password=DEMO_PASSWORD,
    )
