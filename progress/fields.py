"""Form fields shared by the learner's forms."""

import uuid

from django import forms
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from accounts.forms import html_attributes

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
                parts.append(format_html("\n  <div><label>{}</label>", group))
            parts.extend(format_html("<div>\n    {}</div>", _option(o)) for o in options)
            if group:
                parts.append(mark_safe("\n  </div>"))
        outer = widget["attrs"]
        return format_html(
            "<div{}{}>{}\n</div>",
            format_html(' id="{}"', outer["id"]) if outer.get("id") else "",
            format_html(' class="{}"', outer["class"]) if outer.get("class") else "",
            mark_safe("".join(parts)),
        )


class QuickRadioSelect(QuickOptions, forms.RadioSelect):
    pass


class QuickCheckboxSelectMultiple(QuickOptions, forms.CheckboxSelectMultiple):
    pass


def _option(option: dict) -> str:
    # The newlines are the ones Django's templates end with (input.html, input_option.html
    # and radio_option.html or checkbox_option.html).
    value = "" if option["value"] is None else format_html(' value="{}"', str(option["value"]))
    field = format_html(
        '<input type="{}" name="{}"{}{}>\n',
        option["type"],
        option["name"],
        value,
        html_attributes(option["attrs"]),
    )
    if option["wrap_label"]:
        label_for = (
            format_html(' for="{}"', option["attrs"]["id"]) if option["attrs"].get("id") else ""
        )
        field = format_html("<label{}>{} {}</label>", label_for, field, option["label"])
    return format_html("{}\n\n", field)
