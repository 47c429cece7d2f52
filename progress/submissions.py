"""Creating a record once per submitted form.

Every "add" form carries a random key (see progress.fields.SubmissionField). A double
click, a reload that resubmits, or a retry after a timeout sends the same key again; the
unique (owner, submission) constraint turns the second insert into "found the first one".
"""

from collections.abc import Callable
from uuid import UUID

from django.db import IntegrityError, transaction


def create_once[T](model, *, owner: dict, submission: UUID | None, create: Callable[[], T]):
    """Return (record, created): the record this submission made, making it if need be."""
    if submission is not None:
        existing = model.objects.filter(**owner, submission=submission).first()
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():  # a savepoint: the race below leaves the outer one usable
            return create(), True
    except IntegrityError:
        if submission is None:
            raise
        return model.objects.get(**owner, submission=submission), False
