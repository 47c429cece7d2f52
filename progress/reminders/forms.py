"""The reminder preferences form: the digest hour, the daily cap and the kinds wanted."""

from django import forms

from . import rules


def _kinds() -> list[tuple[str, str]]:
    """Every kind, the mentors' too: anyone may become a mentor, and choosing ahead is fine."""
    return [(k.slug, k.label) for k in sorted(rules.KINDS.values(), key=_shown_order)]


def _shown_order(kind) -> tuple:
    return (kind.audience != rules.LEARNER, -kind.priority)


class ReminderSettingsForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label="E-mails I want",
        choices=_kinds,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    digest_hour = forms.TypedChoiceField(
        label="Send the daily digest at",
        coerce=int,
        choices=[(h, f"{h:02d}:00") for h in range(24)],
        help_text=(
            "In your time zone, on study days. No other e-mail goes between "
            f"{rules.QUIET_START}:00 and {rules.QUIET_END:02d}:00 unless you pick an hour then."
        ),
        error_messages={"invalid_choice": "Pick an hour from the list."},
    )
    daily_cap = forms.IntegerField(
        label="At most this many e-mails a day",
        min_value=1,
        max_value=rules.MAX_DAILY_CAP,
        help_text="When more are due, the most useful go and the rest wait for another day.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    unsubscribed_all = forms.BooleanField(
        label="Pause every e-mail from this site (except account e-mails)", required=False
    )

    @classmethod
    def initial_from(cls, preferences) -> dict:
        return {
            "kinds": [
                slug
                for slug, kind in rules.KINDS.items()
                if preferences.choices.get(slug, kind.default_on)
            ],
            "digest_hour": preferences.digest_hour,
            "daily_cap": preferences.daily_cap,
            "unsubscribed_all": preferences.unsubscribed_all,
        }
