"""Plan generation: a pure, deterministic function from the template and the learner's
situation to dated items. No database, no clock: the caller passes everything in.

How a plan is made
1. The 28-day template is expanded into tasks, in template order: a study day's share of its
   topic's lessons, a review of the week's topics, practice problems, behavioural practice,
   mock interviews, the learner's weakest topics on "review weak areas" days, a final review.
2. A study session is made of whole lessons. Every task keeps its own length, capped at the
   minutes per day but never below MIN_SESSION_MINUTES (or its own length when that is
   shorter). So no day holds more than the minutes per day, except a single task longer
   than the whole day (a day under MIN_SESSION_MINUTES): it then stands alone on that day.
3. Three tasks are essential: the final review, the first behavioural task and the first
   mock interview task.
4. The tasks are packed onto the study days between start and end, in order. When they do
   not fit, whole tasks are dropped, one at a time, until the rest fits (see `_drop_order`):
   each part of the plan (a topic's lessons, its reviews, the practice sessions, the
   behavioural and mock tasks, the weak-area reviews) is weighted by the template days it
   spans and, for a topic, by the learner's self-rating (strong topics weigh less), and the
   task dropped next is the one whose part would otherwise hold the most minutes per weight.
   So the last lessons of strong topics go first, every part keeps its first tasks longest,
   and the first lesson of a topic goes only after every other non-essential task. Whole
   tasks leave gaps: what was dropped is then taken back where it still fits, the most
   valued first, each only after the tasks of its part that come before it.
5. If even the essentials do not fit, they are shortened (never below MIN_SESSION_MINUTES)
   and, when that is not enough, dropped: the mock first, then the behavioural task; the
   final review stays whenever any day has room for it.
6. Every task dropped is listed in the plan's `left_out`, in template order, so the learner
   sees what compression left out and can add it back; the items and the left-out tasks
   together account for every task of the template (less those excluded) exactly once.
7. When there is room to spare (a far interview, many minutes), tasks are spread over the
   whole span in proportion to their place in the template, and the spare time on each day
   is filled with practice problems and reviews of topics already studied, weakest first.
"""

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

DEFAULT_SPAN_DAYS = 28
TEMPLATE_DAYS = 28
# A lesson shorter than this is no study session; a longer lesson is never cut below it.
MIN_SESSION_MINUTES = 20
FILLER_MIN_MINUTES = MIN_SESSION_MINUTES
FILLER_MAX_MINUTES = 45
REVIEW_MINUTES = 30
PRACTICE_MINUTES = 45
MOCK_MINUTES = 60
FINAL_REVIEW_MINUTES = 60
NEUTRAL_RATING = 3
WEAK_AREAS_PER_DAY = 3


@dataclass(frozen=True)
class LessonSpec:
    slug: str
    title: str
    minutes: int


@dataclass(frozen=True)
class TopicSpec:
    slug: str
    title: str
    lessons: tuple[LessonSpec, ...]


@dataclass(frozen=True)
class TemplateDay:
    week: int
    day: int
    activity: str
    title: str
    topics: tuple[str, ...]


@dataclass(frozen=True)
class PlanInput:
    template: tuple[TemplateDay, ...]
    topics: dict[str, TopicSpec]
    start: date
    end: date
    study_days: frozenset[int]  # weekday numbers, Monday = 0
    minutes_per_day: int
    ratings: dict[str, int] = field(default_factory=dict)  # topic slug -> 1..5
    weak_areas: tuple[str, ...] = ()  # topic slugs, weakest first
    exclude: frozenset[str] = frozenset()  # keys of items already done or skipped
    booked: dict[date, int] = field(default_factory=dict)  # minutes already taken per day


@dataclass(frozen=True)
class PlannedItem:
    date: date
    key: str
    activity: str
    topic: str | None
    lesson: str | None
    title: str
    minutes: int


@dataclass(frozen=True)
class LeftOut:
    """A task compression left out of the plan: the learner can add it back."""

    key: str
    activity: str
    topic: str | None
    lesson: str | None
    title: str
    minutes: int


@dataclass(frozen=True)
class PlanOutcome:
    """The dated items, and the tasks compression left out, in template order."""

    items: list[PlannedItem]
    left_out: list[LeftOut]


@dataclass
class _Task:
    key: str
    activity: str
    topic: str | None
    lesson: str | None
    title: str
    minutes: int
    position: int  # index of the template day it came from (0..27)
    essential: bool = False
    # The first lesson of a topic: dropped only after every other non-essential task.
    first_lesson: bool = False


