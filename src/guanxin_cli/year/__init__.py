"""The year's state, computed: pure functions from a plan year's models and a date to result
objects (no files read, nothing printed). ``scope``: which units a task is for; ``items``:
each task occurrence and finding of a unit, and its state; ``milestones``; ``rates`` and a
unit's summary; ``tracking``: the whole year as of a date; ``digest``: one unit's part of
the year in brief, made from its items, and ``digest_fast`` the same without making them."""
