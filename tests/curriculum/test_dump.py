"""dump_curriculum writes the database's curriculum to the content files: an unedited
database changes no byte, an edit shows as itself, and what it writes loads back."""

import difflib
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from curriculum.models import ChecklistTemplateItem, Lesson, PlanTemplateDay, Topic
from curriculum.services import CONTENT_DIR, curriculum_dump, curriculum_load
from tests.curriculum.folders import empty_curriculum, small_content

pytestmark = pytest.mark.django_db


def files_of(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text() for p in sorted(folder.rglob("*.toml"))}


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines a diff removes and those it adds."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [d[2:] for d in diff if d[:2] == "- "], [d[2:] for d in diff if d[:2] == "+ "]


@pytest.fixture
def real(tmp_path) -> Path:
    """A copy of the real content folder, loaded into an empty curriculum."""
    empty_curriculum()
    folder = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, folder)
    curriculum_load(folder=folder)
    return folder


@pytest.fixture
def small(tmp_path) -> Path:
    empty_curriculum()
    folder = small_content(tmp_path)
    curriculum_load(folder=folder)
    return folder


def test_dumping_an_unedited_curriculum_changes_no_byte_of_the_real_files(real):
    before = files_of(real)

    report = curriculum_dump(folder=real)

    assert files_of(real) == before
    assert (report.written, report.created, report.deleted) == ([], [], [])
    assert report.unchanged == len(before)


def test_an_admin_edit_shows_in_the_files_as_that_edit_alone_and_then_loads_quietly(real):
    lesson = Lesson.objects.get(topic__slug="python-fundamentals", slug="basic-data-types")
    Lesson.objects.filter(pk=lesson.pk).update(title="Built-in types and when to use each")
    ChecklistTemplateItem.objects.filter(slug="review-materials").update(due_offset_hours=-96)
    before = files_of(real)

    report = curriculum_dump(folder=real)
    reload = curriculum_load(folder=real)

    after = files_of(real)
    assert sorted(report.written) == ["checklists.toml", "topics/01-python-fundamentals.toml"]
    assert changed_lines(
        before["topics/01-python-fundamentals.toml"], after["topics/01-python-fundamentals.toml"]
    ) == (
        ['title = "Basic data types and choosing between them"'],
        ['title = "Built-in types and when to use each"'],
    )
    assert changed_lines(before["checklists.toml"], after["checklists.toml"]) == (
        ["due_offset_hours = -72"],
        ["due_offset_hours = -96"],
    )
    # The file's own comments survive the rewrite.
    assert after["checklists.toml"].startswith("# Interview checklists: before, during and after.")
    assert "# ---- During the interview ----" in after["checklists.toml"]
    assert reload.kept == [] and not reload.changed


def test_a_reorder_made_in_the_admin_settles_once_dumped(small):
    Lesson.objects.filter(topic__slug="alpha", slug="first").update(order=30)

    curriculum_dump(folder=small)
    reload = curriculum_load(folder=small)

    text = (small / "topics" / "01-alpha.toml").read_text()
    assert text.index('slug = "second"') < text.index('slug = "first"')
    assert reload.kept == []


def test_a_topic_added_in_the_admin_gets_a_file_and_one_deleted_loses_its_file(small):
    gamma = Topic.objects.create(slug="gamma", title="Gamma", kind="study", order=3, summary="G.")
    Lesson.objects.create(
        topic=gamma, slug="intro", title="Intro", level="easy", minutes=15, body="Hi.", order=1
    )
    PlanTemplateDay.objects.get(week=1, day=1).topics.remove(Topic.objects.get(slug="beta"))
    Topic.objects.filter(slug="beta").delete()

    report = curriculum_dump(folder=small)
    reload = curriculum_load(folder=small)

    assert report.created == ["topics/03-gamma.toml"]
    assert report.deleted == ["topics/02-beta.toml"]
    assert not (small / "topics" / "02-beta.toml").exists()
    assert 'title = "Intro"' in (small / "topics" / "03-gamma.toml").read_text()
    assert reload.kept == [] and not reload.changed


def test_retired_rows_are_left_out_of_the_files(small):
    Lesson.objects.filter(topic__slug="alpha", slug="second").update(retired=True)

    curriculum_dump(folder=small)
    reload = curriculum_load(folder=small)

    assert 'slug = "second"' not in (small / "topics" / "01-alpha.toml").read_text()
    assert reload.kept == []
    assert Lesson.objects.get(topic__slug="alpha", slug="second").retired


def test_content_the_loader_would_refuse_is_not_written(small, capsys):
    Topic.objects.filter(slug="alpha").update(slug="checklists")  # a page's own address
    before = files_of(small)

    with pytest.raises(CommandError) as error:
        call_command("dump_curriculum", folder=small)

    assert "Nothing was written" in str(error.value)
    assert "'checklists' is reserved" in str(error.value)
    assert files_of(small) == before


def test_the_command_names_the_files_it_wrote(small, capsys):
    Topic.objects.filter(slug="beta").update(summary="Edited.")

    call_command("dump_curriculum", folder=small)
    first = capsys.readouterr().out
    call_command("dump_curriculum", folder=small)
    second = capsys.readouterr().out

    assert "changed: topics/02-beta.toml" in first
    assert "review it with git diff" in first
    assert "The files already hold the database's content." in second
