"""Prints the messages of a maildir as JSON: recipient, subject and decoded text bodies."""

import email
import json
import os
import sys
from email import policy


def bodies(message: email.message.EmailMessage) -> str:
    parts = []
    for kind in ("plain", "html"):
        part = message.get_body(preferencelist=(kind,))
        if part is not None:
            parts.append(part.get_content())
    return "\n".join(parts)


def main(maildir: str) -> None:
    out = []
    for sub in ("new", "cur"):
        folder = os.path.join(maildir, sub)
        if not os.path.isdir(folder):
            continue
        for name in os.listdir(folder):
            path = os.path.join(folder, name)
            with open(path, "rb") as handle:
                message = email.message_from_binary_file(handle, policy=policy.default)
            out.append(
                {
                    "id": name,
                    "time": os.path.getmtime(path),
                    "to": str(message["To"] or ""),
                    "subject": str(message["Subject"] or ""),
                    "body": bodies(message),
                }
            )
    out.sort(key=lambda m: m["time"])
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
