"""Who may see whose data: the one access function, and every learner URL going through it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import get_resolver

from progress.access import NotVisible, learner_access, own_access

pytestmark = pytest.mark.django_db

LEARNER_NAMESPACES = {"plans", "interviews", "journal", "settings", "reminders", "mentoring"}
# Public on purpose: the landing page (signed in, it hands over to the today view) and the
# unsubscribe link of an e-mail, whose signed token is its authority (no session needed),
# and a mentoring invitation, which an invited person without an account must be able to open.
PUBLIC = {"plans:home", "reminders:unsubscribe", "mentoring:invitation"}


def test_a_learner_sees_and_changes_their_own_data(learner):
    access = learner_access(learner, learner.pk)

    assert (access.learner, access.can_change, access.can_comment) == (learner, True, True)
    assert access.is_owner


def test_another_learner_sees_nothing(learner, other_learner):
    with pytest.raises(NotVisible):
        learner_access(other_learner, learner.pk)


def test_an_anonymous_visitor_sees_nothing(learner):
    with pytest.raises(NotVisible):
        learner_access(AnonymousUser(), learner.pk)


def test_not_visible_is_a_does_not_exist_so_pages_answer_404():
    from django.core.exceptions import ObjectDoesNotExist

    assert issubclass(NotVisible, ObjectDoesNotExist)


def test_the_owner_may_change_and_own_access_is_the_owners(learner):
    assert learner_access(learner, learner.pk, change=True).can_change
    assert own_access(learner) == learner_access(learner, learner.pk)


def _learner_urls():
    resolver = get_resolver()
    for namespace in sorted(LEARNER_NAMESPACES):
        _prefix, sub = resolver.namespace_dict[namespace]
        for pattern in sub.url_patterns:
            yield f"{namespace}:{pattern.name}", pattern.callback


def test_every_learner_url_goes_through_the_learner_page_access_check():
    urls = list(_learner_urls())
    unchecked = [
        name
        for name, view in urls
        if name not in PUBLIC and not getattr(view, "learner_page", False)
    ]

    assert len(urls) == 42
    assert unchecked == []
