"""load_curriculum: validation, idempotence, all-or-nothing, and the real content's counts."""

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from curriculum.content_files import ContentError, read_content
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
from curriculum.services import CONTENT_DIR, curriculum_load
from tests.curriculum.folders import empty_curriculum, small_content


@pytest.fixture(autouse=True)
def _empty_curriculum(request):
    """The suite loads the real curriculum once per session; these tests load their own
    content into an empty curriculum (the deletion is rolled back after each test)."""
    if "db" not in request.fixturenames and not request.node.get_closest_marker("django_db"):
        return
    request.getfixturevalue("db")
    empty_curriculum()


@pytest.fixture
def content(tmp_path) -> Path:
    """A small valid content folder the tests can break in one place."""
    return small_content(tmp_path)


def snapshot():
    """Every curriculum row as plain values, to prove a load changed nothing."""
    models = [
        Topic,
        Lesson,
        Concept,
        PracticePattern,
        RubricDimension,
        Resource,
        ChecklistTemplateItem,
        PlanTemplateDay,
    ]
    rows = {m.__name__: sorted(map(str, m.objects.values())) for m in models}
    rows["day topics"] = sorted(
        map(str, PlanTemplateDay.topics.through.objects.values("plantemplateday_id", "topic_id"))
    )
    return rows


@pytest.mark.django_db
def test_a_valid_folder_loads_every_kind(content):
    report = curriculum_load(folder=content)

    assert Topic.objects.count() == 2
    assert Lesson.objects.count() == 4
    assert PlanTemplateDay.objects.count() == 2
    assert ChecklistTemplateItem.objects.count() == 2
    assert report.counts["topics"]["created"] == 2
    assert list(
        PlanTemplateDay.objects.get(week=1, day=1).topics.values_list("slug", flat=True)
    ) == ["alpha"]


@pytest.mark.django_db
def test_loading_twice_changes_nothing(content):
    curriculum_load(folder=content)
    before = snapshot()

    report = curriculum_load(folder=content)

    assert not report.changed
    assert snapshot() == before


@pytest.mark.django_db
def test_an_edited_lesson_is_updated_in_place(content):
    curriculum_load(folder=content)
    lesson_id = Lesson.objects.get(topic__slug="alpha", slug="first").pk
    path = content / "topics" / "01-alpha.toml"
    path.write_text(path.read_text().replace("Some text.", "Rewritten text."))

    report = curriculum_load(folder=content)

    lesson = Lesson.objects.get(pk=lesson_id)
    assert lesson.body == "Rewritten text."
    assert report.counts["lessons"]["updated"] == 1


@pytest.mark.django_db
def test_a_staff_edit_is_kept_and_reported_on_reload(content):
    # Reloads used to put the files' title back without a word (see test_staff_edits.py).
    curriculum_load(folder=content)
    Topic.objects.filter(slug="alpha").update(title="Edited in admin")

    report = curriculum_load(folder=content)

    assert Topic.objects.get(slug="alpha").title == "Edited in admin"
    assert report.kept == ["topics alpha: title edited in the database"]


@pytest.mark.django_db
def test_content_removed_from_the_files_is_deleted_when_nothing_refers_to_it(content):
    curriculum_load(folder=content)
    (content / "topics" / "02-beta.toml").unlink()

    report = curriculum_load(folder=content)

    assert not Topic.objects.filter(slug="beta").exists()
    assert report.counts["topics"]["deleted"] == 1


@pytest.mark.parametrize(
    ("file", "edit", "place", "reason"),
    [
        (
            "topics/01-alpha.toml",
            ('level = "mid"', 'level = "hard"'),
            "lessons[1].level",
            "'hard' is not one of easy, mid, advanced",
        ),
        (
            "topics/01-alpha.toml",
            ("minutes = 45", "minutes = 0"),
            "lessons[1].minutes",
            "0 is outside 5..240",
        ),
        (
            "topics/01-alpha.toml",
            ('summary = "A summary."', 'summary = "A summary."\ncolour = "red"'),
            "colour",
            "unknown key",
        ),
        (
            "topics/01-alpha.toml",
            ('title = "Second lesson"\n', ""),
            "lessons[1].title",
            "is missing",
        ),
        (
            "topics/01-alpha.toml",
            ('slug = "second"', 'slug = "first"'),
            "lessons[1].slug",
            "'first' appears twice",
        ),
        (
            "topics/01-alpha.toml",
            ('kind = "study"', 'kind = "hobby"'),
            "kind",
            "'hobby' is not one of",
        ),
        (
            "topics/01-alpha.toml",
            ('slug = "alpha"', 'slug = "Alpha Topic"'),
            "slug",
            "is not a slug",
        ),
        ("topics/01-alpha.toml", ('slug = "alpha"', 'slug = "checklists"'), "slug", "reserved"),
        ("topics/01-alpha.toml", ('title = "Alpha"', 'title = "Alpha'), "line 3", ""),
        (
            "topics/02-beta.toml",
            ("order = 2", "order = 1"),
            "order",
            "already used by 01-alpha.toml",
        ),
        (
            "plan_template.toml",
            ('topics = ["alpha"]', 'topics = ["gamma"]'),
            "days[0].topics[0]",
            "no topic has the slug 'gamma'",
        ),
        ("plan_template.toml", ("day = 7", "day = 8"), "days[1].day", "8 is outside 1..7"),
        (
            "checklists.toml",
            ('phase = "after"', 'phase = "later"'),
            "items[1].phase",
            "'later' is not one of",
        ),
        (
            "checklists.toml",
            ("due_offset_hours = 24", 'due_offset_hours = "soon"'),
            "items[1].due_offset_hours",
            "is not a whole number",
        ),
    ],
)
def test_a_malformed_file_is_refused_with_file_place_and_reason(content, file, edit, place, reason):
    path = content / file
    path.write_text(path.read_text().replace(*edit, 1))

    with pytest.raises(ContentError) as error:
        read_content(content)

    assert error.value.file == file
    assert error.value.place.startswith(place)
    assert reason in error.value.reason


