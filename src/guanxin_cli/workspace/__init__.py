"""Files → models: where the workspace is and what is in it (``folders``)."""
