"""Reads for the practice log, stories and mocks. Lists through an `Access`; a record by id
through the viewer, so another learner's id is not found."""

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    QuerySet,
    prefetch_related_objects,
)

from curriculum.models import PracticePattern, RubricDimension, Topic
from curriculum.selectors import content_version
from progress.access import Access, learner_access
from progress.mentoring.models import Comment, with_comments

from .models import MockInterview, MockScore, PracticeProblem, Story
from .rules import MAX_SCORE

PRACTICE_TARGET = (20, 30)
STORY_TARGET = (5, 10)


@dataclass(frozen=True)
class JournalCurriculum:
    """The curriculum as the journal's pages offer and show it: the live rows the add forms
    offer and the practice summary counts by, and every row by id (retired too: a record
    keeps what it had) for the names the lists show. Shared by every request of the process
    while the content stays the same: read-only."""

    topics: Mapping[int, Topic]
    patterns: Mapping[int, PracticePattern]
    dimensions: Mapping[int, RubricDimension]
    study_topics: tuple[Topic, ...]  # live: what a problem is about
    mock_topics: tuple[Topic, ...]  # live: what a mock covered, study areas and skills
    live_patterns: tuple[PracticePattern, ...]  # techniques and families
    live_dimensions: tuple[RubricDimension, ...]  # the rubric a mock is scored on
    # The content version it was read at (None: unknown), for what is drawn from it.
    version: str | None = None


# (content version, copy): one entry, replaced when the version moves on.
_kept: tuple[str, JournalCurriculum] | None = None


def journal_curriculum(*, fresh: bool = False) -> JournalCurriculum:
    """The curriculum as it is now: one query while this process's copy is current (every
    write to the curriculum, a staff edit included, gives the content a new version: see
    curriculum.models.ContentVersion), four when it changed since the copy was read."""
    global _kept
    version = content_version()
    kept = _kept
    if not fresh and kept is not None and version is not None and kept[0] == version:
        return kept[1]
    topics = {t.pk: t for t in Topic.objects.all()}
    patterns = {p.pk: p for p in PracticePattern.objects.all()}
    dimensions = {d.pk: d for d in RubricDimension.objects.all()}
    live_topics = [t for t in topics.values() if not t.retired]
    copy = JournalCurriculum(
        topics=MappingProxyType(topics),
        patterns=MappingProxyType(patterns),
        dimensions=MappingProxyType(dimensions),
        study_topics=tuple(t for t in live_topics if t.kind == "study"),
        mock_topics=tuple(t for t in live_topics if t.kind in ("study", "skills")),
        live_patterns=tuple(p for p in patterns.values() if not p.retired),
        live_dimensions=tuple(d for d in dimensions.values() if not d.retired),
        version=version,
    )
    if version is not None:
        _kept = (version, copy)
    return copy


def _covering(curriculum: JournalCurriculum, *, topics=(), patterns=(), dimensions=()):
    """`curriculum`, or a fresh copy if it lacks a row a record refers to: one written since
    the copy was read, moments ago in this same request (rows are never deleted while a
    record refers to them)."""
    if (
        set(topics) <= curriculum.topics.keys()
        and set(patterns) <= curriculum.patterns.keys()
        and set(dimensions) <= curriculum.dimensions.keys()
    ):
        return curriculum
    return journal_curriculum(fresh=True)


def _visible(record, viewer, change: bool):
    learner_access(viewer, record.user_id, change=change)
    return record


def practice_of(access: Access) -> QuerySet[PracticeProblem]:
    return PracticeProblem.objects.filter(user=access.learner).select_related(
        "topic", "pattern", "family"
    )


def practice_logged(access: Access) -> QuerySet[PracticeProblem]:
    """The learner's practice log as its table shows it (`practice_rows` names the topic,
    pattern and family of the rows shown, from the curriculum in memory)."""
    return PracticeProblem.objects.filter(user=access.learner).only(
        *["title", "link", "difficulty", "solved", "hint_used", "minutes", "practised_on"],
        *["topic_id", "pattern_id", "family_id"],
    )


@dataclass(frozen=True)
class PracticeRow:
    problem: PracticeProblem
    topic: str
    pattern: str  # "" for none
    family: str  # "" for none


def practice_rows(problems, curriculum: JournalCurriculum) -> list[PracticeRow]:
    """Rows for one page of the log: no query."""
    problems = list(problems)
    curriculum = _covering(
        curriculum,
        topics=[p.topic_id for p in problems],
        patterns=[i for p in problems for i in (p.pattern_id, p.family_id) if i],
    )

    def name(pattern_id):
        return curriculum.patterns[pattern_id].name if pattern_id else ""

    return [
        PracticeRow(
            problem=p,
            topic=curriculum.topics[p.topic_id].title,
            pattern=name(p.pattern_id),
            family=name(p.family_id),
        )
        for p in problems
    ]


def practice_get(*, viewer, problem_id: int, change: bool = False) -> PracticeProblem:
    return _visible(PracticeProblem.objects.get(pk=problem_id), viewer, change)


