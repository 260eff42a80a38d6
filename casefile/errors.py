"""One exception family, so the CLI and the web can turn any of them into a one-line message."""


class CasefileError(Exception):
    """Base of every error Casefile reports to a user instead of crashing."""


class CaptureError(CasefileError):
    """A source could not be captured: unreadable, too large, unknown format, unreachable."""


class NotFound(CasefileError):
    """A record asked for by id does not exist."""


class ReviewError(CasefileError):
    """A review action is not allowed in the claim's current state."""


class SettingsError(CasefileError):
    """A CASEFILE_* setting cannot be used: not a number, or a folder that does not exist."""


class RegistryError(CasefileError):
    """The registry cannot be opened or brought to the current schema."""


class DraftError(CasefileError):
    """A draft (casefile.drafts) has nothing to be drafted from."""


class WebhookError(CasefileError):
    """A digest could not be posted: the webhook's address refused, unreachable, or it did
    not accept the digest."""
