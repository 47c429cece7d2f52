"""Plan generation: a pure, deterministic function from the template and the learner's
situation to dated items. No database, no clock: the caller passes everything in.

How a plan is made
1. The 28-day template is expanded into tasks, in template order: a study day's share of its
   topic's lessons, a review of the week's topics, practice problems, behavioural practice,
   mock interviews, the learner's weakest topics on "review weak areas" days, a final review.
2. Three tasks are essential and always stay: the first behavioural task, the first mock
   interview and the final review.
3. The tasks are packed onto the study days between start and end, in order, never over the
   minutes per day (a longer lesson is capped at the daily minutes). When they do not fit,
   tasks are dropped in this order until they do (see `_drop_order`):
     a. extra lessons of strong topics (strongest topic first, its last lessons first),
     b. weekly reviews of strong topics, then extra practice sessions,
     c. the remaining lessons of topics, strongest first (a topic can disappear entirely),
     d. review-weak-areas tasks and extra behavioural and mock tasks.
   If even the essentials do not fit, they are shortened (never below 5 minutes).
4. When there is room to spare (a far interview, many minutes), tasks are spread over the
   whole span in proportion to their place in the template, and the spare time on each day
   is filled with practice problems and reviews of topics already studied, weakest first.
"""

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

DEFAULT_SPAN_DAYS = 28
TEMPLATE_DAYS = 28
MIN_TASK_MINUTES = 5
FILLER_MIN_MINUTES = 15
FILLER_MAX_MINUTES = 45
REVIEW_MINUTES = 30
PRACTICE_MINUTES = 45
MOCK_MINUTES = 60
FINAL_REVIEW_MINUTES = 60
STRONG_RATING = 4
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


@dataclass
class _Task:
    key: str
    activity: str
    topic: str | None
    lesson: str | None
    title: str
    minutes: int
    position: int  # index of the template day it came from (0..27)
    drop_stage: int  # lower stages are dropped first; None-like 99 means essential
    drop_rank: tuple = ()

    @property
    def essential(self) -> bool:
        return self.drop_stage == ESSENTIAL


ESSENTIAL = 99


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


def generate_plan(data: PlanInput) -> list[PlannedItem]:
    dates = study_dates(data.start, data.end, data.study_days)
    capacity = [max(0, data.minutes_per_day - data.booked.get(d, 0)) for d in dates]
    tasks = [t for t in _expand(data) if t.key not in data.exclude]
    for task in tasks:
        task.minutes = max(MIN_TASK_MINUTES, min(task.minutes, data.minutes_per_day))

    # Spread in proportion to the template first; pack tightly if that does not fit.
    placement = _pack(tasks, capacity, spread=True) or _pack(tasks, capacity, spread=False)
    if placement is None:
        tasks = _fit_to_budget(tasks, sum(capacity), data.ratings)
        placement = _pack(tasks, capacity, spread=True) or _pack(tasks, capacity, spread=False)
    if placement is None:
        tasks, placement = _compress(tasks, capacity, data.minutes_per_day)

    items = [
        PlannedItem(dates[day], t.key, t.activity, t.topic, t.lesson, t.title, t.minutes)
        for t, day in zip(tasks, placement, strict=True)
    ]
    # Tasks keep their template order within a day; fillers come after them.
    items += [
        f for f in _fillers(data, dates, capacity, placement, tasks) if f.key not in data.exclude
    ]
    return sorted(items, key=lambda item: item.date)


