"""Recording progress: the edits behind ``done``, ``set``, ``fix``, ``record-audit``,
``activity add``, ``school add`` and ``import``.

Each edit runs the same cycle in :func:`.cycle.edit_file`: take the file's lock, read it,
change the round-trip document, validate the new text exactly as ``guanxin check`` would,
then write it atomically (or only show the diff for ``--dry-run``).  Nothing is written when
the new text has a problem.  :mod:`.parts` finds the part of a school file an edit changes;
each kind of edit has its module (:mod:`.progress`, :mod:`.audits`, :mod:`.ledger`,
:mod:`.schools`).
"""
