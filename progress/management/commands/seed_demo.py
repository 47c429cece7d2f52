import secrets

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import User
from progress.demo import (
    DEMO_MENTEES,
    MENTEE_STATES,
    demo_comments,
    demo_journal,
    demo_mentee,
    demo_mentoring,
    demo_plan,
    demo_today,
)


class Command(BaseCommand):
    help = (
        "Create (or refresh) the demo learner, the mentor and the mentor's other mentees; "
        "prints their credentials."
    )

    def add_arguments(self, parser):
        parser.add_argument("--password", help="Password for every account (default: random).")

    @transaction.atomic
    def handle(self, *args, password=None, **options):
        password = password or secrets.token_urlsafe(9)
        today = demo_today()
        learner = self._account("learner@example.com", "Demo learner", password)
        if demo_plan(learner, today):
            self.stdout.write("    with a plan two weeks in progress")
        if demo_journal(learner, today):
            self.stdout.write("    with interviews, practice, stories and a mock")
        mentor = self._account("mentor@example.com", "Demo mentor", password)
        if demo_mentoring(mentor=mentor, mentee=learner):
            self.stdout.write("    the mentor follows the learner")
        if demo_comments(mentor=mentor, learner=learner, today=today):
            self.stdout.write("    the mentor commented on the learner's plan and a story")
        for email, name, state in DEMO_MENTEES:
            mentee = self._account(email, name, password)
            if demo_mentee(mentee, today, state):
                self.stdout.write(f"    {MENTEE_STATES[state]}")
            if demo_mentoring(mentor=mentor, mentee=mentee):
                self.stdout.write(f"    the mentor follows {name}")
        self.stdout.write(self.style.SUCCESS("Demo accounts ready: sign in at /accounts/login/"))

    def _account(self, email: str, name: str, password: str) -> User:
        """The account with a verified address and this run's password; prints its line."""
        user, created = User.objects.get_or_create(email=email, defaults={"display_name": name})
        user.set_password(password)
        user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        state = "created" if created else "refreshed"
        self.stdout.write(f"  {email} / {password}  ({state})")
        return user
