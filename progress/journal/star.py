"""STAR stories: whether a result is measurable. Pure."""

import re

# A result is measurable when it carries a number or a word that states a change in size.
_QUANTITY = re.compile(
    r"\d|\b(percent|half|halved|doubled|tripled|twice|thrice|zero|none|one|two|three|four|five|"
    r"ten|hundred|thousand|million)\b",
    re.IGNORECASE,
)


def lacks_measurable_result(result: str) -> bool:
    return not _QUANTITY.search(result or "")