# The three essentials, in the order they give way when even they do not fit.
ESSENTIAL_GIVES_WAY = ("mock", "behavioural", "final-review")


def default_end(start: date, interview: date | None) -> date:
    """The last study day: the day before the interview, or four weeks from the start."""
    if interview is None:
        return start + timedelta(days=DEFAULT_SPAN_DAYS - 1)
    return max(start, interview - timedelta(days=1))


def study_dates(start: date, end: date, study_days: frozenset[int]) -> list[date]:
    """The study days in [start, end]; if none falls there, the last day is the one chance."""
    days = [start + timedelta(n) for n in range((end - start).days + 1)]
    chosen = [d for d in days if d.weekday() in study_days]
    return chosen or [end]


def session_minutes(own: int, minutes_per_day: int) -> int:
    """A task's planned length: its own, capped at the day, never below the minimum session
    (or its own length when that is shorter)."""
    return max(min(own, MIN_SESSION_MINUTES), min(own, minutes_per_day))


def generate_plan(data: PlanInput) -> list[PlannedItem]:
    """The dated items of the plan (see `build_plan` for what it left out too)."""
    return build_plan(data).items


def build_plan(data: PlanInput) -> PlanOutcome:
    """The plan for this learner, by the rules of the module docstring."""
    dates = study_dates(data.start, data.end, data.study_days)
    capacity = [max(0, data.minutes_per_day - data.booked.get(d, 0)) for d in dates]
    tasks = [t for t in _expand(data) if t.key not in data.exclude]
    for task in tasks:
        task.minutes = session_minutes(task.minutes, data.minutes_per_day)

    kept, placement = _fit(tasks, capacity, data)
    kept_ids = {id(t) for t in kept}
    items = [
        PlannedItem(dates[day], t.key, t.activity, t.topic, t.lesson, t.title, t.minutes)
        for t, day in zip(kept, placement, strict=True)
    ]
    # Tasks keep their template order within a day; fillers come after them.
    items += [
        f for f in _fillers(data, dates, capacity, placement, kept) if f.key not in data.exclude
    ]
    left_out = [
        LeftOut(t.key, t.activity, t.topic, t.lesson, t.title, t.minutes)
        for t in tasks
        if id(t) not in kept_ids
    ]
    return PlanOutcome(sorted(items, key=lambda item: item.date), left_out)


def _fit(tasks: list[_Task], capacity: list[int], data: PlanInput):
    """The tasks that fit, with their day indexes: whole tasks are dropped in `_drop_order`
    until the rest packs, then the gaps are given back (see `_give_back`); the essentials
    give way last (shortened first)."""
    daily = data.minutes_per_day
    placement = _place(tasks, capacity, daily)
    if placement is not None:
        return tasks, placement
    order = _drop_order(tasks, data.ratings)
    dropped: set[int] = set()
    total = sum(t.minutes for t in tasks)
    # A free day shorter than a session still holds one session.
    room = sum(max(c, MIN_SESSION_MINUTES) if c == daily else c for c in capacity)
    for task in order:
        dropped.add(id(task))
        total -= task.minutes
        if total > room:  # cannot fit yet: no need to try packing
            continue
        kept = [t for t in tasks if id(t) not in dropped]
        placement = _place(kept, capacity, daily)
        if placement is not None:
            return _give_back(tasks, order, dropped, placement, capacity, daily)
    essentials = [t for t in tasks if t.essential]
    return _fit_essentials(essentials, capacity, daily)


def _give_back(tasks, order, dropped, placement, capacity, daily):
    """Whole tasks leave gaps; dropping stops at the first plan that packs. Take back what
    still fits, the last dropped (the most valued) first, but only the next task of its part
    after those kept: a part always keeps its first tasks, in order."""
    previous: dict[int, _Task | None] = {}
    last: dict[tuple, _Task] = {}
    for task in tasks:
        previous[id(task)] = last.get(_part(task))
        last[_part(task)] = task
    kept = [t for t in tasks if id(t) not in dropped]
    for task in reversed(order):
        if id(task) not in dropped:
            continue
        before = previous[id(task)]
        if before is not None and id(before) in dropped:
            continue
        room = _room_left(kept, placement, capacity)
        if not any(_fits(task.minutes, left, daily) for left in room):
            continue  # no day has room for it: no need to try packing
        trial = [t for t in tasks if id(t) not in dropped or t is task]
        trial_placement = _place(trial, capacity, daily)
        if trial_placement is not None:
            dropped.discard(id(task))
            kept, placement = trial, trial_placement
    return kept, placement


