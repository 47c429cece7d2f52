"""Forms for the schedule, onboarding and plan items. Each refuses bad input with a message
next to the field and gives back what was typed; the rules themselves live in
`schedule.py` and the services."""

from django import forms

from accounts.forms import TimezoneField

from .models import NOTE_MAX_LENGTH, SKIP_REASON_MAX_LENGTH, PlanItem
from .schedule import (
    MAX_MINUTES_PER_DAY,
    MIN_MINUTES_PER_DAY,
    WEEKDAYS,
    schedule_problems,
)

RATING_CHOICES = [
    (1, "1: new to me"),
    (2, "2: shaky"),
    (3, "3: working knowledge"),
    (4, "4: confident"),
    (5, "5: could teach it"),
]
# A date input only accepts yyyy-mm-dd; the locale's format (en-gb: dd/mm/yyyy) leaves it empty.
ISO_DATE = "%Y-%m-%d"
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format=ISO_DATE)


class ScheduleForm(forms.Form):
    """When and how much the learner studies; shared by onboarding and settings."""

    interview_date = forms.DateField(
        required=False,
        widget=DATE_INPUT,
        help_text="Optional. Without one, the plan runs four weeks.",
    )
    follows_interviews = forms.BooleanField(
        required=False,
        label="Use my next interview's date as the end",
        help_text="The plan then ends the day before the next interview you record under "
        "Interviews, and moves when you add, move or delete one; the date above is not used.",
    )
    start_date = forms.DateField(widget=DATE_INPUT)
    target_role = forms.CharField(
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "e.g. Backend Python engineer"}),
    )
    study_days = forms.TypedMultipleChoiceField(
        choices=list(enumerate(WEEKDAYS)),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one study day."},
    )
    minutes_per_day = forms.IntegerField(
        min_value=MIN_MINUTES_PER_DAY,
        max_value=MAX_MINUTES_PER_DAY,
        help_text=f"Between {MIN_MINUTES_PER_DAY} and {MAX_MINUTES_PER_DAY} minutes.",
        error_messages={
            "min_value": f"Give at least {MIN_MINUTES_PER_DAY} minutes a day.",
            "max_value": f"At most {MAX_MINUTES_PER_DAY} minutes (8 hours) a day.",
        },
    )

    def __init__(self, *args, today, **kwargs):
        self.today = today
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("follows_interviews"):
            # The date comes from the interviews (the service reads it): a stale one typed
            # here must not stop the save.
            data["interview_date"] = None
            self.errors.pop("interview_date", None)
        if {"start_date", "study_days", "minutes_per_day"} <= data.keys():
            schedule = self.schedule()
            problems = schedule_problems(
                today=self.today,
                start_date=schedule["start_date"],
                interview_date=schedule["interview_date"],
                study_days=schedule["study_days"],
                minutes_per_day=schedule["minutes_per_day"],
            )
            for field, message in problems.items():
                if field not in self.errors:
                    self.add_error(field, message)
        return data

    def schedule(self) -> dict:
        """The schedule as the services take it."""
        data = self.cleaned_data
        schedule = {
            "interview_date": data.get("interview_date"),
            "start_date": data["start_date"],
            "target_role": data.get("target_role", ""),
            "study_days": frozenset(data["study_days"]),
            "minutes_per_day": data["minutes_per_day"],
        }
        if "follows_interviews" in self.fields:
            schedule["follows_interviews"] = data.get("follows_interviews", False)
        return schedule


def _add_rating_fields(form, topics, ratings: dict[int, int] | None = None) -> None:
    """A 1-5 radio group per topic, named rating_<topic id>."""
    form.topics = list(topics)
    for topic in form.topics:
        form.fields[f"rating_{topic.pk}"] = forms.TypedChoiceField(
            label=topic.title,
            choices=RATING_CHOICES,
            coerce=int,
            initial=(ratings or {}).get(topic.pk, 3),
            widget=forms.RadioSelect,
            error_messages={"required": "Rate this topic from 1 to 5."},
        )


class _Ratings:
    def rating_fields(self):
        return [self[f"rating_{topic.pk}"] for topic in self.topics]

    def ratings(self) -> dict[int, int]:
        return {topic.pk: self.cleaned_data[f"rating_{topic.pk}"] for topic in self.topics}


class OnboardingForm(_Ratings, ScheduleForm):
    """The schedule, the learner's time zone and a 1-5 self-rating for each study topic."""

    timezone = TimezoneField(label="Time zone")
    # A new learner has recorded no interview yet: the choice waits in settings.
    follows_interviews = None

    field_order = ["interview_date", "start_date", "timezone", "target_role"]

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        _add_rating_fields(self, topics)


class RatingsForm(_Ratings, forms.Form):
    """The self-ratings again, after onboarding: the learner's confidence changes."""

    def __init__(self, *args, topics, ratings: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        _add_rating_fields(self, topics, ratings)


class NoteForm(forms.Form):
    note = forms.CharField(
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": f"Keep notes under {NOTE_MAX_LENGTH} characters."},
    )


class StatusForm(forms.Form):
    """The status the page showed when the learner acted: a change from a stale page is
    refused rather than undoing what happened elsewhere."""

    expected = forms.ChoiceField(choices=PlanItem.Status.choices, required=False)


class SkipForm(StatusForm):
    reason = forms.CharField(
        max_length=SKIP_REASON_MAX_LENGTH,
        error_messages={
            "required": "Say briefly why you skip it.",
            "max_length": f"Keep the reason under {SKIP_REASON_MAX_LENGTH} characters.",
        },
    )
