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
from .rules import (
    AFTER,
    BEFORE,
    DURING,
    EVENING_BEFORE,
    FAR_OFF,
    MAX_OFFSET_HOURS,
    UNIT_HOURS,
    offset_of,
    offset_problem,
    when_of,
    when_problem,
)


class InterviewForm(forms.Form):
    """Date and time are typed in the interview's own zone (the learner's by default) and
    stored in UTC; editing keeps the zone the interview was entered in. An interview
    already held may be added: that is how its reflection gets written."""

    company = forms.CharField(max_length=120, error_messages=too_long(120))
    role = forms.CharField(max_length=120, error_messages=too_long(120))
    stage = forms.ChoiceField(choices=Interview.Stage.choices)
    format = forms.ChoiceField(choices=Interview.Format.choices, initial=Interview.Format.VIDEO)
    date = forms.DateField(
        widget=DATE_INPUT,
        help_text="An interview you have already had can be added too, to write its reflection.",
    )
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

    def __init__(self, *args, now: datetime, **kwargs):
        self.now = now
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
            problem = when_problem(when, self.now)
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
    """An own item, due as a person says it: "2 days before", "3 hours after", "the
    evening before", "during the interview"."""

    text = forms.CharField(
        max_length=CHECKLIST_TEXT_MAX_LENGTH, error_messages=too_long(CHECKLIST_TEXT_MAX_LENGTH)
    )
    amount = forms.IntegerField(
        label="How many",
        required=False,
        min_value=1,
        max_value=MAX_OFFSET_HOURS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    unit = forms.ChoiceField(
        label="Hours or days", choices=[(u, u) for u in UNIT_HOURS], initial="days"
    )
    when = forms.ChoiceField(
        label="When",
        choices=[
            (BEFORE, "before the interview"),
            (EVENING_BEFORE, "the evening before (21:00)"),
            (DURING, "during the interview"),
            (AFTER, "after the interview"),
        ],
        initial=BEFORE,
    )
    submission = SubmissionField()

    @classmethod
    def initial_for(cls, item: InterviewChecklistItem) -> dict:
        return {"text": item.text, **when_of(item.offset_hours, item.evening)}

    def clean(self):
        data = super().clean()
        when, amount, unit = data.get("when"), data.get("amount"), data.get("unit")
        if when in (BEFORE, AFTER) and unit and amount is None and "amount" not in self.errors:
            self.add_error("amount", f"Say how many {unit} {when} the interview.")
        elif when and unit and not self.errors.get("amount"):
            phase, offset_hours, evening = offset_of(when, amount, unit)
            problem = offset_problem(phase, offset_hours, evening)
            if problem:
                self.add_error("amount" if when in (BEFORE, AFTER) else "when", problem)
            data.update(phase=phase, offset_hours=offset_hours, evening=evening)
        return data

    def item(self) -> dict:
        """The item as the services take it."""
        data = self.cleaned_data
        return {f: data[f] for f in ("phase", "text", "offset_hours", "evening")}


class ChecklistToggleForm(forms.Form):
    done = forms.TypedChoiceField(
        choices=[("1", "done"), ("0", "not done")], coerce=lambda v: v == "1"
    )
