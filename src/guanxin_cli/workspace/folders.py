"""Where the workspace is and what is in it: ``--root``, ``GUANXIN_ROOT``, the nearest
folder holding ``plans/``, or the bundled sample; its plan years and unit files; and what
may be read in it (no symlink leading outside)."""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError, Location, Problem, UsageError, problem
from ..years import plan_years

PLANS_DIR = "plans"


SCHOOLS_DIR = Path("data") / "schools"


UNITS_DIR = Path("data") / "units"  # units between the office and its schools (镇, 片区, 县区)


OFFICE_FILE = Path("data") / "office.yaml"


ENV_ROOT = "GUANXIN_ROOT"


BUNDLED_ROOT = Path(__file__).parent.parent / "bundled"


@dataclass(frozen=True)
class Workspace:
    root: Path
    bundled: bool = False

    @property
    def plans_dir(self) -> Path:
        return self.root / PLANS_DIR

    @property
    def schools_dir(self) -> Path:
        return self.root / SCHOOLS_DIR

    @property
    def units_dir(self) -> Path:
        return self.root / UNITS_DIR

    @property
    def office_path(self) -> Path:
        return self.root / OFFICE_FILE

    def plan_years(self) -> list[int]:
        """The years with a plan file (``plans/2022.yaml`` …), in order."""
        try:
            names = os.listdir(self.plans_dir)
        except OSError:
            return []
        return [y for y in plan_years(names) if (self.plans_dir / f"{y}.yaml").is_file()]

    def first_year(self) -> int | None:
        """The first plan year: the year of a first-layout school file's records."""
        years = self.plan_years()
        return years[0] if years else None

    def plans_digest(self, chosen: Path) -> str:
        """A checksum of the ``chosen`` plan's bytes and every plan's (a missing one as
        ``-``): what a cache of results made against the plans is keyed by (a file's records
        of other years are checked against theirs)."""
        digest = hashlib.sha256()
        for path in [chosen, *(self.plan_path(y) for y in self.plan_years())]:
            try:
                digest.update(path.read_bytes())
            except OSError:
                digest.update(b"-")
        return digest.hexdigest()

    def plan_path(self, year: int | None = None) -> Path:
        """``plans/<year>.yaml``, or the newest plan when no year is given."""
        years = self.plan_years()
        if year is not None:
            path = self.plans_dir / f"{year}.yaml"
            if year not in years:
                known = "、".join(str(y) for y in years) or "—"
                key = year_missing_key(years, year)
                raise UsageError(problem(key, Location(path), year=year, known=known))
            return path
        if not years:
            raise UsageError(problem("plan.none", Location(self.plans_dir)))
        return self.plans_dir / f"{years[-1]}.yaml"

    def school_paths(self) -> list[Path]:
        return [Path(path) for path, _ in self.school_files()]

    def unit_paths(self) -> list[Path]:
        """Every unit file: the office's, the units between it and the schools, the schools."""
        schools = self.school_paths()  # (first: an unreadable data/ is said as a folder)
        units = [Path(p) for p, _ in self.unit_files()]
        office = [self.office_path] if self.office_path.is_file() else []
        return [*office, *units, *schools]

    def school_files(self) -> list[tuple[str, bool]]:
        """Each school file's absolute path, in name order, and whether it is a symlink
        (known from the listing itself, without a system call per file: there may be
        20,000)."""
        return _yaml_files(self.schools_dir, self.root)

    def unit_files(self) -> list[tuple[str, bool]]:
        """The files of the units between the office and the schools (``data/units/``)."""
        return _yaml_files(self.units_dir, self.root)


def _yaml_files(where: Path, root: Path) -> list[tuple[str, bool]]:
    """A folder's YAML files (absolute paths, in name order) and whether each is a symlink;
    a folder that cannot be read is a located problem (``root``: the workspace's)."""
    folder = os.path.abspath(where)
    try:
        with os.scandir(folder) as listing:
            found = [
                (e.name, e.is_symlink())
                for e in listing
                if os.path.splitext(e.name)[1] in (".yaml", ".yml")
            ]
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:  # (no permission: `chmod 000 data/schools`, or `data/`)
        place = Location(_unreadable_folder(root, Path(folder)))
        from ..oserrors import os_reason

        reason = os_reason(exc)
        raise DataError(problem("file.unreadable_dir", place, reason=reason)) from None
    found.sort()
    folder = os.path.join(folder, "")  # (with its separator: joined 20,000 times)
    return [(folder + name, link) for name, link in found]


def _unreadable_folder(root: Path, folder: Path) -> Path:
    """The first folder on the way from the workspace ``root`` to ``folder`` that cannot
    be listed or entered (``data/`` itself, say), shown as the workspace names it."""
    try:
        parts = folder.relative_to(os.path.abspath(root)).parts
    except ValueError:
        return folder
    here = root
    for part in parts:
        here = here / part
        if not os.access(here, os.R_OK | os.X_OK):
            return here
    return root / Path(*parts)


def find_workspace(root: Path | None = None, cwd: Path | None = None) -> Workspace:
    """``--root``, then ``GUANXIN_ROOT``, then the nearest folder up holding ``plans/``,
    then the bundled 2022 plan and sample schools."""
    given = (
        root
        if root is not None
        else (Path(os.environ[ENV_ROOT]) if os.environ.get(ENV_ROOT) else None)
    )
    if given is not None:
        if not (given / PLANS_DIR).is_dir():
            raise UsageError(problem("workspace.not_found", Location(given)))
        return Workspace(given)
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / PLANS_DIR).is_dir() and any((folder / PLANS_DIR).glob("*.yaml")):
            return Workspace(folder)
    return Workspace(BUNDLED_ROOT, bundled=True)


def stays_inside(path: Path, ws: Workspace, problems: list[Problem]) -> bool:
    """A file found in the workspace must still be in it once symlinks are followed.

    Otherwise a school file such as ``data/schools/x.yaml -> /etc/shadow`` would be read
    (and quoted in error messages). Paths outside the workspace that the user names on
    the command line are the user's own choice and are not refused.
    """
    if not path.is_symlink() and dir_inside(path.parent, ws.root):
        return True  # the common case, without resolving every file (20,000 of them)
    try:
        path.absolute().relative_to(ws.root.absolute())
    except ValueError:
        return True
    try:
        target = path.resolve()
        target.relative_to(ws.root.resolve())
    except RuntimeError:  # a symlink loop (Python < 3.13)
        problems.append(problem("file.unreadable", Location(path), reason=_loop()))
        return False
    except ValueError:
        problems.append(problem("file.outside", Location(path), target=str(target)))
        return False
    return True


@functools.lru_cache(maxsize=64)
def dir_inside(folder: Path, root: Path) -> bool:
    try:
        folder.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def looks_like_plan(path: Path) -> bool:
    return path.parent.name == PLANS_DIR


def _loop() -> str:
    from ..oserrors import reason_named

    return reason_named("ELOOP")


def year_missing_key(years: list[int], year: int) -> str:
    """What to say of a plan year the workspace lacks: ``guanxin roll`` makes it from an
    earlier plan, so where every plan is later, say copy or init instead."""
    return "plan.year_missing_first" if years and min(years) > year else "plan.year_missing"
