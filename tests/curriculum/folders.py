"""A small content folder for the loader's and the dump's tests, and an empty curriculum to
load it into."""

from pathlib import Path

TOPIC = """
slug = "{slug}"
title = "{title}"
kind = "study"
order = {order}
summary = "A summary."

[[lessons]]
slug = "first"
title = "First lesson"
level = "easy"
minutes = 30
body = "Some text."

[[lessons]]
slug = "second"
title = "Second lesson"
level = "mid"
minutes = 45
body = "More text."
"""
PLAN = """
[[days]]
week = 1
day = 1
activity = "study"
title = "Alpha"
topics = ["alpha"]

[[days]]
week = 4
day = 7
activity = "final-review"
title = "Final review"
topics = []
"""
CHECKLISTS = """
[[items]]
phase = "before"
slug = "sleep"
text = "Sleep well"
due_offset_hours = -12

[[items]]
phase = "after"
slug = "thank-you"
text = "Send a thank-you note"
detail = "Within a day."
due_offset_hours = 24
"""


def small_content(folder: Path) -> Path:
    """Two topics of two lessons each, a two-day plan and two checklist items."""
    (folder / "topics").mkdir()
    (folder / "topics" / "01-alpha.toml").write_text(
        TOPIC.format(slug="alpha", title="Alpha", order=1)
    )
    (folder / "topics" / "02-beta.toml").write_text(
        TOPIC.format(slug="beta", title="Beta", order=2)
    )
    (folder / "plan_template.toml").write_text(PLAN)
    (folder / "checklists.toml").write_text(CHECKLISTS)
    return folder


def empty_curriculum() -> None:
    """Delete every curriculum row, and the loader's memory of them (a test rolls it back)."""
    from curriculum.baseline.models import LoadedRow
    from curriculum.models import (
        ChecklistTemplateItem,
        Concept,
        Lesson,
        PlanTemplateDay,
        PracticePattern,
        Resource,
        RubricDimension,
        Topic,
    )

    for model in (
        LoadedRow,
        PlanTemplateDay,
        ChecklistTemplateItem,
        Concept,
        RubricDimension,
        PracticePattern,
        Resource,
        Lesson,
        Topic,
    ):
        model.objects.all().delete()
