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
    ("demo_admin", "Demo Admin", "I run this demo."),
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
    ("laila_reads", "Laila", "Books, tea and long train rides to Aswan."),
    ("طارق_زملكاوي", "طارق", "زملكاوي للنخاع ⚪🔴"),
    ("mariam_design", "Mariam Adel", "Product designer. Heliopolis."),
    ("يوسف_المهندس", "يوسف عادل", "مهندس مدني في العاصمة الإدارية"),
    ("sherif_eats", "Sherif", "Eating my way through Egypt, one street cart at a time."),
    ("رنا_سفر", "رنا", "بلف مصر محافظة محافظة 🎒"),
    ("hassan_music", "Hassan", "Oud player. Sometimes in Zamalek cafés."),
    ("فاطمة_الزهراء", "فاطمة الزهراء", "صيدلانية وبحب الزرع"),
    ("aya_startup", "Aya Mansour", "Founder. Fintech. Smart Village."),
    ("مصطفى_كورة", "مصطفى", "محلل كورة على القهوة"),
    ("ziad_climbs", "Ziad", "Climbing in Sinai whenever I can."),
]

# Posts are built from a template and the words that fill its slots, so a few hundred of
# them read as different people saying different things rather than a dozen lines repeated.
EN_POSTS = [
    "Traffic on {road} is unreal today 🚗",
    "Best {food} in Cairo? I say {spot}, fight me.",
    "Sunset from {place} never gets old.",
    "Anyone going to {event} this year?",
    "Finally tried {food} at {spot}. Worth the queue.",
    "Weekend trip to {trip}: highly recommended, bring a jacket for the nights.",
    "Looking for a good {course} course in {area}, any ideas?",
    "{area} at {time} is a different city.",
    "Made {food} for the first time. My mom says it's 'acceptable' 😅",
    "Hot take: {trip} is better in winter than in summer.",
    "Day {n} of learning {skill}. Slowly getting there.",
    "If you're in {area} tonight, {spot} has live oud music.",
    "Just finished {book}. Highly recommend it.",
    "Who else watched the {team} match? What a second half!",
    "Power cut in {area} again… good thing my phone is at {n}%.",
    "Ran {n} km along {road} this morning. Legs are gone.",
    "New photo series from {place} coming this week 📷",
    "Is it just me or is {food} better the next day?",
    "Shipping a new feature today. Coffee count: {n} ☕",
    "Quiet morning at {spot} with {book}.",
]
AR_POSTS = [
    "النهارده الجو حلو أوي، مين نازل {place_ar}؟",
    "أحسن {food_ar} في مصر عند {spot_ar} 😋",
    "حد عنده ترشيح لكتاب حلو أقراه الأسبوع ده؟ خلصت {book_ar}",
    "ماتش {team_ar} امبارح كان تحفة 🔥",
    "زحمة {road_ar} الصبح دي مش طبيعية والله",
    "عملت {food_ar} لأول مرة وطلع حلو الحمد لله",
    "مين رايح {event_ar} السنة دي؟",
    "صباح الفل على أحلى ناس ☀️ النهارده في {area_ar}",
    "رحلة {trip_ar} الأسبوع اللي فات كانت جميلة جداً",
    "{area_ar} بالليل حاجة تانية خالص",
    "اليوم رقم {n} في تعلم {skill_ar}، لسه بدري بس ماشي",
    "النور قطع في {area_ar} تاني… الموبايل فاضل فيه {n}٪",
    "جربت {food_ar} من {spot_ar} وبصراحة يستاهل الطابور",
    "حد يعرف كورس {course_ar} كويس في {area_ar}؟",
    "مشيت {n} كيلو على {road_ar} الصبح، رجلي مش حاسس بيها",
    "القهوة في {spot_ar} أحلى من أي مكان تاني",
    "بصراحة {trip_ar} في الشتا أحلى من الصيف",
    "قاعد في {spot_ar} ومعايا {book_ar}، أحلى صباح",
    "الشغل النهارده كان كتير بس الحمد لله خلصنا",
    "مين فاكر أيام {event_ar} زمان؟",
]
SLOTS = {
    "road": ["the 6th of October bridge", "the Ring Road", "Salah Salem", "the Corniche"],
    "food": ["koshary", "feteer", "hawawshi", "molokhia", "ful and taameya", "basbousa"],
    "spot": ["Abou Tarek", "a cart in Sayeda Zeinab", "Zooba", "El Fishawy", "a place in Dokki"],
    "place": ["the Citadel", "Cairo Tower", "the Nile at Garden City", "Al-Azhar Park"],
    "event": ["the book fair", "the Jazz festival", "the Cairo film festival", "Sandbox"],
    "trip": ["Siwa", "Dahab", "Fayoum", "Aswan", "Marsa Alam", "Alexandria"],
    "course": ["Arabic calligraphy", "pottery", "Python", "photography", "oud"],
    "area": ["Zamalek", "Maadi", "Heliopolis", "Downtown", "Nasr City", "Dokki"],
    "time": ["6am", "midnight", "sunset", "Friday noon"],
    "skill": ["the oud", "Rust", "German", "bouldering", "watercolours"],
    "book": ["The Yacoubian Building", "Palace Walk", "Taxi", "a Naguib Mahfouz novel"],
    "team": ["Ahly", "Zamalek", "national team", "Pyramids"],
    "road_ar": ["الدائري", "المحور", "صلاح سالم", "الكورنيش", "المترو"],
    "food_ar": ["فول وطعمية", "كشري", "محشي", "ملوخية", "حواوشي", "بسبوسة", "فطير مشلتت"],
    "spot_ar": ["عربية الحاج على الناصية", "أبو طارق", "قهوة الفيشاوي", "محل في السيدة"],
    "place_ar": ["الكورنيش", "الأزهر بارك", "القلعة", "كوبري قصر النيل"],
    "book_ar": ["عمارة يعقوبيان", "بين القصرين", "رواية لنجيب محفوظ", "تاكسي"],
    "team_ar": ["الأهلي", "الزمالك", "المنتخب", "بيراميدز"],
    "event_ar": ["معرض الكتاب", "مهرجان القاهرة السينمائي", "رمضان في الحسين"],
    "area_ar": ["الزمالك", "المعادي", "مصر الجديدة", "وسط البلد", "مدينة نصر", "إسكندرية"],
    "trip_ar": ["الفيوم", "سيوة", "دهب", "أسوان", "مرسى علم", "وادي الريان"],
    "skill_ar": ["العود", "البرمجة", "الألماني", "الرسم بالألوان المائية"],
    "course_ar": ["خط عربي", "فخار", "تصوير", "برمجة"],
}
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
EN_TAGS = ["#Cairo", "#Egypt", "#food", "#football", "#travel", "#books", "#مصر"]
AR_TAGS = ["#القاهرة", "#مصر", "#أكل", "#كورة", "#سفر", "#كتب", "#Cairo"]

