"""`mailbot auth login --device`: the RFC 8628 device-authorization flow, once, for a refresh token."""
from __future__ import annotations

import time
from typing import Callable

from mailbot.auth import AccessToken
from mailbot.errors import TokenRefused

SLOW_DOWN_STEP = 5      # RFC 8628 3.5: add 5 seconds to the interval on slow_down


def device_login(tokens, say: Callable[[str], None], sleep: Callable[[float], None] = time.sleep,
                 now: Callable[[], float] = time.monotonic) -> AccessToken:
    """Show the code, poll the token endpoint until the person approves; the refresh token is stored
    by the token source. TokenRefused when declined, expired or refused."""
    start = tokens.endpoint.start_device_login()
    uri = (start.get("verification_uri_complete") or start.get("verification_uri")
           or start.get("verification_url"))     # Google's older name
    say(f"To sign in, open {uri} and enter the code {start.get('user_code')}"
        f" (valid {int(start.get('expires_in') or 900) // 60} min). Waiting...")
    interval = float(start["interval"]) if "interval" in start else 5.0   # RFC 8628 3.2: default 5 s
    deadline = now() + float(start.get("expires_in") or 900)
    while True:
        try:
            return tokens.device_token(str(start["device_code"]))
        except TokenRefused as err:
            if err.error == "slow_down":
                interval += SLOW_DOWN_STEP
            elif err.error != "authorization_pending":
                raise
        if now() + interval > deadline:
            raise TokenRefused("expired_token", "nobody approved the sign-in in time")
        sleep(interval)
