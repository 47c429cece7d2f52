"""Writing the curriculum: bring the database in line with the content files, and write the
database's content back to the files.

A load applies what changed in the files since the last load and keeps, with a report, what
was edited in the database meanwhile (in the admin): curriculum.reconcile decides, against
the baseline curriculum.baseline keeps. `overwrite=True` makes the files win everywhere. A
dump writes the database's content to the files, so such an edit can be reviewed and
committed; the next load then finds the two in agreement.
"""

import tempfile
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models.deletion import ProtectedError, RestrictedError

from . import content_writer, reconcile
from .baseline.models import LoadedRow
from .content_files import Content, read_content
from .models import (
    ChecklistTemplateItem,
    Concept,
    Lesson,
    PlanTemplateDay,
    PracticePattern,
    Resource,
    RubricDimension,
    Topic,
)

CONTENT_DIR = Path(__file__).resolve().parent / "content"

# Each kind of row: its model, the fields naming a row as the files do, and whether `order`
# is the row's position in its file (compared as its rank among its siblings) or a value.
KINDS = {
    "topics": (Topic, ("slug",), False),
    "lessons": (Lesson, ("topic", "slug"), True),
    "concepts": (Concept, ("slug",), True),
    "patterns": (PracticePattern, ("slug",), True),
    "rubric dimensions": (RubricDimension, ("slug",), True),
    "resources": (Resource, ("topic", "title"), True),
    "plan days": (PlanTemplateDay, ("week", "day"), False),
    "checklist items": (ChecklistTemplateItem, ("slug",), True),
}
TOPIC_PARTS = {
    "lessons": "lessons",
    "concepts": "concepts",
    "patterns": "patterns",
    "rubric dimensions": "rubric",
    "resources": "resources",
}


@dataclass
class LoadReport:
    """What a load did, per kind (created, updated, unchanged, deleted, retired, kept), and
    each row whose database version was kept although the files differ, with why."""

    counts: dict[str, Counter] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)

    def add(self, kind: str, outcome: str) -> None:
        self.counts.setdefault(kind, Counter())[outcome] += 1

    def keep(self, kind: str, key: str, why: str) -> None:
        self.add(kind, "kept")
        self.kept.append(f"{kind} {key}: {why}")

    @property
    def changed(self) -> bool:
        return any(
            c["created"] + c["updated"] + c["deleted"] + c["retired"] for c in self.counts.values()
        )

    def lines(self) -> list[str]:
        outcomes = ("created", "updated", "unchanged", "deleted", "retired", "kept")
        return [
            f"{kind}: " + ", ".join(f"{counter[o]} {o}" for o in outcomes if counter[o])
            for kind, counter in self.counts.items()
        ]


def curriculum_load(*, folder: Path = CONTENT_DIR, overwrite: bool = False) -> LoadReport:
    """Validate every file first, then apply all of it in one transaction (or nothing)."""
    content = read_content(folder)
    report = LoadReport()
    with transaction.atomic():
        _Load(report, overwrite).apply(content)
    return report


def _key(ident: dict) -> str:
    return "/".join(str(value) for value in ident.values())


