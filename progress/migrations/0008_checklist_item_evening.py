from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import migrations, models


def good_sleep_on_the_evening_before(apps, schema_editor):
    """Copies of "Get a good night's sleep" made at a fixed 12 hours before (02:30 for a
    14:30 interview) become due at 21:00 the evening before, on the learner's clock, as the
    curriculum now says. The arithmetic is spelled out here: a migration must not follow
    code that changes later."""
    item_model = apps.get_model("progress", "InterviewChecklistItem")
    items = list(
        item_model.objects.filter(
            template__slug="good-sleep", offset_hours=-12, evening=False
        ).select_related("interview__user")
    )
    for item in items:
        zone = ZoneInfo(item.interview.user.timezone)
        day = item.interview.scheduled_at.astimezone(zone).date() - timedelta(days=1)
        item.due_at = datetime.combine(day, time(21), tzinfo=zone).astimezone(UTC)
        item.offset_hours, item.evening = -24, True
    item_model.objects.bulk_update(items, ["due_at", "offset_hours", "evening"])


class Migration(migrations.Migration):
    dependencies = [
        ("progress", "0007_comments_and_mentor_mocks"),
    ]

    operations = [
        migrations.AddField(
            model_name="interviewchecklistitem",
            name="evening",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(good_sleep_on_the_evening_before, migrations.RunPython.noop),
    ]
