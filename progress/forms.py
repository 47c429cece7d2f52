"""Forms for the learner's own data. Each refuses bad input with a message next to the
field and gives back what was typed."""

import zoneinfo
from datetime import date, timedelta

from django import forms

from .models.plan import MAX_MINUTES_PER_DAY, MIN_MINUTES_PER_DAY, NOTE_MAX_LENGTH, WEEKDAYS

TIMEZONES = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})
RATING_CHOICES = [
    (1, "1: new to me"),
    (2, "2: shaky"),
    (3, "3: working knowledge"),
    (4, "4: confident"),
    (5, "5: could teach it"),
]
MAX_PLAN_DAYS = 366
# A date input only accepts yyyy-mm-dd; the locale's format (en-gb: dd/mm/yyyy) leaves it empty.
ISO_DATE = "%Y-%m-%d"


class ScheduleForm(forms.Form):
    """When and how much the learner studies; shared by onboarding and settings."""

    interview_date = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
        help_text="Optional. Without one, the plan runs four weeks.",
    )
    start_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE))
    timezone = forms.ChoiceField(
        choices=[(z, z.replace("_", " ")) for z in TIMEZONES],
        widget=forms.Select(attrs={"data-browser-timezone": "true"}),
        help_text="Reminders and 'today' follow this zone.",
        error_messages={
            "invalid_choice": "%(value)s is not a time zone we know; pick one from the list."
        },
    )
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

    def __init__(self, *args, today: date, **kwargs):
        self.today = today
        super().__init__(*args, **kwargs)

    def clean_interview_date(self):
        interview = self.cleaned_data["interview_date"]
        if interview and interview < self.today:
            raise forms.ValidationError("The interview date is in the past.")
        return interview

    def clean(self):
        data = super().clean()
        start, interview = data.get("start_date"), data.get("interview_date")
        if start and interview and start > interview:
            self.add_error("start_date", "The start date is after the interview.")
        if start and start > self.today + timedelta(days=MAX_PLAN_DAYS):
            self.add_error("start_date", "Start within the next year.")
        if start and interview and (interview - start).days > MAX_PLAN_DAYS:
            self.add_error("interview_date", "Plans can span at most one year.")
        return data

    def schedule(self) -> dict:
        data = self.cleaned_data
        return {
            "interview_date": data["interview_date"],
            "start_date": data["start_date"],
            "timezone": data["timezone"],
            "target_role": data["target_role"],
            "study_days": "".join(str(d) for d in sorted(set(data["study_days"]))),
            "minutes_per_day": data["minutes_per_day"],
        }


class OnboardingForm(ScheduleForm):
    """The schedule plus a 1-5 self-rating for each study topic."""

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.topics = list(topics)
        for topic in self.topics:
            self.fields[f"rating_{topic.pk}"] = forms.TypedChoiceField(
                label=topic.title,
                choices=RATING_CHOICES,
                coerce=int,
                initial=3,
                widget=forms.RadioSelect,
                error_messages={"required": "Rate this topic from 1 to 5."},
            )

    def rating_fields(self):
        return [self[f"rating_{topic.pk}"] for topic in self.topics]

    def ratings(self) -> dict[int, int]:
        return {topic.pk: self.cleaned_data[f"rating_{topic.pk}"] for topic in self.topics}


class NoteForm(forms.Form):
    note = forms.CharField(
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": f"Keep notes under {NOTE_MAX_LENGTH} characters."},
    )


class SkipForm(forms.Form):
    reason = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Say briefly why you skip it.",
            "max_length": "Keep the reason under 200 characters.",
        },
    )