class _Load:
    def __init__(self, report: LoadReport, overwrite: bool):
        self.report, self.overwrite = report, overwrite
        self.bases = {(row.kind, row.key): row.values for row in LoadedRow.objects.all()}
        self.next_bases = dict(self.bases)
        self.topics: dict[str, Topic] = {}
        # Topics holding a row kept although the files removed it: deleting such a topic
        # would take the row with it.
        self.holding: set[str] = set()

    def apply(self, content: Content) -> None:
        wanted = _wanted(content)
        existing = {kind: self._existing(kind) for kind in KINDS}
        self.topics = dict(existing["topics"])  # by slug, the topics' key
        self._sync("topics", wanted["topics"], existing["topics"])
        for kind in KINDS:
            if kind != "topics":
                self._sync(kind, wanted[kind], existing[kind])
                self._remove_stale(kind, wanted[kind], existing[kind])
        # Topics last: removing one cascades to lessons that may just have been retired.
        self._remove_stale("topics", wanted["topics"], existing["topics"])
        self._save_bases()

    def _existing(self, kind: str) -> dict[str, object]:
        model, ident_fields, positional = KINDS[kind]
        queryset = model.objects.all()
        if any(f.name == "topic" for f in model._meta.fields):
            queryset = queryset.select_related("topic")
        if kind == "plan days":
            queryset = queryset.prefetch_related("topics")
        objects = list(queryset)
        if positional:
            # `order` is compared as a rank among siblings: the files number positions 1..n,
            # the admin may have typed any numbers. Retired rows are in no file: not counted.
            siblings = defaultdict(list)
            for obj in objects:
                if not getattr(obj, "retired", False):
                    siblings[getattr(obj, "topic_id", None)].append(obj)
            for group in siblings.values():
                for rank, obj in enumerate(sorted(group, key=lambda o: (o.order, o.pk)), 1):
                    obj.rank = rank
        return {_key({f: _ident_value(obj, f) for f in ident_fields}): obj for obj in objects}

    def _sync(self, kind: str, wanted: dict, existing: dict) -> None:
        for key, (ident, values) in wanted.items():
            base = self.bases.get((kind, key))
            obj = existing.get(key)
            if obj is None:
                missing_topic = "topic" in ident and ident["topic"] not in self.topics
                why = reconcile.missing_row_reconcile(base=base, overwrite=self.overwrite)
                if why or missing_topic:
                    self.report.keep(kind, key, why or reconcile.DELETED)
                    continue
                obj = self._create(kind, ident, values)
                existing[key] = obj
                if kind == "topics":
                    self.topics[key] = obj
                self.report.add(kind, "created")
                self.next_bases[(kind, key)] = values
                continue
            db = {name: _db_value(obj, name) for name in values}
            fields = reconcile.fields_reconcile(
                base=base, db=db, files=values, overwrite=self.overwrite
            )
            if fields.take:
                self._write(obj, fields.take)
                self.report.add(kind, "updated")
            if fields.kept:
                why = "; ".join(f"{name} {reason}" for name, reason in fields.kept.items())
                self.report.keep(kind, key, why)
            if not fields.take and not fields.kept:
                self.report.add(kind, "unchanged")
            self.next_bases[(kind, key)] = fields.baseline

    def _remove_stale(self, kind: str, wanted: dict, existing: dict) -> None:
        for key, obj in existing.items():
            if key in wanted:
                continue
            base = self.bases.get((kind, key))
            db = {name: _db_value(obj, name) for name in base or {}}
            retired = getattr(obj, "retired", False)
            verdict = reconcile.extra_row_reconcile(
                base=base, db=db, retired=retired, overwrite=self.overwrite
            )
            if verdict == "remove" and kind == "topics" and key in self.holding:
                verdict = reconcile.REMOVED_HOLDING
            if verdict == "settled":
                # Retired and in no file: both agree it is gone. Remember it retired, so its
                # return to the files brings it back.
                self.next_bases[(kind, key)] = {**(base or {}), "retired": True}
            elif verdict == "remove":
                self._remove(kind, key, obj)
            else:
                self.report.keep(kind, key, verdict)
                if hasattr(obj, "topic_id"):
                    self.holding.add(obj.topic.slug)

    def _remove(self, kind: str, key: str, obj) -> None:
        """Delete a row the files no longer have; retire one a learner's progress refers to."""
        try:
            with transaction.atomic():
                obj.delete()
        except (ProtectedError, RestrictedError):
            obj.retired = True
            obj.save(update_fields=["retired"])
            self.report.add(kind, "retired")
            self.next_bases[(kind, key)] = {**self.bases.get((kind, key), {}), "retired": True}
            return
        self.report.add(kind, "deleted")
        self.next_bases.pop((kind, key), None)

    def _create(self, kind: str, ident: dict, values: dict):
        model = KINDS[kind][0]
        plain = {k: v for k, v in {**ident, **values}.items() if k != "topics"}
        if "topic" in plain:
            plain["topic"] = self.topics[plain["topic"]]
        obj = model.objects.create(**plain)
        if "topics" in values:
            obj.topics.set(self._topic_ids(values["topics"]))
        return obj

    def _write(self, obj, take: dict) -> None:
        plain = {k: v for k, v in take.items() if k != "topics"}
        if "topic" in plain:
            plain["topic"] = self.topics[plain["topic"]]
        for name, value in plain.items():
            setattr(obj, name, value)
        if plain:
            obj.save(update_fields=list(plain))
        if "topics" in take:
            obj.topics.set(self._topic_ids(take["topics"]))

    def _topic_ids(self, slugs: list[str]) -> list[int]:
        # A topic deleted in the database (and kept deleted) cannot be linked.
        return [self.topics[slug].pk for slug in slugs if slug in self.topics]

    def _save_bases(self) -> None:
        gone = set(self.bases) - set(self.next_bases)
        for kind, key in gone:
            LoadedRow.objects.filter(kind=kind, key=key).delete()
        changed = {k: v for k, v in self.next_bases.items() if self.bases.get(k) != v}
        existing = {
            (row.kind, row.key): row
            for row in LoadedRow.objects.filter(kind__in={k for k, _ in changed})
            if (row.kind, row.key) in changed
        }
        for row in existing.values():
            row.values = changed[(row.kind, row.key)]
        LoadedRow.objects.bulk_update(existing.values(), ["values"])
        LoadedRow.objects.bulk_create(
            LoadedRow(kind=kind, key=key, values=values)
            for (kind, key), values in changed.items()
            if (kind, key) not in existing
        )


