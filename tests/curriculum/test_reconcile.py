"""The reload's rule for one field, one missing row and one extra row (pure)."""

import pytest

from curriculum import reconcile


@pytest.mark.parametrize(
    ("base", "db", "files", "take", "kept"),
    [
        ("a", "a", "a", {}, {}),  # nothing changed
        ("a", "a", "b", {"f": "b"}, {}),  # the files changed: applied
        ("a", "b", "a", {}, {"f": reconcile.EDITED}),  # edited in the database: kept
        ("a", "b", "c", {}, {"f": reconcile.BOTH}),  # both: the database's kept, reported
        ("a", "b", "b", {}, {}),  # the same edit on both sides
        (None, "b", "c", {}, {"f": reconcile.UNKNOWN}),  # no record: kept, reported
    ],
)
def test_one_field(base, db, files, take, kept):
    result = reconcile.fields_reconcile(
        base=None if base is None else {"f": base},
        db={"f": db},
        files={"f": files},
        overwrite=False,
    )

    assert (result.take, result.kept) == (take, kept)


def test_a_kept_field_keeps_its_old_baseline_and_the_others_move_on():
    result = reconcile.fields_reconcile(
        base={"title": "a", "body": "x"},
        db={"title": "edited", "body": "x"},
        files={"title": "a", "body": "y"},
        overwrite=False,
    )

    assert result.take == {"body": "y"}
    assert result.baseline == {"title": "a", "body": "y"}


def test_overwrite_takes_every_difference():
    result = reconcile.fields_reconcile(
        base={"f": "a"}, db={"f": "b"}, files={"f": "c"}, overwrite=True
    )

    assert (result.take, result.kept, result.baseline) == ({"f": "c"}, {}, {"f": "c"})


@pytest.mark.parametrize(
    ("base", "db", "retired", "overwrite", "verdict"),
    [
        ({"f": "a"}, {"f": "a"}, False, False, "remove"),  # the files dropped it
        ({"f": "a"}, {"f": "b"}, False, False, reconcile.REMOVED_EDITED),
        (None, {}, False, False, reconcile.ADDED),  # added in the admin
        (None, {}, False, True, "remove"),
        ({"f": "a"}, {"f": "b"}, True, False, "settled"),  # retired: already gone
    ],
)
def test_a_row_only_the_database_has(base, db, retired, overwrite, verdict):
    assert (
        reconcile.extra_row_reconcile(base=base, db=db, retired=retired, overwrite=overwrite)
        == verdict
    )


def test_a_row_only_the_files_have_is_created_unless_the_database_deleted_it():
    assert reconcile.missing_row_reconcile(base=None, overwrite=False) == ""
    assert reconcile.missing_row_reconcile(base={"f": "a"}, overwrite=False) == reconcile.DELETED
    assert reconcile.missing_row_reconcile(base={"f": "a"}, overwrite=True) == ""
