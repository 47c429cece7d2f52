"""Errors a service raises that a page shows to the user rather than answering 500."""


class Conflict(Exception):
    """The thing changed since the page was shown (another tab, another device): the change
    was not made, and the message says what to do."""
