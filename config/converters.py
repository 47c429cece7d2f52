"""Path converters shared by every app."""


class IdConverter:
    """A database id: at most 18 digits, so any id in a URL fits a 64-bit column (a longer
    one is simply not found, instead of overflowing in the database driver)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)
