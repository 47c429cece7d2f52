"""Who may see whose data: one question, answered in one place.

`learner_access(viewer, learner_id)` says whether `viewer` may see the learner's data at all,
and if so whether they may change it or only comment on it. Every learner page and every
selector that loads a learner's object goes through it, so a new kind of viewer (a mentor)
is one more rule here, not a change to every view. "Not visible" is `NotVisible`, a
`DoesNotExist`: the page answers 404, the same as for an id that does not exist, so nobody
learns which ids belong to someone else.
"""

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist

from .mentoring.models import Mentorship


class NotVisible(ObjectDoesNotExist):
    """The viewer may not see this learner's data (or may not change it)."""


@dataclass(frozen=True)
class Access:
    viewer: object  # the signed-in user
    learner: object  # whose data it is
    can_change: bool
    can_comment: bool

    @property
    def is_owner(self) -> bool:
        return self.viewer.pk == self.learner.pk


def learner_access(viewer, learner_id: int, *, change: bool = False) -> Access:
    """May `viewer` see learner `learner_id`; may they change, or only comment?

    Rules, in order:
    - a learner sees and changes their own data;
    - a mentor with an active link to the learner sees it and may comment, not change it
      (the link is read on every request, so ending it takes effect at once);
    - nobody else sees anything.

    With `change=True` a viewer who may only look is refused as well.
    """
    if viewer is None or not viewer.is_authenticated:
        raise NotVisible(f"learner {learner_id} is not visible to this viewer")
    if viewer.pk == learner_id:
        access = Access(viewer=viewer, learner=viewer, can_change=True, can_comment=True)
    else:
        link = (
            Mentorship.objects.filter(
                mentor=viewer, mentee_id=learner_id, status=Mentorship.Status.ACTIVE
            )
            .select_related("mentee")
            .first()
        )
        if link is None:
            raise NotVisible(f"learner {learner_id} is not visible to this viewer")
        access = Access(viewer=viewer, learner=link.mentee, can_change=False, can_comment=True)
    if change and not access.can_change:
        raise NotVisible(f"learner {learner_id}'s data is read-only for this viewer")
    return access


def own_access(user) -> Access:
    """The signed-in user looking at their own data (every "my ..." page)."""
    return learner_access(user, user.pk)
