"""The year's state, computed: pure functions from a plan year's models and a date to result
objects (no files read, nothing printed). ``scope``: which units a task is for."""
