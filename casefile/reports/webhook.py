"""POST a digest as JSON to a webhook (`casefile digest --webhook URL`).

The body is the digest's typed records serialised (casefile.reports.digest.Digest.public:
`schema` names the format and its version, then `since`, `until`, the items and the counts),
UTF-8. The address passes the checks of a URL capture (casefile.sources.fetch.check_url:
http(s) only, a host, no private or local address unless CASEFILE_FETCH_ALLOW_PRIVATE=1);
redirects are not followed (a POST must not be replayed elsewhere), the wait is bounded
(CASEFILE_WEBHOOK_TIMEOUT) and anything but a 2xx answer is one clear error.

With CASEFILE_WEBHOOK_SECRET set, each post is signed as the Standard Webhooks specification
says (standardwebhooks.com, its reference library signs): a webhook-id unique to the post, a
webhook-timestamp, and webhook-signature, an HMAC-SHA256 of the three. The receiver can then
tell a digest came from this registry and was not changed or replayed on the way; without a
secret anyone who learns the address can post a digest that looks like ours.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import httpx
from standardwebhooks.webhooks import Webhook

from casefile import settings
from casefile.errors import CaptureError, WebhookError
from casefile.reports.digest import Digest
from casefile.sources.fetch import USER_AGENT, check_url


def target(url: str) -> str:
    """The webhook's address, checked as a URL capture checks one (before the digest is
    made: a mistyped address fails at once)."""
    try:
        return check_url(url)
    except CaptureError as exc:
        raise WebhookError(f"webhook: {exc}") from None


def signed() -> bool:
    """Whether posts are signed (CASEFILE_WEBHOOK_SECRET set); a malformed secret is an error
    here, before the digest is made."""
    return settings.webhook_secret() is not None


def headers(body: bytes) -> dict[str, str]:
    """The post's headers, with the Standard Webhooks signature when there is a secret."""
    out = {"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT}
    key = settings.webhook_secret()
    if key is not None:
        msg_id, now = f"msg_{uuid.uuid4().hex}", datetime.now(UTC)
        out.update({"webhook-id": msg_id, "webhook-timestamp": str(int(now.timestamp())),
                    "webhook-signature": Webhook(key).sign(msg_id, now, body)})
    return out


def post(d: Digest, url: str) -> int:
    """Send the digest; the HTTP status the server answered (2xx)."""
    target_url = target(url)
    body = json.dumps(d.public(), ensure_ascii=False).encode("utf-8")
    timeout = settings.webhook_timeout()
    where = _short(target_url)
    try:
        with httpx.Client(follow_redirects=False, timeout=timeout) as client:
            resp = client.post(target_url, content=body, headers=headers(body))
    except httpx.TimeoutException:
        raise WebhookError(f"webhook {where} did not answer within {timeout:g} s "
                           "(CASEFILE_WEBHOOK_TIMEOUT)") from None
    except httpx.HTTPError as exc:
        why = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise WebhookError(f"webhook {where} could not be reached: {why}") from None
    if not 200 <= resp.status_code < 300:
        raise WebhookError(f"webhook {where} answered HTTP {resp.status_code}"
                           f"{' ' + resp.reason_phrase if resp.reason_phrase else ''}: "
                           "the digest was not accepted")
    return resp.status_code


def _short(url: str) -> str:
    return url if len(url) <= 200 else url[:200] + "…"
