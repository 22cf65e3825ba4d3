"""Creating the first admin from the command line."""

from __future__ import annotations

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import or_, select

from daira.audit.service import record
from daira.auth.passwords import password_problem
from daira.auth.schemas import Email
from daira.config import Settings
from daira.core.db import make_engine, make_sessionmaker
from daira.core.jobs import commit
from daira.core.security import hash_password
from daira.models import Role, User
from daira.models.base import utcnow
from daira.users.validation import check_display_name, check_username, username_key


async def create_admin_account(settings: Settings, email: str, username: str, password: str) -> int:
    """Create a verified admin; ValueError with a reason if the input is refused."""
    try:
        email = TypeAdapter(Email).validate_python(email).lower()
    except ValidationError:
        raise ValueError(f"{email!r} is not a valid email address") from None
    username = check_username(username)
    if problem := password_problem(password, email, username):
        raise ValueError(problem)
    engine = make_engine(settings)
    try:
        async with make_sessionmaker(engine)() as session:
            taken = await session.scalar(
                select(User.id).where(
                    or_(User.email == email, User.username_key == username_key(username))
                )
            )
            if taken is not None:
                raise ValueError("a user with this email or username already exists")
            user = User(
                email=email,
                username=username,
                username_key=username_key(username),
                display_name=check_display_name(username),
                password_hash=hash_password(password),
                role=Role.admin,
                email_verified_at=utcnow(),
            )
            session.add(user)
            await session.flush()
            await record(
                session,
                "admin.created_by_cli",
                actor_id=None,
                target_type="user",
                target_id=user.id,
            )
            await commit(session)
            return user.id
    finally:
        await engine.dispose()
