"""The password policy refuses breached and common passwords (ASVS 6.2.4, 6.2.12).

zxcvbn ships, offline, the 30,000 most common passwords of public breach corpora and scores
any password built from them as guessable; the policy's minimum score refuses them at
sign-up, change and reset alike (one `password_problem` for all three).
"""

from __future__ import annotations

from zxcvbn.frequency_lists import FREQUENCY_LISTS

from daira.auth.passwords import MIN_LENGTH, password_problem

BREACHED = [p for p in FREQUENCY_LISTS["passwords"] if len(p) >= MIN_LENGTH][:1000]


def test_the_thousand_most_common_breached_passwords_are_refused() -> None:
    accepted = [p for p in BREACHED if password_problem(p) is None]

    assert len(BREACHED) == 1000
    assert accepted == []


def test_breached_passwords_with_a_capital_and_a_digit_are_still_refused() -> None:
    decorated = [f"{p.capitalize()}1" for p in BREACHED[:200]]

    assert [p for p in decorated if password_problem(p) is None] == []


def test_a_long_passphrase_is_accepted() -> None:
    assert password_problem("nile-sunset-falafel-917") is None
