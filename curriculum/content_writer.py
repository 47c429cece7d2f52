"""Writing the curriculum content files (pure: no database), the inverse of content_files.

Each `render_*` function takes the content as plain dicts (the shapes `read_content` returns)
and the file's current text, if there is one, and returns the new text. Unchanged content
renders to the same bytes, so a dump of an unedited database changes no file, and an edit made
in the admin shows in `git diff` as that edit alone. From the current text it keeps what only
a person wrote: the comments at the top and before each entry (comments inside an entry are
not kept), and the order of a plan day's topics while their set is unchanged.
"""

import re
import tomllib

from .content_files import (
    CHECKLIST_DEFAULTS,
    CHECKLIST_ITEM,
    CONCEPT,
    LESSON,
    PATTERN,
    PLAN_DAY,
    RESOURCE,
    RUBRIC,
    TOPIC,
)

TOPIC_ARRAYS = ("lessons", "concepts", "patterns", "rubric", "resources")
TOPIC_KEYS = tuple(key for key in TOPIC if key not in TOPIC_ARRAYS)
# Each array's keys in the order files write them, and how an entry is told from the others.
ARRAYS = {
    "lessons": (tuple(LESSON), lambda row: row["slug"]),
    "concepts": (tuple(CONCEPT), lambda row: row["slug"]),
    "patterns": (tuple(PATTERN), lambda row: row["slug"]),
    "rubric": (tuple(RUBRIC), lambda row: row["slug"]),
    "resources": (tuple(RESOURCE), lambda row: row["title"]),
    "days": (tuple(PLAN_DAY), lambda row: (row["week"], row["day"])),
    "items": (tuple(CHECKLIST_ITEM), lambda row: row["slug"]),
}
# Optional keys are left out while they hold their default, as a person writing the file would.
DEFAULTS = {"resources": {"author": "", "url": ""}, "items": CHECKLIST_DEFAULTS}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def render_topic(topic: dict, previous: str | None = None) -> str:
    return _render({key: topic[key] for key in TOPIC_KEYS}, topic, TOPIC_ARRAYS, previous)


def render_plan(days: list[dict], previous: str | None = None) -> str:
    return _render({}, {"days": _keep_topic_order(days, previous)}, ("days",), previous)


def render_checklists(items: list[dict], previous: str | None = None) -> str:
    return _render({}, {"items": items}, ("items",), previous)


def _render(top: dict, data: dict, arrays: tuple[str, ...], previous: str | None) -> str:
    preamble, attached = _comments(previous, arrays) if previous else ([], {})
    blocks = ["".join(f"{line}\n" for line in preamble)]
    if top:
        blocks.append("".join(_pair(key, value) for key, value in top.items()))
    for name in arrays:
        keys, identity = ARRAYS[name]
        defaults = DEFAULTS.get(name, {})
        for row in data.get(name, []):
            lines = [_pair(k, row[k]) for k in keys if k in row and row[k] != defaults.get(k, ...)]
            comment = "".join(f"{line}\n" for line in attached.get((name, identity(row)), []))
            # Entries are a blank line apart; the first one follows the file's top comments.
            separator = "\n" if len(blocks) > 1 else ""
            blocks.append(f"{separator}{comment}[[{name}]]\n{''.join(lines)}")
    return "".join(blocks)


def _pair(key: str, value) -> str:
    return f"{key} = {_value(value)}\n"


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if "\n" in value:
        text = value.strip("\n")
        if "'''" not in text and not _CONTROL.search(text):
            return f"'''\n{text}\n'''"  # a literal string: the text exactly as written
        return '"""\n' + _escape(text, newlines=True) + '\n"""'
    return f'"{_escape(value)}"'


def _escape(text: str, newlines: bool = False) -> str:
    """A TOML basic string's body; a multi-line one keeps its line breaks as they are."""
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    if not newlines:
        text = text.replace("\n", "\\n")
    return _CONTROL.sub(lambda found: f"\\u{ord(found[0]):04x}", text)


def _comments(previous: str, arrays: tuple[str, ...]) -> tuple[list[str], dict]:
    """The file's top comments, and the comment lines before each entry, by its identity.

    Lines inside multi-line strings are text, not comments: a code sample's "# ..." stays."""
    data = tomllib.loads(previous)
    seen = dict.fromkeys(arrays, 0)
    preamble: list[str] | None = None
    attached: dict[tuple, list[str]] = {}
    pending: list[str] = []
    closing = None
    for line in previous.splitlines():
        if closing:
            closing = None if closing in line else closing
            continue
        header = re.fullmatch(r"\[\[(\w+)\]\]\s*", line)
        if header and header[1] in seen:
            name = header[1]
            if preamble is None:
                preamble, pending = pending, []
            while pending and not pending[0].strip():
                pending.pop(0)
            identity = ARRAYS[name][1](data[name][seen[name]])
            attached[(name, identity)] = pending
            seen[name] += 1
            pending = []
        elif line.startswith("#") or not line.strip():
            pending.append(line)
        else:
            if preamble is None:  # a topic file's own keys come first: what precedes is its top
                preamble, pending = pending, []
            pending = []
            opener = re.search(r"=\s*('''|\"\"\")(.*)$", line)
            if opener and opener[1] not in opener[2]:
                closing = opener[1]
    return preamble or [], attached


def _keep_topic_order(days: list[dict], previous: str | None) -> list[dict]:
    """A day's topics in the file's order while they are the same set (a database keeps no
    order for them); new or changed sets follow the order given."""
    if not previous:
        return days
    before = {(d["week"], d["day"]): d.get("topics", []) for d in tomllib.loads(previous)["days"]}
    kept = []
    for day in days:
        old = before.get((day["week"], day["day"]))
        same = old is not None and sorted(old) == sorted(day["topics"])
        kept.append({**day, "topics": list(old)} if same else day)
    return kept
