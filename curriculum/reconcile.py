"""What a reload does with each curriculum row (pure: no database).

Three versions of a row meet: the baseline (what the last load wrote, or found in agreement
with the files), the database's and the files'. A field the database still holds at its
baseline value takes the files' value; a field edited in the database since (in the admin,
say) keeps the database's value and is reported, whether or not the files changed it too,
until the edit is written to the files (dump_curriculum) or `overwrite` says the files win.
Without a baseline (a database loaded before loads remembered, or a row added by hand) a
difference cannot be told apart from an edit, so it is kept and reported too.
"""

from dataclasses import dataclass, field

EDITED = "edited in the database"
BOTH = "changed in the files and edited in the database"
UNKNOWN = "differs from the files, and no load recorded it"
ADDED = "added in the database, not in the files"
DELETED = "deleted in the database, still in the files"
REMOVED_EDITED = "removed from the files, but edited in the database"
REMOVED_HOLDING = "removed from the files, but holds rows kept in the database"


@dataclass(frozen=True)
class Fields:
    """For a row both sides have: the files' values to write, the fields kept with why, and
    the row's next baseline (a kept field keeps its old baseline value, if it had one)."""

    take: dict = field(default_factory=dict)
    kept: dict[str, str] = field(default_factory=dict)
    baseline: dict = field(default_factory=dict)


def fields_reconcile(*, base: dict | None, db: dict, files: dict, overwrite: bool) -> Fields:
    take, kept = {}, {}
    for name, value in files.items():
        if db[name] == value:
            continue
        if overwrite:
            take[name] = value
        elif base is None or name not in base:
            kept[name] = UNKNOWN
        elif db[name] == base[name]:
            take[name] = value
        else:
            kept[name] = EDITED if value == base[name] else BOTH
    baseline = {}
    for name, value in files.items():
        if name not in kept:
            baseline[name] = value
        elif base and name in base:
            baseline[name] = base[name]
    return Fields(take=take, kept=kept, baseline=baseline)


def missing_row_reconcile(*, base: dict | None, overwrite: bool) -> str:
    """A row the files have and the database lacks: "" to create it, else why it stays out."""
    return "" if overwrite or base is None else DELETED


def extra_row_reconcile(*, base: dict | None, db: dict, retired: bool, overwrite: bool) -> str:
    """A row the database has and the files lack: "remove" (delete, or retire what progress
    refers to), "settled" (retired already: nothing to do), else why it stays."""
    if retired:
        return "settled"
    if overwrite:
        return "remove"
    if base is None:
        return ADDED
    if any(db.get(name) != value for name, value in base.items()):
        return REMOVED_EDITED
    return "remove"