COMMENTS = [
    "Totally agree!",
    "Haha so true 😂",
    "Where is this exactly?",
    "Count me in next time.",
    "Congrats! 👏",
    "Saving this for the weekend.",
    "Strong opinion, but I respect it.",
    "I went last month, it was great.",
    "عندك حق والله",
    "تحفة 😍",
    "فين المكان ده بالظبط؟",
    "ربنا يوفقك",
    "أنا كمان نفسي أروح",
    "بجد؟ لازم أجرب",
    "ههههه حصل معايا نفس الموقف",
    "خدني معاك المرة الجاية",
]


ROLES = {"demo_mod": Role.moderator, "demo_admin": Role.admin}
# Extra users (--users beyond the named people) are modelled on community members, not staff.
_FIRST_MEMBER = len(ROLES) + 1


@dataclass(frozen=True, slots=True)
class SeedResult:
    users: int
    posts: int
    email: str
    moderator_email: str
    admin_email: str
    password: str
    # False when the demo community was already there: the credentials still apply.
    added: bool = True


def _people(count: int) -> list[tuple[str, str, str]]:
    people = list(PEOPLE[:count])
    for n in range(len(people), count):
        base = PEOPLE[_FIRST_MEMBER + n % (len(PEOPLE) - _FIRST_MEMBER)]
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
            role=ROLES.get(name, Role.user),
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


