"""The sign-in backends: Django's and allauth's, reading the signed-in user's schedule with
them in the same query. Every learner page needs the schedule first (its version keys the
page's cached parts), so this saves a query on each of them; see
progress.plans.selectors.schedule_of_signed_in."""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


def _with_schedule(backend, user_id):
    users = get_user_model()._default_manager.select_related("schedule")
    try:
        user = users.get(pk=user_id)
    except get_user_model().DoesNotExist:
        return None
    return user if backend.user_can_authenticate(user) else None


class LearnerModelBackend(ModelBackend):
    def get_user(self, user_id):
        return _with_schedule(self, user_id)


class LearnerAuthenticationBackend(AuthenticationBackend):
    def get_user(self, user_id):
        return _with_schedule(self, user_id)