@pytest.mark.django_db
def test_a_malformed_file_leaves_the_loaded_curriculum_untouched(content):
    curriculum_load(folder=content)
    before = snapshot()
    alpha = content / "topics" / "01-alpha.toml"
    alpha.write_text(alpha.read_text().replace("Some text.", "Changed text."))
    checklists = content / "checklists.toml"
    checklists.write_text(checklists.read_text().replace('phase = "after"', 'phase = "never"'))

    with pytest.raises(ContentError):
        curriculum_load(folder=content)

    assert snapshot() == before


@pytest.mark.django_db
def test_the_command_names_the_problem_and_loads_nothing(content):
    (content / "checklists.toml").write_text("[[items]]\nphase = 'before'\n")

    with pytest.raises(CommandError) as error:
        call_command("load_curriculum", folder=content)

    assert "Nothing was loaded" in str(error.value)
    assert "checklists.toml: items[0].slug: is missing" in str(error.value)
    assert Topic.objects.count() == 0


@pytest.mark.django_db
def test_the_command_reports_up_to_date_on_a_second_run(content, capsys):
    call_command("load_curriculum", folder=content)
    call_command("load_curriculum", folder=content)

    assert "Curriculum already up to date." in capsys.readouterr().out


@pytest.mark.django_db
def test_the_real_curriculum_loads_with_the_expected_counts(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, folder)

    curriculum_load(folder=folder)

    assert Topic.objects.filter(kind="study").count() == 10
    assert Topic.objects.filter(kind="skills").count() == 1
    assert Topic.objects.filter(kind="process").count() == 1
    assert Topic.objects.filter(kind="tips").count() == 1
    assert Topic.objects.filter(kind="resources").count() == 1
    assert PlanTemplateDay.objects.count() == 28
    assert RubricDimension.objects.count() == 8
    assert PracticePattern.objects.filter(kind="technique").count() >= 4
    assert PracticePattern.objects.filter(kind="family").count() >= 5
    assert ChecklistTemplateItem.objects.filter(phase="before").count() >= 7
    assert ChecklistTemplateItem.objects.filter(phase="during").count() >= 7
    assert ChecklistTemplateItem.objects.filter(phase="after").count() >= 4
    for slug in (
        "gil",
        "decorators",
        "generators",
        "context-managers",
        "async-await",
        "design-patterns",
        "scalability",
    ):
        assert Concept.objects.filter(slug=slug).exists(), slug
    assert not Topic.objects.filter(lessons__isnull=True).exists()
    assert not curriculum_load(folder=folder).changed


@pytest.mark.django_db
def test_content_a_learner_progress_refers_to_is_retired_not_deleted(content, learner):
    from datetime import date

    from progress.models import Plan, PlanItem

    curriculum_load(folder=content)
    lesson = Lesson.objects.get(topic__slug="beta", slug="second")
    plan = Plan.objects.create(user=learner, start_date=date(2026, 1, 5), end_date=date(2026, 2, 1))
    item = PlanItem.objects.create(
        plan=plan,
        date=date(2026, 1, 5),
        key="study:beta:second",
        activity="study",
        topic=lesson.topic,
        lesson=lesson,
        title=lesson.title,
        minutes=45,
        status="done",
    )
    (content / "topics" / "02-beta.toml").unlink()

    report = curriculum_load(folder=content)

    lesson.refresh_from_db()
    assert lesson.retired and lesson.topic.retired
    assert report.counts["topics"]["retired"] == 1
    assert not Lesson.objects.filter(topic__slug="beta", slug="first").exists()
    item.refresh_from_db()
    assert item.lesson == lesson and item.status == "done"


@pytest.mark.django_db
def test_retired_content_comes_back_when_it_returns_to_the_files(content, learner):
    from datetime import date

    from progress.models import Plan, PlanItem

    curriculum_load(folder=content)
    lesson = Lesson.objects.get(topic__slug="alpha", slug="second")
    plan = Plan.objects.create(user=learner, start_date=date(2026, 1, 5), end_date=date(2026, 2, 1))
    PlanItem.objects.create(
        plan=plan,
        date=date(2026, 1, 5),
        key="k",
        activity="study",
        topic=lesson.topic,
        lesson=lesson,
        title="t",
        minutes=30,
    )
    path = content / "topics" / "01-alpha.toml"
    original = path.read_text()
    path.write_text(original.split('[[lessons]]\nslug = "second"')[0])
    curriculum_load(folder=content)
    assert Lesson.objects.get(pk=lesson.pk).retired

    path.write_text(original)
    curriculum_load(folder=content)

    assert not Lesson.objects.get(pk=lesson.pk).retired
