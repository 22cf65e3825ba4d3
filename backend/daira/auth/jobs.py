"""Jobs that issue emailed tokens: the token is created here, never carried in the queue."""

from __future__ import annotations

from daira.auth.service import AuthService, Mail
from daira.config import Settings
from daira.core.db import job_session
from daira.core.jobs import job
from daira.email.jobs import send_email


async def _deliver(settings: Settings, mail: Mail | None) -> None:
    if mail is not None:
        await send_email(
            settings, to=mail.to, template=mail.template, data=mail.data, locale=mail.locale
        )


@job("send_verification_link")
async def send_verification_link(settings: Settings, *, email: str) -> None:
    async with job_session(settings) as session:
        mail = await AuthService(session, settings).verification_mail(email)
        await session.commit()
    await _deliver(settings, mail)


@job("send_reset_link")
async def send_reset_link(settings: Settings, *, email: str, ip: str) -> None:
    async with job_session(settings) as session:
        mail = await AuthService(session, settings).reset_mail(email, ip)
        await session.commit()
    await _deliver(settings, mail)
