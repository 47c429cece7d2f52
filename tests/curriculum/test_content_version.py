"""The content version: any write to a curriculum table gives it a new token (so copies of
the content kept in memory are read again), a reload that changes nothing keeps it (so they
survive a deploy), and reading changes nothing."""

import pytest
from django.apps import apps
from django.db import connection

from curriculum.models import ContentVersion, Lesson, Resource
from curriculum.selectors import content_version, topics_for_browsing
from curriculum.services import curriculum_load

# From the registry, auto-created tables (a many-to-many's) included: a new content table
# without its trigger fails here.
CONTENT_TABLES = sorted(
    model._meta.db_table
    for model in apps.get_app_config("curriculum").get_models(include_auto_created=True)
    if model is not ContentVersion
)


def test_every_content_table_is_checked():
    assert {"curriculum_lesson", "curriculum_plantemplateday_topics"} <= set(CONTENT_TABLES)


@pytest.mark.parametrize("table", CONTENT_TABLES)
def test_an_update_of_any_content_table_gives_a_new_version(curriculum, table):
    before = content_version()
    name = connection.ops.quote_name(table)

    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {name} SET id = id WHERE id = (SELECT MIN(id) FROM {name})")

    assert content_version() not in (None, before)


def test_an_insert_and_a_delete_give_new_versions(curriculum):
    first = content_version()
    lesson = Lesson.objects.first()
    Lesson.objects.create(
        topic=lesson.topic,
        slug="new-one",
        title="New",
        level="easy",
        minutes=30,
        body="B",
        order=99,
    )
    second = content_version()
    Resource.objects.filter(pk=Resource.objects.first().pk).delete()
    third = content_version()

    assert len({first, second, third}) == 3


def test_reading_and_reloading_unchanged_content_keep_the_version(curriculum):
    before = content_version()

    list(topics_for_browsing())
    report = curriculum_load()

    assert not report.changed
    assert content_version() == before
