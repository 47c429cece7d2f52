"""Reading and validating the curriculum content files (pure: no database).

`read_content(folder)` returns a `Content` of plain dicts, or raises `ContentError` naming the
file, the place inside it and the reason. The format is described in content/README.md.
"""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from .timing import evening_problem

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LEVELS = ("easy", "mid", "advanced")
TOPIC_KINDS = ("study", "skills", "process", "tips", "resources")
PATTERN_KINDS = ("technique", "family")
RESOURCE_KINDS = ("book", "documentation", "practice", "course", "community", "mock-interview")
ACTIVITIES = ("study", "review", "practice", "behavioural", "mock", "review-weak", "final-review")
PHASES = ("before", "during", "after")
REFLECTION_PARTS = ("went-well", "to-improve")
# Paths under /topics/ that are pages of their own, so no topic may take them as a slug.
RESERVED_SLUGS = ("plan-template", "checklists", "concepts")
MAX_TEXT = 20_000


class ContentError(Exception):
    def __init__(self, file: str, place: str, reason: str):
        super().__init__(f"{file}: {place}: {reason}")
        self.file, self.place, self.reason = file, place, reason


class _Invalid(Exception):
    """A problem at a place inside one file; the caller adds the file name."""

    def __init__(self, place: str, reason: str):
        super().__init__(reason)
        self.place, self.reason = place, reason


@dataclass
class Content:
    topics: list[dict] = field(default_factory=list)
    plan_days: list[dict] = field(default_factory=list)
    checklist_items: list[dict] = field(default_factory=list)


# Validators take (value, place) and return the cleaned value or raise _Invalid.
def text(max_length: int = MAX_TEXT):
    def check(value, place):
        if not isinstance(value, str) or not value.strip():
            raise _Invalid(place, "must be non-empty text")
        if len(value) > max_length:
            raise _Invalid(place, f"is {len(value)} characters long; the limit is {max_length}")
        return value.strip()

    return check


def optional_text(max_length: int = MAX_TEXT):
    def check(value, place):
        if not isinstance(value, str):
            raise _Invalid(place, "must be text")
        if len(value) > max_length:
            raise _Invalid(place, f"is {len(value)} characters long; the limit is {max_length}")
        return value.strip()

    return check


def slug(value, place):
    if not isinstance(value, str) or not SLUG.match(value) or len(value) > 50:
        raise _Invalid(place, f"{value!r} is not a slug (lower-case letters, digits and dashes)")
    return value


def integer(low: int, high: int):
    def check(value, place):
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Invalid(place, f"{value!r} is not a whole number")
        if not low <= value <= high:
            raise _Invalid(place, f"{value} is outside {low}..{high}")
        return value

    return check


def choice(options):
    def check(value, place):
        if value not in options:
            raise _Invalid(place, f"{value!r} is not one of {', '.join(options)}")
        return value

    return check


def url(value, place):
    if not isinstance(value, str):
        raise _Invalid(place, "must be text")
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise _Invalid(place, f"{value!r} is not an http(s) address")
    return value


def boolean(value, place):
    if not isinstance(value, bool):
        raise _Invalid(place, f"{value!r} is not true or false")
    return value


def slug_list(value, place):
    if not isinstance(value, list):
        raise _Invalid(place, "must be a list of topic slugs")
    return [slug(item, f"{place}[{i}]") for i, item in enumerate(value)]


def _record(data, spec: dict, place: str, optional: tuple[str, ...] = ()) -> dict:
    """Check one table against its spec: no unknown keys, no missing required keys."""
    if not isinstance(data, dict):
        raise _Invalid(place, "must be a table")
    unknown = sorted(set(data) - set(spec))
    if unknown:
        raise _Invalid(f"{place}.{unknown[0]}" if place else unknown[0], "unknown key")
    cleaned = {}
    for key, check in spec.items():
        where = f"{place}.{key}" if place else key
        if key not in data:
            if key in optional:
                continue
            raise _Invalid(where, "is missing")
        cleaned[key] = check(data[key], where)
    return cleaned


def _records(data, key: str, spec: dict, optional=(), required=False, unique=("slug",)):
    rows = data.get(key, [])
    if not isinstance(rows, list):
        raise _Invalid(key, "must be an array of tables ([[...]])")
    if required and not rows:
        raise _Invalid(key, "needs at least one entry")
    cleaned = [_record(row, spec, f"{key}[{i}]", optional) for i, row in enumerate(rows)]
    for name in unique:
        seen = set()
        for i, row in enumerate(cleaned):
            if row[name] in seen:
                raise _Invalid(f"{key}[{i}].{name}", f"{row[name]!r} appears twice")
            seen.add(row[name])
    return cleaned


