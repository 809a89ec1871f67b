"""Who a report's lines concern, and which of them can be @-mentioned.

A line about a school concerns its liaison (包校, whose phone is in office.yaml's
directory) and its contact (``contact.phone`` in the school's file). Only 11-digit CN
mobiles (1[3-9]XXXXXXXXX) can be @-mentioned; everyone else is listed as skipped, with why.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..liaisons import Directory, read_directory
from ..models import Contact
from ..workspace.folders import Workspace
from ..workspace.units import read_school

if TYPE_CHECKING:
    from ..collect import Digests

_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_SEPARATORS = re.compile(r"[\s\-]")


class Mention(StrEnum):
    liaisons = "liaisons"
    contacts = "contacts"
    none = "none"


def mobile(phone: str) -> str | None:
    """``phone`` as an 11-digit CN mobile (spaces, dashes and +86 allowed), else None."""
    digits = _SEPARATORS.sub("", phone)
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix) :]
    return digits if _MOBILE.fullmatch(digits) else None


Why = Literal["no_phone", "not_mobile", "not_in_directory"]


@dataclass(frozen=True)
class Person:
    name: str
    role: Literal["liaison", "contact"]
    school: str  # the school's name (a liaison: one of the schools they look after)
    phone: str | None  # as the data writes it
    mobile: str | None  # what can be @-mentioned
    why: Why | None = None  # why not, when ``mobile`` is None

    @property
    def key(self) -> tuple[str, ...]:
        """The same person on many lines: a liaison by name, a contact by name and school."""
        return (
            (self.role, self.name)
            if self.role == "liaison"
            else (self.role, self.name, self.school)
        )


class People:
    """The people each line of a report concerns, for ``--mention``."""

    def __init__(
        self,
        modes: Iterable[Mention],
        directory: Directory | None,
        names: Mapping[str, str],
        contact_of: Callable[[str], Contact | None],
    ) -> None:
        """``names``: each school's name by id; ``contact_of``: its contact (asked only
        for ``contacts``, and once a school)."""
        self.modes = set(modes) - {Mention.none}
        self.directory = directory
        self.names = names
        self.contact_of = contact_of
        self._known: dict[tuple[str, str], list[Person]] = {}

    def of(self, school: str | None, liaison: str | None) -> list[Person]:
        if school is None or not self.modes:
            return []
        key = (school, liaison or "")
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = self._find(school, liaison)
        return found

    def _find(self, school: str, liaison: str | None) -> list[Person]:
        name = self.names.get(school, school)
        out = []
        # (without a directory at all, no liaison can be reached: said once, not for each)
        if Mention.liaisons in self.modes and liaison and self.directory is not None:
            if liaison not in self.directory.phones:
                out.append(Person(liaison, "liaison", name, None, None, "not_in_directory"))
            else:
                out.append(_person(liaison, "liaison", name, self.directory.phones[liaison]))
        if Mention.contacts in self.modes:
            contact = self.contact_of(school)
            if contact is not None:
                out.append(_person(contact.name, "contact", name, contact.phone))
        return out


def workspace_people(ds: Digests, modes: Iterable[Mention]) -> People:
    """:class:`People` for the units of ``ds``: the directory from office.yaml, each
    school's contact from its file (read only for a school a message names)."""
    names = {d.id: d.name for d in ds.digests}
    contacts: dict[str, Contact | None] = {}

    def contact_of(school: str) -> Contact | None:
        if school not in contacts:
            loaded = read_school(Path(ds.files[school]), []) if school in ds.files else None
            contacts[school] = loaded[2].contact if loaded is not None else None
        return contacts[school]

    modes = set(modes)
    directory = read_directory(Workspace(ds.root)) if Mention.liaisons in modes else None
    return People(modes, directory, names, contact_of)


def _person(
    name: str, role: Literal["liaison", "contact"], school: str, phone: str | None
) -> Person:
    if phone is None:
        return Person(name, role, school, None, None, "no_phone")
    found = mobile(phone)
    return Person(name, role, school, phone, found, None if found else "not_mobile")