def _room_left(tasks, placement, capacity) -> list[int]:
    left = list(capacity)
    for task, day in zip(tasks, placement, strict=True):
        left[day] = max(0, left[day] - task.minutes)
    return left


def _fit_essentials(essentials: list[_Task], capacity: list[int], daily: int):
    """Shorten the essentials to share the days there are (never below the minimum
    session); if they still do not fit, drop them in ESSENTIAL_GIVES_WAY order."""
    days = sum(1 for c in capacity if c >= MIN_SESSION_MINUTES) or 1
    per_day = math.ceil(len(essentials) / days)
    for task in essentials:
        task.minutes = session_minutes(task.minutes, daily // per_day)
    kept = list(essentials)
    for activity in (None, *ESSENTIAL_GIVES_WAY):
        if activity is not None:
            kept = [t for t in kept if t.activity != activity]
        placement = _place(kept, capacity, daily)
        if placement is not None:
            return kept, placement
    return [], []


def _place(tasks: list[_Task], capacity: list[int], daily: int) -> list[int] | None:
    """Spread in proportion to the template first; pack tightly if that does not fit."""
    return _pack(tasks, capacity, daily, spread=True) or _pack(tasks, capacity, daily, spread=False)


def _pack(tasks: list[_Task], capacity: list[int], daily: int, spread: bool) -> list[int] | None:
    """Place tasks in order on days; with `spread`, no earlier than their template share.

    A task longer than the whole day goes only onto a day with nothing on it, and fills it.
    """
    left = list(capacity)
    placement = []
    day = 0
    for task in tasks:
        if spread:
            day = max(day, task.position * len(capacity) // TEMPLATE_DAYS)
        while day < len(left) and not _fits(task.minutes, left[day], daily):
            day += 1
        if day == len(left):
            return None
        left[day] = max(0, left[day] - task.minutes)
        placement.append(day)
    return placement


def _fits(minutes: int, left: int, daily: int) -> bool:
    return minutes <= left or (minutes > daily and left == daily)


# How much a part of the plan weighs per template day, by the learner's rating of its topic.
RATING_WEIGHT = {1: 1.5, 2: 1.25, 3: 1.0, 4: 0.75, 5: 0.5}


def _part(task: _Task) -> tuple:
    """The part of the plan a task belongs to: its shares are compared part against part."""
    if task.activity == "review-weak":
        return (task.activity,)
    return (task.activity, task.topic)


def _drop_order(tasks: list[_Task], ratings: dict[str, int]) -> list[_Task]:
    """The non-essential tasks, the first to drop first.

    A part's weight is its share of the template's days (a day of three topic reviews gives
    each review a third) times the rating weight of its topic (neutral for the weak-area
    reviews). Walking each part in template order, a task's cost is the minutes its part
    holds up to and including it, divided by that weight: the task with the highest cost
    goes first, so every part shrinks from its end and a strong topic (low weight) gives up
    its lessons before a weak one. The first lesson of a topic goes only after every other
    non-essential task.
    """
    parts_on: dict[int, set[tuple]] = {}
    for task in tasks:
        parts_on.setdefault(task.position, set()).add(_part(task))
    parts: dict[tuple, list[_Task]] = {}
    for task in tasks:
        if not task.essential:
            parts.setdefault(_part(task), []).append(task)
    keyed = []
    for part, members in parts.items():
        days = sum(1 / len(parts_on[p]) for p in {t.position for t in members})
        rating = ratings.get(part[1], NEUTRAL_RATING) if len(part) > 1 else NEUTRAL_RATING
        weight = days * RATING_WEIGHT.get(rating, 1.0)
        held = 0
        for task in members:
            held += task.minutes
            keyed.append(((task.first_lesson, -held / weight, -task.position, task.key), task))
    return [task for _, task in sorted(keyed, key=lambda pair: pair[0])]


def _expand(data: PlanInput) -> list[_Task]:
    """The template as tasks, in order. Consecutive study days of a topic share its lessons."""
    rating = {slug: data.ratings.get(slug, NEUTRAL_RATING) for slug in data.topics}
    weak = list(data.weak_areas) or sorted(
        (s for s in data.topics if data.topics[s].lessons),
        key=lambda s: (rating[s], _template_rank(data.template, s)),
    )
    tasks: list[_Task] = []
    first = {"behavioural": True, "mock": True}
    template = sorted(data.template, key=lambda d: (d.week, d.day))
    runs = _study_runs(template)
    weak_cursor = 0
    for position, day in enumerate(template):
        if day.activity == "study":
            for topic_slug in day.topics:
                tasks += _study_share(data, topic_slug, position, runs)
        elif day.activity == "review":
            for topic_slug in day.topics:
                if topic_slug in data.topics:
                    tasks.append(
                        _Task(
                            key=f"review:{topic_slug}:w{day.week}d{day.day}",
                            activity="review",
                            topic=topic_slug,
                            lesson=None,
                            title=f"Review and practise: {data.topics[topic_slug].title}",
                            minutes=REVIEW_MINUTES,
                            position=position,
                        )
                    )
        elif day.activity == "practice":
            for topic_slug in day.topics:
                tasks += _practice_day(data, topic_slug, position, day)
        elif day.activity in ("behavioural", "mock"):
            for topic_slug in day.topics:
                for lesson in _day_share(data, topic_slug, day, template):
                    essential = first[day.activity]
                    first[day.activity] = False
                    tasks.append(
                        _Task(
                            key=f"{day.activity}:{topic_slug}:{lesson.slug}",
                            activity=day.activity,
                            topic=topic_slug,
                            lesson=lesson.slug,
                            title=lesson.title,
                            minutes=lesson.minutes,
                            position=position,
                            essential=essential,
                        )
                    )
            if day.activity == "mock":
                essential = first["mock"]
                first["mock"] = False
                tasks.append(
                    _Task(
                        key=f"mock:session:w{day.week}d{day.day}",
                        activity="mock",
                        topic=day.topics[0] if day.topics else None,
                        lesson=None,
                        title="Mock interview: answer aloud, then score yourself on the rubric",
                        minutes=MOCK_MINUTES,
                        position=position,
                        essential=essential,
                    )
                )
        elif day.activity == "review-weak":
            for topic_slug in weak[weak_cursor : weak_cursor + WEAK_AREAS_PER_DAY]:
                tasks.append(
                    _Task(
                        key=f"review-weak:{topic_slug}:w{day.week}d{day.day}",
                        activity="review-weak",
                        topic=topic_slug,
                        lesson=None,
                        title=f"Review weak area: {data.topics[topic_slug].title}",
                        minutes=REVIEW_MINUTES,
                        position=position,
                    )
                )
            weak_cursor += WEAK_AREAS_PER_DAY
        elif day.activity == "final-review":
            tasks.append(
                _Task(
                    key="final-review",
                    activity="final-review",
                    topic=None,
                    lesson=None,
                    title="Final review: key concepts, your STAR stories and the checklist",
                    minutes=FINAL_REVIEW_MINUTES,
                    position=position,
                    essential=True,
                )
            )
    # A topic the template names in two separate runs would repeat its lessons: keep the first.
    unique: dict[str, _Task] = {}
    for task in tasks:
        unique.setdefault(task.key, task)
    return list(unique.values())


def _template_rank(template, slug) -> int:
    for i, day in enumerate(sorted(template, key=lambda d: (d.week, d.day))):
        if slug in day.topics:
            return i
    return len(template)


def _study_runs(template: list[TemplateDay]) -> dict[tuple[str, int], tuple[int, int]]:
    """For each (topic, position) of a study day: (its index in the run, the run's length)."""
    runs: dict[tuple[str, int], tuple[int, int]] = {}
    position = 0
    while position < len(template):
        day = template[position]
        if day.activity != "study":
            position += 1
            continue
        end = position
        while (
            end + 1 < len(template)
            and template[end + 1].activity == "study"
            and template[end + 1].topics == day.topics
        ):
            end += 1
        for i in range(position, end + 1):
            for slug in day.topics:
                runs[(slug, i)] = (i - position, end - position + 1)
        position = end + 1
    return runs


def _split(items: tuple, index: int, parts: int) -> tuple:
    size = len(items)
    return items[size * index // parts : size * (index + 1) // parts]


def _study_share(data, topic_slug, position, runs) -> list[_Task]:
    topic = data.topics.get(topic_slug)
    if topic is None:
        return []
    index, parts = runs[(topic_slug, position)]
    tasks = []
    for lesson in _split(topic.lessons, index, parts):
        tasks.append(
            _Task(
                key=f"study:{topic_slug}:{lesson.slug}",
                activity="study",
                topic=topic_slug,
                lesson=lesson.slug,
                title=lesson.title,
                minutes=lesson.minutes,
                position=position,
                # The first lesson goes last of all: that is when a topic disappears.
                first_lesson=lesson == topic.lessons[0],
            )
        )
    return tasks


def _day_share(data, topic_slug, day, template) -> tuple:
    """The lessons of a behavioural or mock topic, split over the days that carry it."""
    topic = data.topics.get(topic_slug)
    if topic is None:
        return ()
    same = [d for d in template if d.activity == day.activity and topic_slug in d.topics]
    return _split(topic.lessons, same.index(day), len(same))


def _practice_day(data, topic_slug, position, day) -> list[_Task]:
    topic = data.topics.get(topic_slug)
    if topic is None:
        return []
    same_position = [d for d in data.template if d.activity == "practice"]
    ordered = sorted(same_position, key=lambda d: (d.week, d.day))
    lessons = _split(topic.lessons, ordered.index(day), len(ordered))
    tasks = [
        _Task(
            key=f"practice:{topic_slug}:{lesson.slug}",
            activity="practice",
            topic=topic_slug,
            lesson=lesson.slug,
            title=lesson.title,
            minutes=lesson.minutes,
            position=position,
            first_lesson=lesson == topic.lessons[0],
        )
        for lesson in lessons
    ]
    tasks.append(
        _Task(
            key=f"practice:{topic_slug}:timed-w{day.week}d{day.day}",
            activity="practice",
            topic=topic_slug,
            lesson=None,
            title="Timed practice: solve 2-3 problems, brute force first, then optimise",
            minutes=PRACTICE_MINUTES,
            position=position,
        )
    )
    return tasks


def _fillers(data, dates, capacity, placement, tasks) -> list[PlannedItem]:
    """Spare time becomes practice and review of topics already met, weakest first."""
    left = list(capacity)
    for task, day in zip(tasks, placement, strict=True):
        left[day] -= task.minutes
    seen: list[str] = []
    ranked: list[str] = []
    by_day = sorted(zip(placement, tasks, strict=True), key=lambda p: p[0])
    cursor = 0
    weakness = {slug: i for i, slug in enumerate(data.weak_areas)}
    rating = {slug: data.ratings.get(slug, NEUTRAL_RATING) for slug in data.topics}
    items = []
    counter = 0
    for day_index, day in enumerate(dates):
        while cursor < len(by_day) and by_day[cursor][0] <= day_index:
            topic = by_day[cursor][1].topic
            if topic and topic in data.topics and topic not in seen and data.topics[topic].lessons:
                seen.append(topic)
                # Ranked again only when a topic joins: weakest first, then lowest rated,
                # then the one met first.
                ranked = sorted(
                    seen, key=lambda s: (weakness.get(s, len(weakness)), rating[s], seen.index(s))
                )
            cursor += 1
        while left[day_index] >= FILLER_MIN_MINUTES:
            minutes = min(left[day_index], FILLER_MAX_MINUTES)
            if counter % 2 == 0 or not seen:
                key = f"extra-practice:{day.isoformat()}:{counter}"
                title = "Extra practice: one problem from a pattern you find hard"
                item = PlannedItem(day, key, "practice", None, None, title, minutes)
            else:
                topic = ranked[(counter // 2) % len(ranked)]
                key = f"extra-review:{day.isoformat()}:{counter}"
                title = f"Extra review: {data.topics[topic].title}"
                item = PlannedItem(day, key, "review", topic, None, title, minutes)
            items.append(item)
            left[day_index] -= minutes
            counter += 1
    return items


def catch_up_schedule(
    missed: list[tuple[int, int]], free: list[tuple[date, int]]
) -> dict[int, date]:
    """Spread missed items (id, minutes), in order, over days with free minutes.

    Each goes to the first day that still has room for it, so no day ends over the daily
    minutes; items that fit nowhere are left out of the answer and stay where they were.
    """
    room = [[day, minutes] for day, minutes in free]
    moved = {}
    for item_id, minutes in missed:
        for slot in room:
            if slot[1] >= minutes:
                moved[item_id] = slot[0]
                slot[1] -= minutes
                break
    return moved


def material_from_content(content) -> tuple[tuple[TemplateDay, ...], dict[str, TopicSpec]]:
    """The generator's template and topics from validated content files (see
    curriculum.content_files.read_content): the same shapes the database gives."""
    template = tuple(
        TemplateDay(d["week"], d["day"], d["activity"], d["title"], tuple(d["topics"]))
        for d in content.plan_days
    )
    topics = {
        t["slug"]: TopicSpec(
            t["slug"],
            t["title"],
            tuple(LessonSpec(x["slug"], x["title"], x["minutes"]) for x in t["lessons"]),
        )
        for t in content.topics
    }
    return template, topics