LESSON = {
    "slug": slug,
    "title": text(160),
    "level": choice(LEVELS),
    "minutes": integer(5, 240),
    "body": text(),
}
CONCEPT = {"slug": slug, "name": text(120), "question": text(), "answer": text()}
PATTERN = {
    "slug": slug,
    "name": text(80),
    "kind": choice(PATTERN_KINDS),
    "summary": text(),
    "when_to_use": text(),
}
RUBRIC = {
    "slug": slug,
    "name": text(80),
    "level": choice(LEVELS),
    "guidance": text(),
    "pitfall": text(),
    "why": text(),
    "example": text(),
}
RESOURCE = {
    "title": text(160),
    "kind": choice(RESOURCE_KINDS),
    "author": optional_text(120),
    "url": url,
    "note": text(),
}
TOPIC = {
    "slug": slug,
    "title": text(120),
    "kind": choice(TOPIC_KINDS),
    "order": integer(1, 999),
    "summary": text(),
    "lessons": lambda value, place: value,
    "concepts": lambda value, place: value,
    "patterns": lambda value, place: value,
    "rubric": lambda value, place: value,
    "resources": lambda value, place: value,
}
PLAN_DAY = {
    "week": integer(1, 4),
    "day": integer(1, 7),
    "activity": choice(ACTIVITIES),
    "title": text(120),
    "topics": slug_list,
}
CHECKLIST_ITEM = {
    "phase": choice(PHASES),
    "slug": slug,
    "text": text(200),
    "detail": optional_text(),
    "due_offset_hours": integer(-24 * 60, 24 * 60),
    "due_evening": boolean,
    "reflection_part": choice(REFLECTION_PARTS),
}
# What an item without the optional keys gets: due at its offset, ticked by no reflection.
CHECKLIST_DEFAULTS = {"detail": "", "due_evening": False, "reflection_part": ""}


def _parse_topic(data: dict) -> dict:
    topic = _record(data, TOPIC, "", optional=("concepts", "patterns", "rubric", "resources"))
    if topic["slug"] in RESERVED_SLUGS:
        raise _Invalid("slug", f"{topic['slug']!r} is reserved for a page of its own")
    topic["lessons"] = _records(data, "lessons", LESSON, required=True)
    topic["concepts"] = _records(data, "concepts", CONCEPT)
    topic["patterns"] = _records(data, "patterns", PATTERN)
    topic["rubric"] = _records(data, "rubric", RUBRIC)
    topic["resources"] = _records(
        data, "resources", RESOURCE, optional=("author", "url"), unique=("title",)
    )
    return topic


def _load_toml(path: Path, folder: Path) -> dict:
    name = str(path.relative_to(folder))
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        # Python 3.12's TOMLDecodeError has no line attributes: read them from the message.
        found = re.search(r"^(.*) \(at (line \d+, column \d+)\)$", str(error))
        place, reason = (found[2], found[1]) if found else ("file", str(error))
        raise ContentError(name, place, f"invalid TOML: {reason}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(name, "file", str(error)) from None


def _in_file(path: Path, folder: Path, parse, data):
    try:
        return parse(data)
    except _Invalid as problem:
        raise ContentError(str(path.relative_to(folder)), problem.place, problem.reason) from None


def read_content(folder: Path) -> Content:
    """Read and validate every content file; raise ContentError at the first problem."""
    folder = Path(folder)
    content = Content()
    topic_files = sorted((folder / "topics").glob("*.toml"))
    if not topic_files:
        raise ContentError("topics/", "folder", "holds no .toml topic files")
    owners: dict[tuple[str, str], Path] = {}
    orders: dict[int, Path] = {}
    for path in topic_files:
        topic = _in_file(path, folder, _parse_topic, _load_toml(path, folder))
        _claim(owners, ("topic", topic["slug"]), path, folder, "slug")
        if topic["order"] in orders:
            raise ContentError(
                str(path.relative_to(folder)),
                "order",
                f"{topic['order']} is already used by {orders[topic['order']].name}",
            )
        orders[topic["order"]] = path
        for kind in ("concepts", "patterns", "rubric"):
            for i, row in enumerate(topic[kind]):
                _claim(owners, (kind, row["slug"]), path, folder, f"{kind}[{i}].slug")
        content.topics.append(topic)
    topic_slugs = {topic["slug"] for topic in content.topics}

    plan_path = folder / "plan_template.toml"
    content.plan_days = _in_file(
        plan_path,
        folder,
        lambda data: _plan_days(data, topic_slugs),
        _load_toml(plan_path, folder),
    )
    checklist_path = folder / "checklists.toml"
    content.checklist_items = _in_file(
        checklist_path,
        folder,
        _checklist_items,
        _load_toml(checklist_path, folder),
    )
    return content


def _claim(owners, key, path, folder, place):
    if key in owners:
        raise ContentError(
            str(path.relative_to(folder)),
            place,
            f"{key[1]!r} is already used in {owners[key].relative_to(folder)}",
        )
    owners[key] = path


def _only(data: dict, key: str) -> None:
    unknown = sorted(set(data) - {key})
    if unknown:
        raise _Invalid(unknown[0], "unknown key")


def _checklist_items(data: dict) -> list[dict]:
    _only(data, "items")
    optional = tuple(CHECKLIST_DEFAULTS)
    items = _records(data, "items", CHECKLIST_ITEM, optional=optional, required=True)
    for i, item in enumerate(items):
        problem = item.get("due_evening") and evening_problem(item["due_offset_hours"])
        if problem:
            raise _Invalid(f"items[{i}].due_offset_hours", problem)
    return [{**CHECKLIST_DEFAULTS, **item} for item in items]


def _plan_days(data: dict, topic_slugs: set[str]) -> list[dict]:
    _only(data, "days")
    days = _records(data, "days", PLAN_DAY, required=True, unique=())
    seen = set()
    for i, day in enumerate(days):
        key = (day["week"], day["day"])
        if key in seen:
            raise _Invalid(f"days[{i}]", f"week {key[0]} day {key[1]} appears twice")
        seen.add(key)
        for j, topic in enumerate(day["topics"]):
            if topic not in topic_slugs:
                raise _Invalid(f"days[{i}].topics[{j}]", f"no topic has the slug {topic!r}")
    return days
