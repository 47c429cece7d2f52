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
