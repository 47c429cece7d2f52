"""When an interview checklist item falls due, said in words and put in order (pure: no
Django, so the content reader and the interview rules share it).

An item is due a whole number of hours before (negative offset) or after (positive) the
start of the interview, or during it (0). An evening item is due instead at the learner's
evening (EVENING) on the calendar day its offset points to, a whole number of days away:
"get a good night's sleep" is the evening before (offset -24) whatever time the interview
starts, never 02:30 for an interview at 14:30 as a fixed 12 hours would put it.
"""

from datetime import time

# The learner's evening: an hour before the quiet hours in which no reminder is sent.
EVENING = time(21, 0)
# An evening item sorts among the others where it falls for an interview at noon.
SORTING_START_HOUR = 12


def evening_problem(offset_hours: int) -> str | None:
    """Why an evening item cannot be due `offset_hours` from the interview, or None."""
    if offset_hours == 0 or offset_hours % 24:
        return "An evening item is due a whole number of days before or after the interview."
    return None


def sort_hours(offset_hours: int, evening: bool) -> int:
    """Hours from the interview's start, for putting items in the order they fall due."""
    if not evening:
        return offset_hours
    return offset_hours + EVENING.hour - SORTING_START_HOUR


def in_words(offset_hours: int, evening: bool = False) -> str:
    """When an item is due, in words: "3 days before", "2 hours before", "the evening
    before", "during the interview", "1 day after"."""
    side = "before" if offset_hours < 0 else "after"
    if evening:
        days = abs(offset_hours) // 24
        return f"the evening {side}" if days == 1 else f"the evening {days} days {side}"
    if offset_hours == 0:
        return "during the interview"
    return f"{_amount(abs(offset_hours))} {side}"


def _amount(hours: int) -> str:
    if hours % 24 == 0:
        days = hours // 24
        return "1 day" if days == 1 else f"{days} days"
    return "1 hour" if hours == 1 else f"{hours} hours"
