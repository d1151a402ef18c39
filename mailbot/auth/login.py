"""The one login loop IMAP and SMTP share: the current token, and once more with a fresh one."""
from __future__ import annotations

import logging
from typing import Callable

from mailbot.auth import AccessToken, TokenSource

log = logging.getLogger("mailbot.auth")


def login_with_token(tokens: TokenSource, login: Callable[[AccessToken], None],
                     is_refusal: Callable[[BaseException], bool], server: str) -> AccessToken:
    """Log in with `tokens.token()`; if the server refuses it (revoked, expired early), invalidate it
    and try exactly once more with a new one from the endpoint. The second refusal propagates."""
    token = tokens.token()
    try:
        login(token)
        return token
    except Exception as err:  # noqa: BLE001 - is_refusal decides; anything else goes on up unchanged
        if not is_refusal(err):
            raise
        log.info("%s refused the OAuth2 access token; asking the token endpoint for a new one", server)
        tokens.invalidate(token)
    token = tokens.token()
    login(token)
    return token
