"""One reminders sweep by hand: `send_reminders [--dry-run] [--now ISO-DATETIME]`."""

from datetime import UTC, datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from progress.reminders import selectors, services
from progress.reminders.tasks import send_later


def _instant(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--now {text!r} is not an ISO date and time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Command(BaseCommand):
    help = (
        "Run one reminders sweep now: record what is due and send it through the worker. "
        "--dry-run prints who would get what and why, writing nothing; --now sweeps as if "
        "it were that instant (UTC unless the value has an offset)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--now", type=_instant, default=None, metavar="ISO-DATETIME")

    def handle(self, *args, dry_run: bool, now: datetime | None, **options):
        now = now or timezone.now()
        result = services.reminders_sweep(now=now, dry_run=dry_run)
        emails = selectors.emails_of([user_id for user_id, _ in result.decided])
        for user_id, decision in result.decided:
            due = decision.due
            verdict = f"skip ({decision.skipped})" if decision.skipped else "send"
            self.stdout.write(f"{verdict}: {due.kind} {due.period} to {emails[user_id]}: {due.why}")
        if dry_run:
            self.stdout.write(f"Dry run at {now.isoformat()}: nothing written.")
            return
        send_later(result.to_send)
        self.stdout.write(
            f"Swept at {now.isoformat()}: {len(result.to_send)} queued to send, "
            f"{len(result.skipped)} skipped, {result.recovered} given up after a stopped worker."
        )