def _post_text(author: User, users: list[User], rng: random.Random) -> str:
    arabic = not author.username.isascii()
    template = rng.choice(AR_POSTS if arabic else EN_POSTS)
    words = {slot: rng.choice(choices) for slot, choices in SLOTS.items()}
    n = str(rng.randint(2, 42))
    # Egyptian Arabic is written with Arabic-Indic digits, as the Arabic interface shows them.
    text = template.format(n=n.translate(ARABIC_DIGITS) if arabic else n, **words)
    if rng.random() < 0.3:
        text += " " + rng.choice(AR_TAGS if arabic else EN_TAGS)
    if rng.random() < 0.15:
        friend = rng.choice([u for u in users if u.id != author.id])
        text = f"@{friend.username} {text}"
    return text


def _comment_text(post_author: User, commenter: User, rng: random.Random) -> str:
    text = rng.choice(COMMENTS)
    # Some comments answer the author by name, as replies in a thread do.
    reply = commenter.id != post_author.id and rng.random() < 0.25
    return f"@{post_author.username} {text}" if reply else text


async def _add_posts(
    session: AsyncSession, users: list[User], rng: random.Random, per_user: tuple[int, int]
) -> int:
    now = utcnow()
    posts: list[Post] = []
    authors: dict[int, User] = {u.id: u for u in users}
    for user in users:
        for _ in range(rng.randint(*per_user)):
            created = now - timedelta(minutes=rng.randint(5, 21 * 24 * 60))
            text = _post_text(user, users, rng)
            posts.append(Post(author_id=user.id, content=text, created_at=created))
    session.add_all(posts)
    await session.flush()
    tags = TagService(session)
    for post in posts:
        await tags.tag_post(post)
        likers = rng.sample(users, k=rng.randint(0, min(len(users), 12)))
        post.like_count = len(likers)
        for liker in likers:
            session.add(Like(user_id=liker.id, post_id=post.id, created_at=post.created_at))
        for commenter in rng.sample(users, k=rng.randint(0, min(len(users), 4))):
            offset = timedelta(minutes=rng.randint(1, 600))
            session.add(
                Comment(
                    post_id=post.id,
                    author_id=commenter.id,
                    content=_comment_text(authors[post.author_id], commenter, rng),
                    created_at=min(post.created_at + offset, now),
                )
            )
    return len(posts)


async def seed_demo(
    settings: Settings,
    *,
    users: int = len(PEOPLE),
    posts_per_user: tuple[int, int] = (8, 20),
    if_empty: bool = False,
) -> SeedResult | None:
    """Fill the database with demo content; None when `if_empty` and users already exist."""
    if problem := password_problem(DEMO_PASSWORD):
        raise RuntimeError(f"the demo password fails the password policy: {problem}")
    users = max(users, _FIRST_MEMBER)
    rng = random.Random(20261125)  # the same community on every fresh database
    engine = make_engine(settings)
    try:
        async with make_sessionmaker(engine)() as session:
            if await session.scalar(select(func.count()).select_from(User)):
                demo = await session.scalar(
                    select(User.id).where(User.email == f"demo@{DEMO_DOMAIN}")
                )
                if if_empty:
                    return _result(0, 0, added=False) if demo is not None else None
                if demo is not None:
                    raise ValueError("demo data is already present")
            people = await _add_users(session, users, rng)
            _add_follows(session, people, rng)
            posts = await _add_posts(session, people, rng, posts_per_user)
            # A demo should moderate like the product does from day one.
            await RuleService(session).import_rules(load_default_pack(), source="pack:default")
            await session.commit()
    finally:
        await engine.dispose()
    return _result(len(people), posts, added=True)


def _result(users: int, posts: int, *, added: bool) -> SeedResult:
    return SeedResult(
        users=users,
        posts=posts,
        added=added,
        email=f"demo@{DEMO_DOMAIN}",
        moderator_email=f"demo_mod@{DEMO_DOMAIN}",
        admin_email=f"demo_admin@{DEMO_DOMAIN}",
        password=DEMO_PASSWORD,
    )
