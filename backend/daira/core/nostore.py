"""`Cache-Control: no-store` on every answer that may carry personal data."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class NoStoreMiddleware:
    """Marks answers under the given path prefixes (ending in "/") as never to be cached.

    Errors included: a shared cache or the browser's back button must not keep a
    problem+json that names an account any more than a profile.
    """

    def __init__(self, app: ASGIApp, prefixes: tuple[str, ...]) -> None:
        self.app = app
        self.prefixes = prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # The trailing slash makes "/users/me" match itself but not "/users/meera".
        if scope["type"] != "http" or not f"{scope['path']}/".startswith(self.prefixes):
            await self.app(scope, receive, send)
            return

        async def send_no_store(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control"
                ]
                headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_no_store)