def _ident_value(obj, name: str):
    return obj.topic.slug if name == "topic" else getattr(obj, name)


def _db_value(obj, name: str):
    """A field of a database row as the files would write it (see `_wanted`)."""
    if name == "topic":
        return obj.topic.slug
    if name == "topics":
        return sorted(topic.slug for topic in obj.topics.all())
    if name == "order" and hasattr(obj, "rank"):
        return obj.rank
    return getattr(obj, name)


def _wanted(content: Content) -> dict[str, dict[str, tuple[dict, dict]]]:
    """Every row the files describe, per kind: key -> (the fields naming it, its values)."""
    wanted: dict[str, dict] = {kind: {} for kind in KINDS}

    def add(kind: str, row: dict, **extra) -> None:
        ident_fields = KINDS[kind][1]
        merged = {**row, **extra}
        ident = {f: merged[f] for f in ident_fields}
        values = {k: v for k, v in merged.items() if k not in ident_fields}
        wanted[kind][_key(ident)] = (ident, values)

    for t in content.topics:
        add("topics", {k: t[k] for k in content_writer.TOPIC_KEYS}, retired=False)
        for kind, part in TOPIC_PARTS.items():
            for order, row in enumerate(t[part], 1):
                extra = {"topic": t["slug"], "order": order}
                if kind == "resources":
                    row = {"author": "", "url": "", **row}
                else:
                    extra["retired"] = False
                add(kind, row, **extra)
    for day in content.plan_days:
        add("plan days", {**day, "topics": sorted(day["topics"])})
    for order, row in enumerate(content.checklist_items, 1):
        add("checklist items", {"detail": "", **row}, order=order, retired=False)
    return wanted


@dataclass
class DumpReport:
    """The files a dump wrote, created or deleted (paths relative to the folder)."""

    written: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0