def _pack(tasks: list[_Task], capacity: list[int], spread: bool) -> list[int] | None:
    """Place tasks in order on days; with `spread`, no earlier than their template share."""
    left = list(capacity)
    placement = []
    day = 0
    for task in tasks:
        if spread:
            day = max(day, task.position * len(capacity) // TEMPLATE_DAYS)
        while day < len(left) and left[day] < task.minutes:
            day += 1
        if day == len(left):
            return None
        left[day] -= task.minutes
        placement.append(day)
    return placement


def _group(task: _Task) -> tuple:
    if task.activity in ("study", "practice", "behavioural", "mock"):
        return (task.activity, task.topic)
    return (task.activity, task.position // 7)


def _fit_to_budget(tasks: list[_Task], total: int, ratings: dict[str, int]) -> list[_Task]:
    """Shrink each part of the plan to its share of the time there is.

    Every part (a topic's lessons, a week's reviews, the mock interviews...) gets a share in
    proportion to the template days it spans, weighted by the learner's rating so that strong
    topics shrink first. Inside its share a part keeps its tasks in order, each shortened in
    the same proportion (never below 10 minutes); what still does not fit is left out.
    Essentials are set aside first and never shrink here.
    """
    essentials = [t for t in tasks if t.essential]
    reserve = sum(t.minutes for t in essentials)
    # Leave a tenth as slack: tasks do not pack perfectly into days.
    budget = max(0, int(total * 0.9) - reserve)
    groups: dict[tuple, list[_Task]] = {}
    for task in tasks:
        if not task.essential:
            groups.setdefault(_group(task), []).append(task)
    weights = {}
    for key, members in groups.items():
        days = len({t.position for t in members})
        rating = (
            ratings.get(members[0].topic, NEUTRAL_RATING) if key[0] == "study" else NEUTRAL_RATING
        )
        weights[key] = days * RATING_WEIGHT[rating]
    total_weight = sum(weights.values()) or 1
    kept_ids = {id(t) for t in essentials}
    for key, members in groups.items():
        share = budget * weights[key] / total_weight
        wanted = sum(t.minutes for t in members)
        ratio = min(1.0, share / wanted) if wanted else 1.0
        used = 0
        for task in members:
            minutes = task.minutes if ratio == 1.0 else max(10, 5 * round(task.minutes * ratio / 5))
            if used + minutes > share:
                break
            task.minutes = min(task.minutes, minutes)
            used += task.minutes
            kept_ids.add(id(task))
    return [t for t in tasks if id(t) in kept_ids]


RATING_WEIGHT = {1: 1.5, 2: 1.25, 3: 1.0, 4: 0.75, 5: 0.5}


def _compress(tasks, capacity, minutes_per_day):
    """Drop tasks in the stated order until the rest fits; shorten essentials if needed."""
    kept = list(tasks)
    for task in sorted((t for t in tasks if not t.essential), key=_drop_order):
        kept.remove(task)
        placement = _pack(kept, capacity, spread=False)
        if placement is not None:
            return kept, placement
    essentials = [t for t in kept if t.essential]
    days = sum(1 for c in capacity if c >= MIN_TASK_MINUTES) or 1
    per_day = math.ceil(len(essentials) / days)
    for task in essentials:
        task.minutes = max(MIN_TASK_MINUTES, min(task.minutes, minutes_per_day // per_day))
    placement = _pack(essentials, capacity, spread=False)
    if placement is None:  # minutes already booked leave less than the daily minutes
        for task in essentials:
            task.minutes = MIN_TASK_MINUTES
        placement = _pack(essentials, capacity, spread=False)
    if (
        placement is None
    ):  # no capacity left at all (every day booked): keep the essentials on the last day
        placement = [len(capacity) - 1] * len(essentials)
    return essentials, placement


def _drop_order(task: _Task):
    return (task.drop_stage, *task.drop_rank)


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
                tasks += _study_share(data, topic_slug, position, runs, rating)
        elif day.activity == "review":
            for topic_slug in day.topics:
                if topic_slug in data.topics:
                    strong = rating[topic_slug] >= STRONG_RATING
                    tasks.append(
                        _Task(
                            key=f"review:{topic_slug}:w{day.week}d{day.day}",
                            activity="review",
                            topic=topic_slug,
                            lesson=None,
                            title=f"Review and practise: {data.topics[topic_slug].title}",
                            minutes=REVIEW_MINUTES,
                            position=position,
                            drop_stage=1 if strong else 2,
                            drop_rank=(-rating[topic_slug], -position),
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
                            drop_stage=ESSENTIAL if essential else 4,
                            drop_rank=(-position,),
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
                        drop_stage=ESSENTIAL if essential else 4,
                        drop_rank=(-position,),
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
                        drop_stage=4,
                        drop_rank=(-weak.index(topic_slug), -position),
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
                    drop_stage=ESSENTIAL,
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


def _study_share(data, topic_slug, position, runs, rating) -> list[_Task]:
    topic = data.topics.get(topic_slug)
    if topic is None:
        return []
    index, parts = runs[(topic_slug, position)]
    tasks = []
    for lesson in _split(topic.lessons, index, parts):
        lesson_index = topic.lessons.index(lesson)
        # The first lesson of a topic goes last of all: that is when a topic disappears.
        stage = 3 if lesson_index == 0 else 0
        tasks.append(
            _Task(
                key=f"study:{topic_slug}:{lesson.slug}",
                activity="study",
                topic=topic_slug,
                lesson=lesson.slug,
                title=lesson.title,
                minutes=lesson.minutes,
                position=position,
                drop_stage=stage,
                drop_rank=(-rating[topic_slug], -lesson_index, -position),
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
            drop_stage=2,
            drop_rank=(-position,),
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
            drop_stage=2,
            drop_rank=(-position,),
        )
    )
    return tasks


def _fillers(data, dates, capacity, placement, tasks) -> list[PlannedItem]:
    """Spare time becomes practice and review of topics already met, weakest first."""
    left = list(capacity)
    for task, day in zip(tasks, placement, strict=True):
        left[day] -= task.minutes
    seen: list[str] = []
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
            cursor += 1
        while left[day_index] >= FILLER_MIN_MINUTES:
            minutes = min(left[day_index], FILLER_MAX_MINUTES)
            if counter % 2 == 0 or not seen:
                key = f"extra-practice:{day.isoformat()}:{counter}"
                title = "Extra practice: one problem from a pattern you find hard"
                item = PlannedItem(day, key, "practice", None, None, title, minutes)
            else:
                ranked = sorted(
                    seen, key=lambda s: (weakness.get(s, len(weakness)), rating[s], seen.index(s))
                )
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