def practice_summary(access: Access, curriculum: JournalCurriculum) -> dict:
    """Progress toward the 20-30 problems the guide recommends, overall and by live pattern:
    one grouped count (a row per pattern, family and solved-or-not: a few dozen rows at most,
    however long the log)."""
    counts = (
        PracticeProblem.objects.filter(user=access.learner)
        .values_list("pattern_id", "family_id", "solved")
        .annotate(n=Count("pk"))
        .order_by()
    )
    logged, by_pattern, by_family = 0, Counter(), Counter()
    for pattern_id, family_id, solved, n in counts:
        logged += n
        if solved:
            by_pattern[pattern_id] += n
            by_family[family_id] += n
    solved = by_pattern.total()
    patterns = [
        {"pattern": p, "solved": (by_pattern if p.kind == "technique" else by_family)[p.pk]}
        for p in curriculum.live_patterns
    ]
    low, high = PRACTICE_TARGET
    return {
        "logged": logged,
        "solved": solved,
        "target_low": low,
        "target_high": high,
        "patterns": patterns,
        "percent": min(100, round(100 * solved / low)),
    }


def stories_of(access: Access) -> QuerySet[Story]:
    return Story.objects.filter(user=access.learner).prefetch_related(with_comments())


def stories_listed(access: Access) -> QuerySet[Story]:
    """The learner's stories for their own list, each saying whether a mentor commented on it
    (`story_cards` reads the comments of the shown ones that have some)."""
    return Story.objects.filter(user=access.learner).annotate(
        has_comments=Exists(Comment.objects.filter(story=OuterRef("pk")))
    )


@dataclass(frozen=True)
class StoryCard:
    story: Story
    competencies: list[str]
    comments: list


def story_cards(stories) -> list[StoryCard]:
    """Cards for one page of stories: one query for their comments, none if they have none."""
    stories = list(stories)
    comments = _comments(stories)
    return [
        StoryCard(story=s, competencies=s.competency_list, comments=comments.get(s.pk, []))
        for s in stories
    ]


def _comments(records) -> dict[int, list]:
    """Mentors' comments on those of `records` that have any (they say so: `has_comments`), by
    record: one query, or none when no record has a comment (a learner without a mentor)."""
    commented = [r for r in records if r.has_comments]
    prefetch_related_objects(commented, with_comments())
    return {r.pk: list(r.comments.all()) for r in commented}


def story_get(*, viewer, story_id: int, change: bool = False) -> Story:
    return _visible(Story.objects.get(pk=story_id), viewer, change)


def mocks_of(access: Access) -> QuerySet[MockInterview]:
    return (
        MockInterview.objects.filter(user=access.learner)
        .select_related("scored_by")
        .prefetch_related(
            "topics",
            Prefetch("scores", queryset=MockScore.objects.select_related("dimension")),
            with_comments(),
        )
    )


def mocks_listed(access: Access) -> QuerySet[MockInterview]:
    """The learner's mocks for their own list, alone: `mock_cards` adds what a card shows to
    the one page of them that is shown."""
    return MockInterview.objects.filter(user=access.learner).annotate(
        has_comments=Exists(Comment.objects.filter(mock=OuterRef("pk")))
    )


@dataclass(frozen=True)
class MockCard:
    """A mock as its card shows it: the name of the mentor who scored it (if one did), its
    topics' titles, its scores as (dimension, "3/4"), and its mentors' comments."""

    mock: MockInterview
    scorer: str
    topics: list[str]
    scores: list[tuple[str, str]]
    comments: list


def mock_cards(mocks, curriculum: JournalCurriculum) -> list[MockCard]:
    """Cards for one page of mocks: two queries, and one more for mentors' comments and one for
    mentors' names when the page has some; the curriculum's names and their order come from
    memory (a page has some 200 scores)."""
    mocks = list(mocks)
    ids = [m.pk for m in mocks]
    topic_ids = list(
        MockInterview.topics.through.objects.filter(mockinterview_id__in=ids).values_list(
            "mockinterview_id", "topic_id"
        )
    )
    scores = list(
        MockScore.objects.filter(mock_id__in=ids)
        .order_by()  # (by the dimensions' order below: no join to the dimensions)
        .values_list("mock_id", "dimension_id", "score")
    )
    curriculum = _covering(
        curriculum, topics=[t for _, t in topic_ids], dimensions=[d for _, d, _ in scores]
    )
    topics, dimensions = curriculum.topics, curriculum.dimensions
    topic_ids.sort(key=lambda row: (topics[row[1]].order, topics[row[1]].slug))
    scores.sort(key=lambda row: dimensions[row[1]].order)
    titles_of, scores_of = defaultdict(list), defaultdict(list)
    for mock_id, topic_id in topic_ids:
        titles_of[mock_id].append(topics[topic_id].title)
    for mock_id, dimension_id, score in scores:
        scores_of[mock_id].append((dimensions[dimension_id].name, f"{score}/{MAX_SCORE}"))
    comments = _comments(mocks)
    scorers = get_user_model().objects.in_bulk({m.scored_by_id for m in mocks if m.scored_by_id})
    return [
        MockCard(
            mock=m,
            scorer=scorers[m.scored_by_id].name if m.scored_by_id in scorers else "",
            topics=titles_of[m.pk],
            scores=scores_of[m.pk],
            comments=comments.get(m.pk, []),
        )
        for m in mocks
    ]


def mock_get(*, viewer, mock_id: int, change: bool = False) -> MockInterview:
    mock = MockInterview.objects.prefetch_related("topics", "scores").get(pk=mock_id)
    return _visible(mock, viewer, change)
