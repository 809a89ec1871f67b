"""Messages for edit."""

MESSAGES: dict[str, tuple[str, str]] = {}
