"""Form fields shared by the learner's forms."""

import uuid

from django import forms
from django.utils.safestring import mark_safe

from accounts.forms import escape
from accounts.rendering import input_tag

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


class QuickOptions:
    """For RadioSelect and CheckboxSelectMultiple: the HTML Django's templates write
    (multiple_input.html, input_option.html, input.html, attrs.html), written in Python.

    Django renders every option through four nested templates; a settings page with a dozen
    1-5 ratings and a few groups of boxes spent most of its time there. The options are the
    widget's own (`get_context`), so labels, ids, checked state and attributes are unchanged;
    tests compare the output with Django's."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = []
        for group, options, _index in widget["optgroups"]:
            if group:
                parts.append(f"\n  <div><label>{escape(group)}</label>")
            parts.extend(f"<div>\n    {_option(o)}</div>" for o in options)
            if group:
                parts.append("\n  </div>")
        outer = widget["attrs"]
        identity = f' id="{escape(outer["id"])}"' if outer.get("id") else ""
        style = f' class="{escape(outer["class"])}"' if outer.get("class") else ""
        return mark_safe(f"<div{identity}{style}>{''.join(parts)}\n</div>")


class QuickRadioSelect(QuickOptions, forms.RadioSelect):
    pass


class QuickCheckboxSelectMultiple(QuickOptions, forms.CheckboxSelectMultiple):
    pass


def _option(option: dict) -> str:
    # Plain strings with every value escaped, as format_html would (it costs several times
    # more per call, and a settings page writes thousands of these). The newlines are the
    # ones Django's templates end with (input.html, input_option.html and radio_option.html
    # or checkbox_option.html).
    value = None if option["value"] is None else str(option["value"])
    field = input_tag(option["type"], option["name"], value, option["attrs"]) + "\n"
    if option["wrap_label"]:
        identity = option["attrs"].get("id")
        label_for = f' for="{escape(identity)}"' if identity else ""
        field = f"<label{label_for}>{field} {escape(option['label'])}</label>"
    return f"{field}\n\n"
