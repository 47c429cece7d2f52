"""The rating form under each card: which concept, which of the four ratings, and the
submission key that makes a resubmitted form rate once."""

from django import forms

from progress.fields import MAX_ID, SubmissionField

from .models import ReviewLog


class RatingForm(forms.Form):
    concept = forms.IntegerField(min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    rating = forms.TypedChoiceField(choices=ReviewLog.Rating.choices, coerce=int)
    submission = SubmissionField()
