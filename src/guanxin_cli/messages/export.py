"""Messages for export."""

MESSAGES: dict[str, tuple[str, str]] = {}
