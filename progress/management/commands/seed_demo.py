import secrets

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from progress.demo import demo_journal, demo_mentoring, demo_plan

DEMO_ACCOUNTS = (
    ("learner@example.com", "Demo learner"),
    ("mentor@example.com", "Demo mentor"),
)


class Command(BaseCommand):
    help = "Create (or refresh) the demo learner and mentor; prints their credentials."

    def add_arguments(self, parser):
        parser.add_argument("--password", help="Password for both accounts (default: random).")

    @transaction.atomic
    def handle(self, *args, password=None, **options):
        password = password or secrets.token_urlsafe(9)
        for email, name in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(email=email, defaults={"display_name": name})
            user.set_password(password)
            user.save(update_fields=["password"])
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            state = "created" if created else "refreshed"
            self.stdout.write(f"  {email} / {password}  ({state})")
            if email.startswith("learner") and demo_plan(user, timezone.localdate()):
                self.stdout.write("    with a plan two weeks in progress")
            if email.startswith("learner") and demo_journal(user, timezone.localdate()):
                self.stdout.write("    with interviews, practice, stories and a mock")
        learner = User.objects.get(email=DEMO_ACCOUNTS[0][0])
        mentor = User.objects.get(email=DEMO_ACCOUNTS[1][0])
        if demo_mentoring(mentor=mentor, mentee=learner):
            self.stdout.write("    the mentor follows the learner")
        self.stdout.write(self.style.SUCCESS("Demo accounts ready: sign in at /accounts/login/"))
