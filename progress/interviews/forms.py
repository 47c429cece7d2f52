"""Forms for interviews, their checklists and the reflection. They translate what was
typed into the services' arguments; the rules live in rules.py and the services."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.db.models import Q

from accounts.forms import TimezoneField
from accounts.zones import local_to_utc
from curriculum.models import Topic
from progress.fields import DATE_INPUT, ChoicesOfRecords, SubmissionField, too_long

from .models import CHECKLIST_TEXT_MAX_LENGTH, TEXT_MAX_LENGTH, Interview, InterviewChecklistItem
from .rules import FAR_OFF, MAX_OFFSET_HOURS, offset_problem, when_problem


class InterviewForm(forms.Form):
    """Date and time are typed in the interview's own zone (the learner's by default) and
    stored in UTC; editing keeps the zone the interview was entered in."""

    company = forms.CharField(max_length=120, error_messages=too_long(120))
    role = forms.CharField(max_length=120, error_messages=too_long(120))
    stage = forms.ChoiceField(choices=Interview.Stage.choices)
    format = forms.ChoiceField(choices=Interview.Format.choices, initial=Interview.Format.VIDEO)
    date = forms.DateField(widget=DATE_INPUT)
    time = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}))
    timezone = TimezoneField(label="Time zone", help_text="The zone of the date and time above.")
    link = forms.URLField(
        required=False,
        error_messages={"invalid": "Enter a full web address, starting with https://."},
    )
    notes = forms.CharField(
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=too_long(TEXT_MAX_LENGTH),
    )
    submission = SubmissionField()

    def __init__(self, *args, now: datetime, allow_past: bool = False, **kwargs):
        self.now = now
        self.allow_past = allow_past
        super().__init__(*args, **kwargs)

    @classmethod
    def initial_for(cls, interview: Interview) -> dict:
        local = interview.scheduled_at.astimezone(ZoneInfo(interview.timezone))
        fields = ["company", "role", "stage", "format", "link", "notes", "timezone"]
        return {
            **{f: getattr(interview, f) for f in fields},
            "date": local.date(),
            "time": local.time(),
        }

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("time") and data.get("timezone"):
            try:
                when = local_to_utc(datetime.combine(data["date"], data["time"]), data["timezone"])
            except OverflowError:  # the first or last hours of the calendar, in a far zone
                self.add_error("date", FAR_OFF)
                return data
            problem = when_problem(when, self.now, allow_past=self.allow_past)
            if problem:
                self.add_error("date", problem)
            data["scheduled_at"] = when
        return data

    def interview(self) -> dict:
        """The interview as the services take it."""
        data = self.cleaned_data
        fields = ["company", "role", "stage", "format", "scheduled_at", "link", "notes"]
        return {**{f: data[f] for f in fields}, "timezone_name": data["timezone"]}


class ReflectionForm(forms.Form):
    went_well = forms.CharField(
        label="What went well",
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=too_long(TEXT_MAX_LENGTH),
    )
    to_improve = forms.CharField(
        label="What to improve",
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=too_long(TEXT_MAX_LENGTH),
    )
    topics = ChoicesOfRecords(
        label="Topics to improve",
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="These become weak areas: your review days and the today view pick them up.",
    )
    outcome = forms.ChoiceField(choices=Interview.Outcome.choices)

    def __init__(self, *args, kept_topic_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Live topics, plus retired ones this reflection already names (kept, not dropped).
        self.fields["topics"].queryset = Topic.objects.filter(
            Q(retired=False, kind__in=["study", "skills"]) | Q(pk__in=list(kept_topic_ids))
        )

    def clean(self):
        data = super().clean()
        if not (data.get("went_well") or data.get("to_improve") or data.get("topics")):
            raise forms.ValidationError(
                "Write something that went well or needs work, or pick a topic."
            )
        return data


class ChecklistItemForm(forms.Form):
    phase = forms.ChoiceField(choices=InterviewChecklistItem.Phase.choices)
    text = forms.CharField(
        max_length=CHECKLIST_TEXT_MAX_LENGTH, error_messages=too_long(CHECKLIST_TEXT_MAX_LENGTH)
    )
    hours = forms.IntegerField(
        label="Due (hours relative to the interview)",
        initial=-24,
        min_value=-MAX_OFFSET_HOURS,
        max_value=MAX_OFFSET_HOURS,
        help_text="Negative is before the interview, e.g. -24 for the day before; 0 is during.",
    )
    submission = SubmissionField()

    def clean(self):
        data = super().clean()
        if data.get("phase") and data.get("hours") is not None:
            problem = offset_problem(data["phase"], data["hours"])
            if problem:
                self.add_error("hours", problem)
        return data


class ChecklistToggleForm(forms.Form):
    done = forms.TypedChoiceField(
        choices=[("1", "done"), ("0", "not done")], coerce=lambda v: v == "1"
    )
