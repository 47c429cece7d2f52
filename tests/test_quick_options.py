"""The form renderer (accounts.rendering) writes exactly the HTML Django's templates write."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from accounts.rendering import WRITERS, QuickRenderer

CHOICES = [(1, "1: new to me"), (2, '2: <shaky> & "so"'), (3, "3: working knowledge")]
GROUPED = [("Weekdays", [(0, "Monday"), (1, "Tuesday")]), ("Weekend", [(5, "Saturday")])]


class Choices(forms.Form):
    radio = forms.TypedChoiceField(choices=CHOICES, coerce=int, widget=forms.RadioSelect)
    boxes = forms.TypedMultipleChoiceField(
        choices=GROUPED, coerce=int, widget=forms.CheckboxSelectMultiple, required=False
    )


def both(form_class, data, **kwargs):
    """The same form drawn by the quick renderer and by Django's templates, validated."""
    quick = form_class(data, renderer=QuickRenderer(), **kwargs)
    templates = form_class(data, renderer=DjangoTemplates(), **kwargs)
    quick.is_valid(), templates.is_valid()
    return quick, templates


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"radio": "2", "boxes": ["0", "5"]},
        {"radio": "9"},  # refused: the error's aria attributes too
    ],
    ids=["unbound", "chosen", "invalid"],
)
def test_groups_of_radio_buttons_and_boxes_are_what_djangos_templates_write(data):
    quick, templates = both(Choices, data, initial={"radio": 3})

    assert str(quick["radio"]) == str(templates["radio"])
    assert str(quick["boxes"]) == str(templates["boxes"])
    assert 'value="2"' in str(quick["radio"]) and "&lt;shaky&gt;" in str(quick["radio"])
    # Written in Python, not handed back to the templates.
    for name in ("radio", "boxes"):
        widget = quick[name].field.widget
        context = widget.get_context(name, None, {"id": f"id_{name}"})["widget"]
        assert WRITERS[widget.template_name](context) is not None


class Plain(forms.Form):
    text = forms.CharField(max_length=20, help_text="Say <it>", initial='a "quoted" & <b>')
    number = forms.IntegerField(min_value=1, max_value=9, required=False)
    email = forms.EmailField()
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    agree = forms.BooleanField(required=False)
    story = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    pick = forms.ChoiceField(choices=[*CHOICES, ("", "---")], required=False)
    grouped = forms.TypedMultipleChoiceField(choices=GROUPED, coerce=int, required=False)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "text": "<script>",
            "number": "12",
            "email": "not an address",
            "day": "2031-02-30",
            "secret": "s3cret&",
            "hidden": '"x"',
            "agree": "on",
            "story": "line one\n<line two>",
            "pick": "2",
            "grouped": ["0", "5"],
        },
    ],
    ids=["unbound", "refused"],
)
def test_the_quick_renderer_writes_what_djangos_templates_write(data):
    """Every plain widget, unbound and bound with errors (aria attributes, escaped values)."""
    quick, templates = both(Plain, data)
    for name in Plain.base_fields:
        assert str(quick[name]) == str(templates[name]), name
    # The renderer did write them (the same HTML would also come from the templates).
    assert quick.renderer.render.__func__ is QuickRenderer.render
    if data:
        assert "&lt;script&gt;" in str(quick["text"])
        assert 'value="2" selected' in str(quick["pick"])
        assert "&lt;line two&gt;</textarea>" in str(quick["story"])
