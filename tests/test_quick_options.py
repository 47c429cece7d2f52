"""The choice widgets written in Python give exactly the HTML Django's templates give."""

import pytest
from django import forms

from progress.fields import QuickCheckboxSelectMultiple, QuickRadioSelect

CHOICES = [(1, "1: new to me"), (2, '2: <shaky> & "so"'), (3, "3: working knowledge")]
GROUPED = [("Weekdays", [(0, "Monday"), (1, "Tuesday")]), ("Weekend", [(5, "Saturday")])]


class Form(forms.Form):
    radio = forms.TypedChoiceField(choices=CHOICES, coerce=int, widget=forms.RadioSelect)
    quick_radio = forms.TypedChoiceField(choices=CHOICES, coerce=int, widget=QuickRadioSelect)
    boxes = forms.TypedMultipleChoiceField(
        choices=GROUPED, coerce=int, widget=forms.CheckboxSelectMultiple, required=False
    )
    quick_boxes = forms.TypedMultipleChoiceField(
        choices=GROUPED, coerce=int, widget=QuickCheckboxSelectMultiple, required=False
    )


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"radio": "2", "quick_radio": "2", "boxes": ["0", "5"], "quick_boxes": ["0", "5"]},
        {"radio": "9", "quick_radio": "9"},  # refused: the error's aria attributes too
    ],
    ids=["unbound", "chosen", "invalid"],
)
def test_quick_widgets_write_what_djangos_templates_write(data):
    form = Form(data, initial={"radio": 3, "quick_radio": 3})
    form.is_valid()

    def html(name):
        return str(form[name]).replace(f"id_{name}", "id_X").replace(f'name="{name}"', 'name="X"')

    assert html("quick_radio") == html("radio")
    assert html("quick_boxes") == html("boxes")
    assert 'value="2"' in html("quick_radio") and "&lt;shaky&gt;" in html("quick_radio")


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
    from django.forms.renderers import DjangoTemplates

    from accounts.rendering import QuickRenderer

    quick, templates = Plain(data), Plain(data, renderer=DjangoTemplates())
    quick.renderer = QuickRenderer()
    quick.is_valid(), templates.is_valid()
    for name in Plain.base_fields:
        assert str(quick[name]) == str(templates[name]), name
    # The renderer did write them (the same HTML would also come from the templates).
    assert quick.renderer.render.__func__ is QuickRenderer.render
    if data:
        assert "&lt;script&gt;" in str(quick["text"])
        assert 'value="2" selected' in str(quick["pick"])
        assert "&lt;line two&gt;</textarea>" in str(quick["story"])
