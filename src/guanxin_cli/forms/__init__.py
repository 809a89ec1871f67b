"""Forms (填报表): each school gets an xlsx of its own to fill, and the filled form is read
back into its file.

The data flows as everywhere else in guanxin: ``content`` works out what a school's form
holds (from the plan, the school's file and the as-of date), ``workbook`` writes it with
openpyxl, ``reading`` reads a filled one back cell by cell, ``importing`` turns the answers
into one edit of the school's file, and ``ledger`` keeps ``data/forms.yaml``: the rounds
of forms made and read back, and the workspace's id and key every form is signed with.
``layout`` is the shape both sides share.
"""
