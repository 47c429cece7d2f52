"""The user's own settings, and the sign-up form that records the browser's time zone."""

from functools import cache

from django import forms

from .services import DISPLAY_NAME_MAX_LENGTH
from .zones import DEFAULT_ZONE, is_known_zone, zone_names


@cache
def zone_choices() -> list[tuple[str, str]]:
    """Built once per process: the list has about 600 zones."""
    return [(z, z.replace("_", " ")) for z in zone_names()]


class TimezoneField(forms.ChoiceField):
    """A select of IANA zones; the page's script pre-selects the browser's zone."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "Today, due times and reminders follow this zone.")
        super().__init__(
            choices=zone_choices,
            widget=forms.Select(attrs={"data-browser-timezone": "true"}),
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
