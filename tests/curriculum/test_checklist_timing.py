"""The interview checklist templates: when each item falls due, said in words and in order on
the checklists page; evening items and the items a reflection ticks, as the content files
declare them and the reader checks them."""

import re
import shutil
from html import unescape
from pathlib import Path

import pytest
from django.urls import reverse

from curriculum.content_files import ContentError, read_content
from curriculum.models import ChecklistTemplateItem
from curriculum.services import CONTENT_DIR
from curriculum.timing import in_words, sort_hours

# --- in words and in order (pure) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "evening", "words"),
    [
        (-168, False, "7 days before"),
        (-24, False, "1 day before"),
        (-30, False, "30 hours before"),
        (-2, False, "2 hours before"),
        (-1, False, "1 hour before"),
        (0, False, "during the interview"),
        (6, False, "6 hours after"),
        (24, False, "1 day after"),
        (-24, True, "the evening before"),
        (-48, True, "the evening 2 days before"),
        (24, True, "the evening after"),
    ],
)
def test_a_due_time_is_said_in_days_or_hours(offset, evening, words):
    assert in_words(offset, evening) == words


def test_the_evening_before_sorts_after_the_day_before_and_before_two_hours_before():
    assert sort_hours(-24, False) < sort_hours(-24, True) < sort_hours(-2, False)


# --- the content files ----------------------------------------------------------------------


@pytest.fixture
def content(tmp_path) -> Path:
    """A copy of the real content folder, for one test to break."""
    shutil.copytree(CONTENT_DIR, tmp_path, dirs_exist_ok=True)
    return tmp_path


def edit_checklists(folder: Path, old: str, new: str) -> None:
    path = folder / "checklists.toml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_items_without_the_optional_keys_are_due_at_their_offset_and_ticked_by_no_reflection():
    items = {i["slug"]: i for i in read_content(CONTENT_DIR).checklist_items}
    assert (items["send-thank-you"]["due_evening"], items["send-thank-you"]["reflection_part"]) == (
        False,
        "",
    )


@pytest.mark.parametrize(
    ("edit", "place", "reason"),
    [
        (
            (
                "due_offset_hours = -24\ndue_evening = true",
                "due_offset_hours = -12\ndue_evening = true",
            ),
            "due_offset_hours",
            "An evening item is due a whole number of days before or after the interview.",
        ),
        (
            ("\ndue_evening = true", '\ndue_evening = "yes"'),
            "due_evening",
            "'yes' is not true or false",
        ),
        (
            ('reflection_part = "went-well"', 'reflection_part = "everything"'),
            "reflection_part",
            "'everything' is not one of went-well, to-improve",
        ),
    ],
    ids=["evening-not-whole-days", "evening-not-boolean", "unknown-reflection-part"],
)
def test_a_bad_evening_or_reflection_key_is_refused_with_its_place(content, edit, place, reason):
    edit_checklists(content, *edit)
    with pytest.raises(ContentError) as error:
        read_content(content)
    assert error.value.file == "checklists.toml"
    assert re.fullmatch(rf"items\[\d+\]\.{place}", error.value.place)
    assert error.value.reason == reason


def test_the_real_checklists_declare_the_good_sleep_evening_and_the_reflection_items(curriculum):
    declared = ChecklistTemplateItem.objects.exclude(due_evening=False, reflection_part="")
    assert sorted(
        declared.values_list("slug", "due_offset_hours", "due_evening", "reflection_part")
    ) == [
        ("good-sleep", -24, True, ""),
        ("note-improvements", 6, False, "to-improve"),
        ("reflect-on-what-went-well", 6, False, "went-well"),
    ]


# --- the checklists page --------------------------------------------------------------------


def listed(response) -> dict[str, list[tuple[str, str]]]:
    """Phase heading -> (item text, its timing) in page order."""
    page = response.content.decode()
    phases = re.findall(r'<h2 id="phase-\d">(.*?)</h2>(.*?)</section>', page, re.S)
    return {
        heading: [
            (unescape(text), unescape(timing))
            for text, timing in re.findall(
                r"<strong>(.*?)</strong>\s*<span class=\"muted\">\((.*?)\)</span>", body
            )
        ]
        for heading, body in phases
    }


# Defect: the before-items were listed in the file's order (3 days, 7 days, 5 days before...).
def test_the_checklists_page_lists_the_before_items_in_the_order_they_fall_due(
    learner_client, curriculum
):
    before = listed(learner_client.get(reverse("curriculum:checklists")))["Before the interview"]
    assert [timing for _, timing in before] == [
        "7 days before",
        "5 days before",
        "5 days before",
        "4 days before",
        "4 days before",
        "3 days before",
        "2 days before",
        "1 day before",
        "1 day before",
        "the evening before, 21:00",
        "2 hours before",
    ]
    assert before[-2][0] == "Get a good night's sleep before the interview"


def test_the_checklists_page_lists_the_after_items_in_the_order_they_fall_due(
    learner_client, curriculum
):
    after = listed(learner_client.get(reverse("curriculum:checklists")))["After the interview"]
    assert [timing for _, timing in after] == [
        "6 hours after",
        "6 hours after",
        "1 day after",
        "7 days after",
        "7 days after",
    ]


def test_items_due_at_the_same_time_keep_the_files_order_on_the_checklists_page(
    learner_client, curriculum
):
    before = listed(learner_client.get(reverse("curriculum:checklists")))["Before the interview"]
    texts = [text for text, _ in before]
    assert texts.index("Practise writing code without a computer") < texts.index(
        "Prepare 5-10 behavioural stories using the STAR method"
    )


def test_the_checklists_page_says_which_items_a_reflection_ticks(learner_client, curriculum):
    page = learner_client.get(reverse("curriculum:checklists")).content.decode()
    notes = re.findall(
        r"<strong>(.*?)</strong>[^<]*<span[^>]*>[^<]*</span>\s*<span[^>]*>(ticked[^<]*)", page
    )
    assert notes == [
        ("Reflect on what went well", "ticked when your reflection says what went well"),
        (
            "Note areas for improvement",
            "ticked when your reflection says what to improve or names a topic",
        ),
    ]
