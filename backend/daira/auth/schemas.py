"""Request and response bodies of /auth."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import email_validator
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StrictBool,
    StringConstraints,
)

from daira.auth.passwords import MAX_LENGTH, MIN_LENGTH
from daira.users.validation import USERNAME_PATTERN, check_display_name, check_username

Password = Annotated[str, Field(min_length=1, max_length=1024)]
# The policy's bounds are published in the schema; the server still checks them itself so
# that a short or long password is refused as `weak_password` naming the field.
NewPassword = Annotated[
    str,
    Field(
        min_length=1,
        max_length=1024,
        json_schema_extra={"minLength": MIN_LENGTH, "maxLength": MAX_LENGTH},
    ),
]
Token = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=256)]
OtpCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=6, max_length=32)]
# RFC 6761 reserves .test for testing; staging and test deployments use such addresses, and
# accepting them harms nothing (mail to them simply goes nowhere).
if "test" in email_validator.SPECIAL_USE_DOMAIN_NAMES:
    email_validator.SPECIAL_USE_DOMAIN_NAMES.remove("test")

Email = Annotated[EmailStr, Field(max_length=320)]
Username = Annotated[
    str,
    Field(max_length=200, json_schema_extra={"pattern": USERNAME_PATTERN, "maxLength": 30}),
    AfterValidator(check_username),
]
Locale = Literal["en", "ar"]
DisplayName = Annotated[
    str,
    Field(max_length=200, json_schema_extra={"minLength": 1, "maxLength": 50}),
    AfterValidator(check_display_name),
]


class StrictBody(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SignupIn(StrictBody):
    email: Email
    username: Username
    password: NewPassword
    display_name: DisplayName | None = None
    # The language the sign-up page was in: every email to the account is written in it.
    locale: Locale = "en"
    accept_terms: StrictBool


class TokenIn(StrictBody):
    token: Token


class EmailIn(StrictBody):
    email: Email


class LoginIn(StrictBody):
    email: Email
    password: Password
    otp: OtpCode | None = None


class UserPrivate(BaseModel):
    """The signed-in user's own view of their account."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    username: str
    display_name: str
    bio: str
    locale: str
    avatar_url: str | None
    role: str
    email_verified: bool
    totp_enabled: bool
    created_at: datetime


class AccessTokenOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - the OAuth2 type name
    expires_in: int


class LoginOut(AccessTokenOut):
    user: UserPrivate


class SessionOut(BaseModel):
    id: int
    device: str
    user_agent: str
    ip: str
    created_at: datetime
    last_seen_at: datetime
    current: bool


class ChangePasswordIn(StrictBody):
    current_password: Password
    new_password: NewPassword


class ResetPasswordIn(StrictBody):
    token: Token
    new_password: NewPassword


class TotpSetupIn(StrictBody):
    password: Password


class TotpSetupOut(BaseModel):
    secret: str
    otpauth_uri: str
    qr_svg: str


class TotpEnableIn(StrictBody):
    code: OtpCode


class TotpEnableOut(BaseModel):
    recovery_codes: list[str]


class TotpDisableIn(StrictBody):
    password: Password
    code: OtpCode
