"""Forms for the practice log, STAR stories and mock interviews. They validate what was
typed and hand the services plain data (`data()`); they never save. Choices are the live
curriculum plus whatever retired topic, pattern or dimension the record already has, so
re-saving never drops it."""

from django import forms
from django.db.models import Q

from curriculum.models import PracticePattern, RubricDimension, Topic
from progress.fields import (
    DATE_INPUT,
    ChoiceOfRecord,
    ChoicesOfRecords,
    SubmissionField,
    too_long,
)

from .models import TEXT_MAX_LENGTH, MockInterview, PracticeProblem, Story
from .rules import MAX_MINUTES, MIN_MINUTES, day_problem, minutes_problem, scores_problem
from .selectors import JournalCurriculum


def _live_or(model, kept, **live):
    return model.objects.filter(Q(retired=False, **live) | Q(pk__in=[k for k in kept if k]))


def _offer(field, records) -> None:
    """Offer `records`, rows the page has already, as the choices of a field of an empty form
    (nothing comes back to check against the field's queryset)."""
    choice = field.iterator(field).choice
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.choices = empty + [choice(r) for r in records]


class PracticeForm(forms.ModelForm):
    topic = ChoiceOfRecord(queryset=Topic.objects.none())
    pattern = ChoiceOfRecord(queryset=PracticePattern.objects.none(), required=False)
    family = ChoiceOfRecord(queryset=PracticePattern.objects.none(), required=False)
    submission = SubmissionField()

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
        widgets = {"practised_on": DATE_INPUT, "notes": forms.Textarea(attrs={"rows": 2})}
        labels = {"title": "Problem", "practised_on": "Date", "hint_used": "I used a hint"}
        error_messages = {"notes": too_long(TEXT_MAX_LENGTH)}

    def __init__(self, *args, today, curriculum: JournalCurriculum | None = None, **kwargs):
        """`curriculum`: the curriculum in memory. An empty form for a new problem offers its
        live rows and reads nothing; a posted one checks what came back against the database."""
        super().__init__(*args, **kwargs)
        self.today = today
        if curriculum is not None and not self.is_bound:
            _offer(self.fields["topic"], curriculum.study_topics)
            for name, kind in [("pattern", "technique"), ("family", "family")]:
                _offer(self.fields[name], [p for p in curriculum.live_patterns if p.kind == kind])
        else:
            kept = self.initial
            self.fields["topic"].queryset = _live_or(Topic, [kept.get("topic")], kind="study")
            self.fields["pattern"].queryset = _live_or(
                PracticePattern, [kept.get("pattern")], kind="technique"
            )
            self.fields["family"].queryset = _live_or(
                PracticePattern, [kept.get("family")], kind="family"
            )
        self.fields["minutes"].widget.attrs.update({"min": MIN_MINUTES, "max": MAX_MINUTES})

    def clean_minutes(self):
        minutes = self.cleaned_data["minutes"]
        problem = minutes_problem(minutes)
        if problem:
            raise forms.ValidationError(problem)
        return minutes

    def clean_practised_on(self):
        day = self.cleaned_data["practised_on"]
        problem = day_problem(day, self.today, future="That date is in the future.")
        if problem:
            raise forms.ValidationError(problem)
        return day

    def data_for_service(self) -> dict:
        data = self.cleaned_data
        fields = ["title", "link", "difficulty", "solved", "hint_used", "minutes"]
        return {
            **{f: data[f] for f in fields},
            "practised_on": data["practised_on"],
            "notes": data["notes"],
            "topic_id": data["topic"].pk,
            "pattern_id": data["pattern"].pk if data["pattern"] else None,
            "family_id": data["family"].pk if data["family"] else None,
        }


class StoryForm(forms.ModelForm):
    submission = SubmissionField()

    class Meta:
        model = Story
        fields = ["title", "situation", "task", "action", "result", "competencies"]
        widgets = {
            f: forms.Textarea(attrs={"rows": 3}) for f in ("situation", "task", "action", "result")
        }
        error_messages = {
            f: too_long(TEXT_MAX_LENGTH) for f in ("situation", "task", "action", "result")
        }

    def data_for_service(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.Meta.fields}


class MockForm(forms.ModelForm):
    """A mock interview and a 1-4 score on each rubric dimension it exercised."""

    topics = ChoicesOfRecords(
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Topics covered",
    )
    submission = SubmissionField()

    class Meta:
        model = MockInterview
        fields = ["held_on", "run_by", "interviewer", "topics", "notes"]
        widgets = {"held_on": DATE_INPUT, "notes": forms.Textarea(attrs={"rows": 3})}
        labels = {"held_on": "Date", "interviewer": "Interviewer's name (optional)"}
        error_messages = {"notes": too_long(TEXT_MAX_LENGTH)}

    def __init__(
        self,
        *args,
        today,
        scores: dict[int, int] | None = None,
        curriculum: JournalCurriculum | None = None,
        **kwargs,
    ):
        """`curriculum`: the curriculum in memory. An empty form for a new mock offers its live
        topics and rubric and reads nothing; a posted one checks what came back against the
        database."""
        super().__init__(*args, **kwargs)
        self.today = today
        scores = scores or {}
        if curriculum is not None and not self.is_bound:
            _offer(self.fields["topics"], curriculum.mock_topics)
            self.dimensions = list(curriculum.live_dimensions)
        else:
            kept_topics = [getattr(t, "pk", t) for t in self.initial.get("topics") or []]
            self.fields["topics"].queryset = _live_or(
                Topic, kept_topics, kind__in=["study", "skills"]
            )
            self.dimensions = list(_live_or(RubricDimension, list(scores)))
        for dim in self.dimensions:
            label = dim.name if not dim.retired else f"{dim.name} (retired)"
            self.fields[f"score_{dim.pk}"] = forms.TypedChoiceField(
                label=label,
                choices=[("", "not scored"), (1, "1 weak"), (2, "2"), (3, "3"), (4, "4 strong")],
                coerce=int,
                empty_value=None,
                required=False,
                initial=scores.get(dim.pk),
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
        problem = day_problem(day, self.today, future="Record a mock once it has happened.")
        if problem:
            raise forms.ValidationError(problem)
        return day

    def clean(self):
        data = super().clean()
        if self.dimensions:
            problem = scores_problem(self.scores())
            if problem:
                raise forms.ValidationError(problem)
        return data

    def data_for_service(self) -> dict:
        data = self.cleaned_data
        return {
            "held_on": data["held_on"],
            "run_by": data["run_by"],
            "interviewer": data["interviewer"],
            "notes": data["notes"],
            "topic_ids": [t.pk for t in data["topics"]],
            "scores": self.scores(),
        }
