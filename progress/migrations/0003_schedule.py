"""The learner's profile becomes the plan's schedule; its time zone moves to the user.

The zone is copied to the user before the column goes, so nothing is lost, and copied back
on the way down."""

from django.conf import settings
from django.db import migrations, models
from django.db.models import Q


def zone_to_user(apps, schema_editor):
    Schedule = apps.get_model("progress", "Schedule")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    for user_id, zone in Schedule.objects.values_list("user_id", "timezone"):
        User.objects.filter(pk=user_id).update(timezone=zone)


def zone_to_schedule(apps, schema_editor):
    Schedule = apps.get_model("progress", "Schedule")
    for schedule in Schedule.objects.select_related("user"):
        schedule.timezone = schedule.user.timezone
        schedule.save(update_fields=["timezone"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_user_timezone"),
        ("progress", "0002_interview_interviewchecklistitem_mockinterview_and_more"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="profile", name="profile_minutes_range"),
        migrations.RenameModel(old_name="Profile", new_name="Schedule"),
        migrations.AlterField(
            model_name="schedule",
            name="user",
            field=models.OneToOneField(
                on_delete=models.deletion.CASCADE,
                related_name="schedule",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="schedule",
            constraint=models.CheckConstraint(
                condition=Q(minutes_per_day__gte=15) & Q(minutes_per_day__lte=480),
                name="schedule_minutes_range",
            ),
        ),
        migrations.RunPython(zone_to_user, zone_to_schedule),
        migrations.RemoveField(model_name="schedule", name="timezone"),
    ]
