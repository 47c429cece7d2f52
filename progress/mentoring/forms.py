from django import forms

from progress.fields import SubmissionField, too_long
from progress.journal.forms import MockForm

from .models import COMMENT_MAX_LENGTH


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        error_messages={"invalid": "Enter an e-mail address such as name@example.com."},
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Comment",
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Write a comment first.",
            **too_long(COMMENT_MAX_LENGTH),
        },
    )
    submission = SubmissionField()

    def __init__(self, *args, **kwargs):
        # One page holds a comment form per thing: the template names each textarea after
        # its thing, so Django's ids (the same in every form) are left out.
        kwargs.setdefault("auto_id", False)
        super().__init__(*args, **kwargs)


class MentorMockForm(MockForm):
    """The mock form as a mentor fills it in for a mentee: the mentor ran it, so who ran it
    is not asked, and at least one dimension must be scored."""

    class Meta(MockForm.Meta):
        fields = ["held_on", "topics", "notes"]

    def clean(self):
        data = super().clean()
        if self.dimensions and not self.errors and not self.scores():
            raise forms.ValidationError("Score at least one rubric dimension.")
        return data

    def data_for_service(self) -> dict:
        data = self.cleaned_data
        return {
            "held_on": data["held_on"],
            "notes": data["notes"],
            "topic_ids": [t.pk for t in data["topics"]],
            "scores": self.scores(),
        }
