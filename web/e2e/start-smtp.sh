#!/bin/sh
# An SMTP catcher for the browser tests: every message lands as a file in a maildir.
set -eu
BACKEND="${DAIRA_BACKEND_DIR:-../backend}"
rm -rf "$E2E_MAILDIR"
mkdir -p "$(dirname "$E2E_MAILDIR")"
exec "$BACKEND/.venv/bin/python" -m aiosmtpd -n -l "127.0.0.1:$E2E_SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$E2E_MAILDIR"
