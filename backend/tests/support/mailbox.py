"""A real SMTP server (aiosmtpd) that captures what Daira sends."""

from __future__ import annotations

import email
import email.policy
import re
import socket
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

LINK_RE = re.compile(r"https?://[^\s\"'<>]+")


@dataclass
class CapturedMail:
    to: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def text(self) -> str:
        part = self.message.get_body(preferencelist=("plain",))
        assert part is not None
        return part.get_content()  # type: ignore[no-any-return]

    @property
    def html(self) -> str:
        part = self.message.get_body(preferencelist=("html",))
        assert part is not None
        return part.get_content()  # type: ignore[no-any-return]

    def links(self) -> list[str]:
        return LINK_RE.findall(self.text)


@dataclass
class CapturingHandler:
    messages: list[CapturedMail] = field(default_factory=list)
    fail_next: int = 0

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        if self.fail_next > 0:
            self.fail_next -= 1
            return "451 Temporary failure, try again later"
        raw: Any = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(CapturedMail(list(envelope.rcpt_tos), message))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class SmtpCapture:
    def __init__(self) -> None:
        self.handler = CapturingHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()

    @property
    def messages(self) -> list[CapturedMail]:
        return self.handler.messages

    def to(self, address: str) -> list[CapturedMail]:
        return [m for m in self.messages if address.lower() in (t.lower() for t in m.to)]

    def clear(self) -> None:
        self.handler.messages.clear()
        self.handler.fail_next = 0
