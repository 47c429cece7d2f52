"""The content writer (pure): what it writes reads back as the same content, whatever the
text holds, and it keeps a file's comments without taking a code sample's "#" for one."""

import tomllib

from hypothesis import given
from hypothesis import strategies as st

from curriculum.content_writer import render_checklists, render_plan, render_topic

LESSON = {"slug": "l", "title": "T", "level": "easy", "minutes": 10, "body": "B"}
TOPIC = {"slug": "t", "title": "T", "kind": "study", "order": 1, "summary": "S"}
PARTS = {"lessons": [LESSON], "concepts": [], "patterns": [], "rubric": [], "resources": []}
# Text as the loader keeps it: stripped, and any character TOML can carry.
TEXT = st.text(st.characters(exclude_categories=["Cs"]), min_size=1).map(str.strip).filter(bool)


@given(title=TEXT, body=TEXT)
def test_any_text_reads_back_as_written(title, body):
    topic = {**TOPIC, **PARTS, "lessons": [{**LESSON, "title": title, "body": body}]}

    read = tomllib.loads(render_topic(topic))

    # The loader strips text, so the line break before a long text's closing quotes is moot.
    assert read["lessons"][0]["title"].strip() == title
    assert read["lessons"][0]["body"].strip() == body


def test_long_text_is_written_as_it_reads_and_optional_keys_only_when_set():
    body = "First paragraph.\n\n```\nx = '''quoted'''  # not a comment\n```"
    resources = [
        {"title": "A", "kind": "book", "author": "", "url": "", "note": "N"},
        {"title": "B", "kind": "book", "author": "Ann", "url": "https://b.example/", "note": "N"},
    ]
    topic = {**TOPIC, **PARTS, "resources": resources}
    topic["lessons"] = [{**LESSON, "body": "Plain.\n\nTwo paragraphs."}, {**LESSON, "body": body}]

    text = render_topic(topic)

    assert "body = '''\nPlain.\n\nTwo paragraphs.\n'''" in text
    assert tomllib.loads(text)["lessons"][1]["body"].strip("\n") == body
    first, second = text.split("[[resources]]")[1:]
    assert "author" not in first and "url" not in first
    assert 'author = "Ann"' in second


def test_comments_before_entries_are_kept_and_code_comments_stay_text():
    previous = (
        "# The checklists.\n\n"
        "# ---- Before ----\n\n"
        '[[items]]\nphase = "before"\nslug = "a"\ntext = "A"\ndetail = \'\'\'\n'
        "# inside a string\n'''\ndue_offset_hours = -1\n\n"
        "# ---- After ----\n"
        '[[items]]\nphase = "after"\nslug = "b"\ntext = "B"\ndue_offset_hours = 1\n'
    )
    items = [
        {"phase": "before", "slug": "new", "text": "New", "detail": "", "due_offset_hours": -2},
        *[
            {**item, "due_evening": False, "reflection_part": ""}
            for item in tomllib.loads(previous)["items"]
        ],
    ]
    items[1]["detail"] = items[1]["detail"].strip()

    text = render_checklists(items, previous)

    assert text.startswith("# The checklists.\n\n# ---- Before ----\n\n[[items]]")
    assert '\n\n# ---- After ----\n[[items]]\nphase = "after"' in text
    assert text.count("# inside a string") == 1
    assert [i["slug"] for i in tomllib.loads(text)["items"]] == ["new", "a", "b"]


def test_a_days_topics_keep_the_files_order_while_the_set_is_the_same():
    previous = '[[days]]\nweek = 1\nday = 1\nactivity = "study"\ntitle = "T"\ntopics = ["b", "a"]\n'
    same = [{"week": 1, "day": 1, "activity": "study", "title": "T", "topics": ["a", "b"]}]
    grown = [{**same[0], "topics": ["a", "b", "c"]}]

    assert render_plan(same, previous) == previous
    assert 'topics = ["a", "b", "c"]' in render_plan(grown, previous)
