"""Files → models: where the workspace is and what is in it (``folders``); a file read and
validated, every problem located (``located``); a plan file → its model and dates
(``plans``); unit files against their plans and each other (``checks``); a unit file → its
model (``units``); a plan year loaded whole, or checked (``loader``); what an edit checks
before it writes (``edits``)."""
