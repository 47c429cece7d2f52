"""Form fields shared by the learner's forms."""

import uuid

from django import forms

# A date input only accepts ISO dates: the en-gb default (01/07/2031) would show as empty.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# The largest id a 64-bit column holds: anything larger is "not a choice", not an overflow.
MAX_ID = 2**63 - 1


def too_long(limit: int) -> dict:
    return {"max_length": f"Keep this under {limit} characters."}


class SubmissionField(forms.UUIDField):
    """A hidden, random key per rendered form: resubmitting the form creates nothing twice
    (see progress.submissions). A form shown again with errors keeps its key."""

    def __init__(self, **kwargs):
        super().__init__(required=False, widget=forms.HiddenInput, **kwargs)

    def prepare_value(self, value):
        return super().prepare_value(value or uuid.uuid4())


def _fits(value) -> bool:
    return not (isinstance(value, str) and value.isdigit() and int(value) > MAX_ID)


class ChoiceOfRecord(forms.ModelChoiceField):
    """A ModelChoiceField that calls an id too large for the database an invalid choice."""

    def to_python(self, value):
        if not _fits(value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], "invalid_choice")
        return super().to_python(value)


class ChoicesOfRecords(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for v in value:
            if not _fits(v):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], "invalid_choice", params={"value": v}
                )
        return super()._check_values(value)
