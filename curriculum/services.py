"""Writing the curriculum: bring the database in line with the content files."""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError

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


@dataclass
class LoadReport:
    """What a load did, per kind: created, updated, unchanged, deleted, retired."""

    counts: dict[str, Counter] = field(default_factory=dict)

    def add(self, kind: str, outcome: str) -> None:
        self.counts.setdefault(kind, Counter())[outcome] += 1

    @property
    def changed(self) -> bool:
        return any(
            c["created"] + c["updated"] + c["deleted"] + c["retired"] for c in self.counts.values()
        )

    def lines(self) -> list[str]:
        outcomes = ("created", "updated", "unchanged", "deleted", "retired")
        return [
            f"{kind}: " + ", ".join(f"{counter[o]} {o}" for o in outcomes if counter[o])
            for kind, counter in self.counts.items()
        ]


def curriculum_load(*, folder: Path = CONTENT_DIR) -> LoadReport:
    """Validate every file first, then apply all of it in one transaction (or nothing)."""
    content = read_content(folder)
    report = LoadReport()
    with transaction.atomic():
        _apply(content, report)
    return report


def _apply(content: Content, report: LoadReport) -> None:
    topics = _upsert(
        report,
        "topics",
        Topic.objects.all(),
        ("slug",),
        [
            {
                "slug": t["slug"],
                "title": t["title"],
                "kind": t["kind"],
                "order": t["order"],
                "summary": t["summary"],
                "retired": False,
            }
            for t in content.topics
        ],
    )
    lesson_rows, concept_rows, pattern_rows, rubric_rows, resource_rows = [], [], [], [], []
    for t in content.topics:
        topic_id = topics[(t["slug"],)].pk
        for order, row in enumerate(t["lessons"], 1):
            lesson_rows.append({**row, "topic_id": topic_id, "order": order, "retired": False})
        for order, row in enumerate(t["concepts"], 1):
            concept_rows.append({**row, "topic_id": topic_id, "order": order, "retired": False})
        for order, row in enumerate(t["patterns"], 1):
            pattern_rows.append({**row, "topic_id": topic_id, "order": order, "retired": False})
        for order, row in enumerate(t["rubric"], 1):
            rubric_rows.append({**row, "topic_id": topic_id, "order": order, "retired": False})
        for order, row in enumerate(t["resources"], 1):
            resource_rows.append(
                {"author": "", "url": "", **row, "topic_id": topic_id, "order": order}
            )

    _sync(report, "lessons", Lesson.objects.all(), ("topic_id", "slug"), lesson_rows)
    _sync(report, "concepts", Concept.objects.all(), ("slug",), concept_rows)
    _sync(report, "patterns", PracticePattern.objects.all(), ("slug",), pattern_rows)
    _sync(report, "rubric dimensions", RubricDimension.objects.all(), ("slug",), rubric_rows)
    _sync(report, "resources", Resource.objects.all(), ("topic_id", "title"), resource_rows)
    _sync_plan_days(report, content.plan_days, topics)
    checklist_rows = [
        {"detail": "", **row, "order": order, "retired": False}
        for order, row in enumerate(content.checklist_items, 1)
    ]
    _sync(report, "checklist items", ChecklistTemplateItem.objects.all(), ("slug",), checklist_rows)
    # Topics last: removing one cascades to lessons that may just have been retired.
    _remove_stale(report, "topics", topics, {(t["slug"],) for t in content.topics})


def _upsert(report, kind, queryset, key_fields, rows) -> dict[tuple, models.Model]:
    """Create or update each row by its key; return every existing object by key."""
    existing = {tuple(getattr(obj, f) for f in key_fields): obj for obj in queryset}
    for values in rows:
        key = tuple(values[f] for f in key_fields)
        obj = existing.get(key)
        if obj is None:
            existing[key] = queryset.model.objects.create(**values)
            report.add(kind, "created")
            continue
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save(update_fields=[name.removesuffix("_id") for name in changed])
            report.add(kind, "updated")
        else:
            report.add(kind, "unchanged")
    return existing


def _remove_stale(report, kind, existing: dict, wanted_keys: set) -> None:
    """Delete rows the files no longer have; retire those a learner's progress refers to."""
    for key, obj in existing.items():
        if key in wanted_keys:
            continue
        try:
            with transaction.atomic():
                obj.delete()
            report.add(kind, "deleted")
        except (ProtectedError, RestrictedError):
            if not obj.retired:
                obj.retired = True
                obj.save(update_fields=["retired"])
                report.add(kind, "retired")


def _sync(report, kind, queryset, key_fields, rows) -> dict:
    existing = _upsert(report, kind, queryset, key_fields, rows)
    _remove_stale(report, kind, existing, {tuple(r[f] for f in key_fields) for r in rows})
    return existing


def _sync_plan_days(report, days: list[dict], topics: dict) -> None:
    rows = [{k: d[k] for k in ("week", "day", "activity", "title")} for d in days]
    existing = _upsert(
        report,
        "plan days",
        PlanTemplateDay.objects.prefetch_related("topics"),
        ("week", "day"),
        rows,
    )
    for day in days:
        obj = existing[(day["week"], day["day"])]
        wanted = [topics[(slug,)].pk for slug in day["topics"]]
        if sorted(t.pk for t in obj.topics.all()) != sorted(wanted):
            obj.topics.set(wanted)
            report.add("plan day topics", "updated")
    wanted_keys = {(d["week"], d["day"]) for d in days}
    for key, obj in existing.items():
        if key not in wanted_keys:
            obj.delete()
            report.add("plan days", "deleted")
