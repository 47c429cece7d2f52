"""Forms for interviews, the practice log, STAR stories and mock interviews."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

from curriculum.models import PracticePattern, RubricDimension, Topic

from .checklists import local_to_utc
from .models import Interview, InterviewChecklistItem, MockInterview, PracticeProblem, Story
from .models.interviews import TEXT_MAX_LENGTH

# A date input only accepts ISO dates: the en-gb default (01/07/2031) would show as empty.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _too_long(limit: int) -> dict:
    return {"max_length": f"Keep this under {limit} characters."}


class InterviewForm(forms.ModelForm):
    """Date and time are typed in the learner's own zone and stored in UTC."""

    date = forms.DateField(widget=DATE)
    time = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}))

    class Meta:
        model = Interview
        fields = ["company", "role", "stage", "format", "link", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "notes": _too_long(TEXT_MAX_LENGTH),
            "link": {"invalid": "Enter a full web address, starting with https://."},
        }

    def __init__(self, *args, zone: str, allow_past: bool = False, **kwargs):
        self.zone = zone
        self.allow_past = allow_past
        instance = kwargs.get("instance")
        if instance and instance.pk:
            local = instance.scheduled_at.astimezone(ZoneInfo(instance.timezone))
            kwargs.setdefault("initial", {}).update({"date": local.date(), "time": local.time()})
        super().__init__(*args, **kwargs)
        self.fields["date"].help_text = f"Time zone: {zone}."

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("time"):
            when = local_to_utc(datetime.combine(data["date"], data["time"]), self.zone)
            if not self.allow_past and when < timezone.now():
                self.add_error("date", "This date and time are in the past.")
            data["scheduled_at"] = when
            data["timezone"] = self.zone
        return data


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(choices=Interview.Outcome.choices)


class ReflectionForm(forms.Form):
    went_well = forms.CharField(
        label="What went well",
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_too_long(TEXT_MAX_LENGTH),
    )
    to_improve = forms.CharField(
        label="What to improve",
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_too_long(TEXT_MAX_LENGTH),
    )
    topics = forms.ModelMultipleChoiceField(
        label="Topics to improve",
        queryset=Topic.objects.filter(retired=False, kind__in=["study", "skills"]),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="These become weak areas: your review days and the today view pick them up.",
    )
    outcome = forms.ChoiceField(choices=Interview.Outcome.choices)

    def clean(self):
        data = super().clean()
        if not (data.get("went_well") or data.get("to_improve") or data.get("topics")):
            raise forms.ValidationError(
                "Write something that went well or needs work, or pick a topic."
            )
        return data


class ChecklistItemForm(forms.Form):
    phase = forms.ChoiceField(choices=InterviewChecklistItem.Phase.choices)
    text = forms.CharField(max_length=200, error_messages=_too_long(200))
    hours = forms.IntegerField(
        label="Due (hours relative to the interview)",
        initial=-24,
        min_value=-24 * 60,
        max_value=24 * 60,
        help_text="Negative is before the interview, e.g. -24 for the day before.",
    )


class PracticeForm(forms.ModelForm):
    class Meta:
        model = PracticeProblem
        fields = [
            "title",
            "link",
            "topic",
            "pattern",
            "family",
            "difficulty",
            "solved",
            "hint_used",
            "minutes",
            "practised_on",
            "notes",
        ]
        widgets = {"practised_on": DATE, "notes": forms.Textarea(attrs={"rows": 2})}
        labels = {"title": "Problem", "practised_on": "Date", "hint_used": "I used a hint"}
        error_messages = {"notes": _too_long(TEXT_MAX_LENGTH)}

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["topic"].queryset = Topic.objects.filter(retired=False, kind="study")
        self.fields["pattern"].queryset = PracticePattern.objects.filter(
            kind="technique", retired=False
        )
        self.fields["family"].queryset = PracticePattern.objects.filter(
            kind="family", retired=False
        )
        self.fields["minutes"].widget.attrs.update({"min": 1, "max": 600})

    def clean_minutes(self):
        minutes = self.cleaned_data["minutes"]
        if not 1 <= minutes <= 600:
            raise forms.ValidationError("Between 1 and 600 minutes.")
        return minutes

    def clean_practised_on(self):
        day = self.cleaned_data["practised_on"]
        if day > self.today + timedelta(days=1):
            raise forms.ValidationError("That date is in the future.")
        return day


class StoryForm(forms.ModelForm):
    class Meta:
        model = Story
        fields = ["title", "situation", "task", "action", "result", "competencies"]
        widgets = {
            f: forms.Textarea(attrs={"rows": 3}) for f in ("situation", "task", "action", "result")
        }
        error_messages = {
            f: _too_long(TEXT_MAX_LENGTH) for f in ("situation", "task", "action", "result")
        }


class MockForm(forms.ModelForm):
    """A mock interview and a 1-4 score on each rubric dimension it exercised."""

    class Meta:
        model = MockInterview
        fields = ["held_on", "run_by", "interviewer", "topics", "notes"]
        widgets = {
            "held_on": DATE,
            "topics": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "held_on": "Date",
            "interviewer": "Interviewer's name (optional)",
            "topics": "Topics covered",
        }
        error_messages = {"notes": _too_long(TEXT_MAX_LENGTH)}

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["topics"].queryset = Topic.objects.filter(
            retired=False, kind__in=["study", "skills"]
        )
        self.dimensions = list(RubricDimension.objects.filter(retired=False))
        existing = {}
        if self.instance.pk:
            existing = {s.dimension_id: s.score for s in self.instance.scores.all()}
        for dim in self.dimensions:
            self.fields[f"score_{dim.pk}"] = forms.TypedChoiceField(
                label=dim.name,
                choices=[("", "not scored"), (1, "1 weak"), (2, "2"), (3, "3"), (4, "4 strong")],
                coerce=int,
                empty_value=None,
                required=False,
                initial=existing.get(dim.pk),
            )

    def score_fields(self):
        return [self[f"score_{d.pk}"] for d in self.dimensions]

    def scores(self) -> dict[int, int]:
        return {
            d.pk: self.cleaned_data[f"score_{d.pk}"]
            for d in self.dimensions
            if self.cleaned_data.get(f"score_{d.pk}") is not None
        }

    def clean_held_on(self):
        day = self.cleaned_data["held_on"]
        if day > self.today + timedelta(days=1):
            raise forms.ValidationError("Record a mock once it has happened.")
        return day

    def clean(self):
        data = super().clean()
        if self.dimensions and not any(data.get(f"score_{d.pk}") for d in self.dimensions):
            raise forms.ValidationError("Score at least one rubric dimension.")
        return data
