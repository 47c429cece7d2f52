"""Writes for the user's own settings: display name and time zone."""

from django.core.exceptions import ValidationError

from .models import User
from .zones import is_known_zone

DISPLAY_NAME_MAX_LENGTH = 80


def user_timezone_set(*, user: User, timezone_name: str) -> User:
    if not is_known_zone(timezone_name):
        raise ValidationError({"timezone": "Pick a time zone from the list."})
    if user.timezone != timezone_name:
        user.timezone = timezone_name
        user.save(update_fields=["timezone"])
    return user


def user_profile_update(*, user: User, display_name: str, timezone_name: str) -> User:
    """The name others (mentors) see and the zone every date and reminder follows."""
    display_name = display_name.strip()
    if len(display_name) > DISPLAY_NAME_MAX_LENGTH:
        raise ValidationError(
            {"display_name": f"Keep the name under {DISPLAY_NAME_MAX_LENGTH} characters."}
        )
    user.display_name = display_name
    user.save(update_fields=["display_name"])
    return user_timezone_set(user=user, timezone_name=timezone_name)
