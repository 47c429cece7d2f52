"""The user's own settings, and the sign-up form that records the browser's time zone."""

import html
from functools import cache

from django import forms
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .services import DISPLAY_NAME_MAX_LENGTH
from .zones import DEFAULT_ZONE, is_known_zone, zone_names


@cache
def zone_choices() -> list[tuple[str, str]]:
    """Built once per process: the list has about 600 zones."""
    return [(z, z.replace("_", " ")) for z in zone_names()]


# As Django's select.html and select_option.html write an option, newlines included.
OPTION = '\n  <option value="{}"{}>{}</option>\n'


@cache
def _zone_options() -> tuple[str, dict[str, tuple[int, int, str]]]:
    """Every zone's <option> as one piece of HTML, and where each option sits in it (start,
    end, label): built once per process."""
    pieces, where, at = [], {}, 0
    for value, label in zone_choices():
        piece = format_html(OPTION, value, "", label)
        where[value] = (at, at + len(piece), label)
        pieces.append(piece)
        at += len(piece)
    return "".join(pieces), where


class ZoneSelect(forms.Select):
    """The zone <select>, the same HTML as Django's Select, written without a template.

    Django renders each of the ~600 options through a sub-template of its own, which cost
    about 20 ms on every page with the field. Here the options are written once per process
    (`_zone_options`) and each render only marks the chosen one `selected`. The options are
    always the zones of `zone_choices`, whatever `choices` the widget is given.
    """

    def use_required_attribute(self, initial):
        # The first option is a zone, not an empty placeholder, so `required` would be
        # invalid HTML (Django's Select finds the same by walking all ~600 choices).
        return False

    def render(self, name, value, attrs=None, renderer=None):
        options, where = _zone_options()
        chosen = self.format_value(value)
        if chosen and chosen[0] in where:
            start, end, label = where[chosen[0]]
            selected = format_html(OPTION, chosen[0], mark_safe(" selected"), label)
            options = options[:start] + selected + options[end:]
        # Slicing drops the "safe" mark; every piece was escaped when it was built.
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            name,
            html_attributes(self.build_attrs(self.attrs, attrs)),
            mark_safe(options),
        )


def escape(value) -> str:
    """Django's conditional_escape without its lazy-string wrapper, which costs more than
    the escaping: what is marked safe stays as it is, anything else is escaped."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def html_attributes(attrs: dict) -> str:
    """Attributes as Django's attrs.html writes them: in order, True bare, False left out."""
    # Plain strings with every part escaped: format_html costs several times more a call.
    return mark_safe(
        "".join(
            f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
            for name, value in attrs.items()
            if value is not False
        )
    )


class TimezoneField(forms.ChoiceField):
    """A select of IANA zones; the page's script pre-selects the browser's zone."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "Today, due times and reminders follow this zone.")
        super().__init__(
            choices=zone_choices,
            widget=ZoneSelect(attrs={"data-browser-timezone": "true"}),
            error_messages={"invalid_choice": "That is not a time zone we know; pick one."},
            **kwargs,
        )

    def valid_value(self, value):
        return is_known_zone(value)


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label="Display name",
        max_length=DISPLAY_NAME_MAX_LENGTH,
        required=False,
        help_text="What mentors see beside your progress.",
        error_messages={"max_length": f"Keep the name under {DISPLAY_NAME_MAX_LENGTH} characters."},
    )
    timezone = TimezoneField(label="Time zone")


class SignupForm(forms.Form):
    """allauth's sign-up plus the browser's zone, sent by a hidden field the script fills.

    A missing or unknown zone is not an error: the user starts in UTC and can change it."""

    timezone = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_timezone(self):
        zone = self.cleaned_data.get("timezone") or ""
        return zone if is_known_zone(zone) else DEFAULT_ZONE

    def signup(self, request, user):
        user.timezone = self.cleaned_data["timezone"]
        user.save(update_fields=["timezone"])
