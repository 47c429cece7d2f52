"""Edits made in the database (the admin) meet a reload: the files' changes still arrive, an
edit is never thrown away without a word, and --overwrite says the files win."""

from pathlib import Path

import pytest
from django.core.management import call_command

from curriculum.baseline.models import LoadedRow
from curriculum.models import ChecklistTemplateItem, Lesson, PlanTemplateDay, Topic
from curriculum.services import curriculum_load
from tests.curriculum.folders import empty_curriculum, small_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(tmp_path) -> Path:
    """The small folder, loaded into an otherwise empty curriculum."""
    empty_curriculum()
    folder = small_content(tmp_path)
    curriculum_load(folder=folder)
    return folder


def edit_file(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new, 1))


def test_a_file_change_arrives_beside_an_edit_of_another_field(content):
    lesson = Lesson.objects.get(topic__slug="alpha", slug="first")
    Lesson.objects.filter(pk=lesson.pk).update(title="Retitled by staff")
    edit_file(content, "topics/01-alpha.toml", "Some text.", "Rewritten in the files.")

    report = curriculum_load(folder=content)

    lesson.refresh_from_db()
    assert (lesson.title, lesson.body) == ("Retitled by staff", "Rewritten in the files.")
    assert report.kept == ["lessons alpha/first: title edited in the database"]
    assert report.counts["lessons"]["updated"] == 1


def test_the_same_field_changed_on_both_sides_keeps_the_database_and_says_so(content):
    Topic.objects.filter(slug="alpha").update(summary="Staff's summary.")
    edit_file(content, "topics/01-alpha.toml", "A summary.", "The files' summary.")

    report = curriculum_load(folder=content)

    assert Topic.objects.get(slug="alpha").summary == "Staff's summary."
    assert report.kept == ["topics alpha: summary changed in the files and edited in the database"]


def test_an_edit_stays_reported_on_every_load_until_it_is_settled(content):
    ChecklistTemplateItem.objects.filter(slug="sleep").update(text="Sleep eight hours")

    first = curriculum_load(folder=content)
    second = curriculum_load(folder=content)

    assert first.kept == second.kept == ["checklist items sleep: text edited in the database"]
    assert not second.changed


def test_overwrite_takes_the_files_and_the_next_load_is_quiet(content):
    Topic.objects.filter(slug="alpha").update(title="Edited in admin")
    lesson = Lesson.objects.get(topic__slug="beta", slug="second")
    lesson.delete()

    report = curriculum_load(folder=content, overwrite=True)
    after = curriculum_load(folder=content)

    assert Topic.objects.get(slug="alpha").title == "Alpha"
    assert Lesson.objects.filter(topic__slug="beta", slug="second").exists()
    assert report.kept == [] and after.kept == []
    assert not after.changed


def test_a_row_added_in_the_admin_is_kept_not_deleted(content):
    alpha = Topic.objects.get(slug="alpha")
    Lesson.objects.create(
        topic=alpha, slug="third", title="Added", level="easy", minutes=10, body="B", order=3
    )

    report = curriculum_load(folder=content)

    assert Lesson.objects.filter(topic=alpha, slug="third").exists()
    assert report.kept == ["lessons alpha/third: added in the database, not in the files"]
    assert report.counts["lessons"]["deleted"] == 0


def test_a_row_deleted_in_the_admin_is_not_brought_back(content):
    ChecklistTemplateItem.objects.filter(slug="thank-you").delete()

    report = curriculum_load(folder=content)

    assert not ChecklistTemplateItem.objects.filter(slug="thank-you").exists()
    assert report.kept == ["checklist items thank-you: deleted in the database, still in the files"]


def test_a_row_removed_from_the_files_but_edited_in_the_admin_is_kept(content):
    Lesson.objects.filter(topic__slug="alpha", slug="second").update(minutes=50)
    path = content / "topics" / "01-alpha.toml"
    path.write_text(path.read_text().split('[[lessons]]\nslug = "second"')[0])

    report = curriculum_load(folder=content)

    assert Lesson.objects.get(topic__slug="alpha", slug="second").minutes == 50
    assert report.kept == [
        "lessons alpha/second: removed from the files, but edited in the database"
    ]


def test_a_topic_the_files_drop_stays_while_it_holds_a_kept_row(content):
    beta = Topic.objects.get(slug="beta")
    Lesson.objects.create(
        topic=beta, slug="extra", title="Added", level="easy", minutes=10, body="B", order=3
    )
    (content / "topics" / "02-beta.toml").unlink()
    edit_file(content, "plan_template.toml", 'topics = ["alpha"]', "topics = []")

    report = curriculum_load(folder=content)

    assert Lesson.objects.filter(topic__slug="beta", slug="extra").exists()
    assert "topics beta: removed from the files, but holds rows kept in the database" in (
        report.kept
    )
    # The rows of that topic nobody edited follow the files.
    assert not Lesson.objects.filter(topic__slug="beta", slug="first").exists()


def test_reordering_in_the_admin_counts_as_an_edit_whatever_numbers_were_typed(content):
    Lesson.objects.filter(topic__slug="alpha", slug="first").update(order=30)

    report = curriculum_load(folder=content)

    assert Lesson.objects.get(topic__slug="alpha", slug="first").order == 30
    # "first" moved behind "second": both changed place.
    assert report.kept == [
        "lessons alpha/first: order edited in the database",
        "lessons alpha/second: order edited in the database",
    ]


def test_a_plan_day_whose_topics_were_changed_in_the_admin_keeps_them(content):
    day = PlanTemplateDay.objects.get(week=1, day=1)
    day.topics.add(Topic.objects.get(slug="beta"))

    report = curriculum_load(folder=content)

    assert sorted(day.topics.values_list("slug", flat=True)) == ["alpha", "beta"]
    assert report.kept == ["plan days 1/1: topics edited in the database"]


def test_without_a_record_of_the_last_load_a_difference_is_kept_as_a_possible_edit(content):
    # A database loaded before loads were recorded: nothing tells a change in the files from
    # an edit in the admin, so nothing is overwritten unasked.
    LoadedRow.objects.all().delete()
    edit_file(content, "topics/01-alpha.toml", 'title = "Alpha"', 'title = "Alpha, renamed"')

    report = curriculum_load(folder=content)
    overwritten = curriculum_load(folder=content, overwrite=True)

    assert report.kept == ["topics alpha: title differs from the files, and no load recorded it"]
    assert overwritten.kept == []
    assert Topic.objects.get(slug="alpha").title == "Alpha, renamed"


def test_the_command_lists_what_it_kept_and_how_to_settle_it(content, capsys):
    Topic.objects.filter(slug="alpha").update(title="Edited in admin")

    call_command("load_curriculum", folder=content)
    kept = capsys.readouterr()
    call_command("load_curriculum", folder=content, overwrite=True)
    overwritten = capsys.readouterr()

    assert "Kept the database's version of 1 row the files do not match:" in kept.err
    assert "topics alpha: title edited in the database" in kept.err
    assert "manage.py dump_curriculum" in kept.err
    assert "load_curriculum --overwrite" in kept.err
    assert overwritten.err == ""
    assert Topic.objects.get(slug="alpha").title == "Alpha"