def curriculum_dump(*, folder: Path = CONTENT_DIR) -> DumpReport:
    """Write the database's curriculum (retired rows aside) to the content files.

    The new files are checked by the loader's own validation before any is written, so a
    dump never leaves the folder in a state `load_curriculum` refuses (ContentError)."""
    folder = Path(folder)
    files = _rendered(folder)
    with tempfile.TemporaryDirectory() as scratch:
        (Path(scratch) / "topics").mkdir()
        for name, text in files.items():
            (Path(scratch) / name).write_text(text, encoding="utf-8")
        read_content(Path(scratch))
    report = DumpReport()
    for name, text in files.items():
        path = folder / name
        if path.exists() and path.read_text(encoding="utf-8") == text:
            report.unchanged += 1
            continue
        (report.written if path.exists() else report.created).append(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for path in _topic_files(folder).values():
        # A topic gone from the database (or retired) loses its file; a file the loader could
        # not read, and so not name, is left alone.
        name = str(path.relative_to(folder))
        if name not in files:
            path.unlink()
            report.deleted.append(name)
    return report


def _topic_files(folder: Path) -> dict[str, Path]:
    """The topic files by the slug they hold."""
    by_slug = {}
    for path in sorted((folder / "topics").glob("*.toml")):
        try:
            by_slug[tomllib.loads(path.read_text(encoding="utf-8"))["slug"]] = path
        except (tomllib.TOMLDecodeError, KeyError, TypeError, OSError, UnicodeDecodeError):
            continue
    return by_slug


def _rendered(folder: Path) -> dict[str, str]:
    """Each content file's new text, by its path relative to the folder."""
    by_slug = _topic_files(folder)
    files = {}
    for topic in Topic.objects.filter(retired=False).order_by("order", "slug"):
        path = by_slug.get(topic.slug) or folder / "topics" / f"{topic.order:02d}-{topic.slug}.toml"
        files[str(path.relative_to(folder))] = content_writer.render_topic(
            _topic_content(topic), _previous(path)
        )
    days = [
        {**_plain(day, PlanTemplateDay), "topics": [t.slug for t in day.topics.order_by("order")]}
        for day in PlanTemplateDay.objects.prefetch_related("topics").order_by("week", "day")
    ]
    files["plan_template.toml"] = content_writer.render_plan(
        days, _previous(folder / "plan_template.toml")
    )
    items = [
        _plain(item, ChecklistTemplateItem)
        for item in ChecklistTemplateItem.objects.filter(retired=False).order_by("order", "pk")
    ]
    files["checklists.toml"] = content_writer.render_checklists(
        items, _previous(folder / "checklists.toml")
    )
    return files


def _previous(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="utf-8")
        tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None  # nothing to keep from a missing or broken file
    return text


# The fields each model's rows write to the files (a plan day's topics are added apart).
WRITTEN = {
    Topic: content_writer.TOPIC_KEYS,
    Lesson: content_writer.ARRAYS["lessons"][0],
    Concept: content_writer.ARRAYS["concepts"][0],
    PracticePattern: content_writer.ARRAYS["patterns"][0],
    RubricDimension: content_writer.ARRAYS["rubric"][0],
    Resource: content_writer.ARRAYS["resources"][0],
    PlanTemplateDay: ("week", "day", "activity", "title"),
    ChecklistTemplateItem: content_writer.ARRAYS["items"][0],
}


def _plain(obj, model) -> dict:
    return {name: getattr(obj, name) for name in WRITTEN[model]}


def _topic_content(topic: Topic) -> dict:
    parts = {
        "lessons": (topic.lessons, Lesson),
        "concepts": (topic.concepts, Concept),
        "patterns": (topic.patterns, PracticePattern),
        "rubric": (topic.rubric, RubricDimension),
        "resources": (topic.resources, Resource),
    }
    content = _plain(topic, Topic)
    for part, (manager, model) in parts.items():
        rows = manager.order_by("order", "pk")
        if hasattr(model, "retired"):
            rows = rows.filter(retired=False)
        content[part] = [_plain(row, model) for row in rows]
    return content
