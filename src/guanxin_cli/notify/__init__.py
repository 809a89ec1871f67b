"""``guanxin notify``: a report posted to a WeCom / DingTalk / Feishu group robot.

The data flow, module by module: ``compose`` (a report's view → lines → messages within a
robot's limit) → ``vendors`` (each app's payloads, signatures and replies) → ``transport``
(HTTP with timeouts, retries and rate limits) — with ``mentions`` (who is @-mentioned) and
``redact`` (no secret in any output) beside them, and ``core.send`` tying them together.
"""
