"""Messages for reports."""

MESSAGES: dict[str, tuple[str, str]] = {}
