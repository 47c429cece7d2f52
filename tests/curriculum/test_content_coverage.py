"""The curriculum content covers the facts of the source documents.

Pure file checks: no database and no Django. The TOML files are read with tomllib, and every
string in them (titles, bodies, cards, patterns, rubric, resources, plan, checklists) forms the
searchable text.
"""

import re
import tomllib
from functools import cache
from pathlib import Path

import pytest

CONTENT = Path(__file__).resolve().parents[2] / "curriculum" / "content"
TOPICS = CONTENT / "topics"

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LEVELS = {"easy", "mid", "advanced"}

STUDY_TOPICS = [
    "python-fundamentals",
    "data-structures-algorithms",
    "oop-design-patterns",
    "advanced-python",
    "system-design",
    "databases-sql",
    "apis-web-development",
    "concurrency-async",
    "practice-problems",
    "behavioural-company",
]

KEY_CONCEPTS = {
    "gil": "concurrency-async",
    "decorators": "python-fundamentals",
    "generators": "python-fundamentals",
    "context-managers": "python-fundamentals",
    "async-await": "concurrency-async",
    "design-patterns": "oop-design-patterns",
    "scalability": "system-design",
}

RUBRIC_LEVELS = {
    "answer-structure": "easy",
    "thinking-aloud": "mid",
    "debugging-stories": "mid",
    "testing-explanations": "mid",
    "tradeoff-language": "advanced",
    "handling-uncertainty": "advanced",
    "behavioural-stories": "advanced",
    "mock-answer-quality": "advanced",
}

# (fact, accepted spellings). Each fact must be findable, case-insensitively, in the content.
FACTS = [
    # 000 - chapter overview: interview process, mocks, strategies, best practices, after
    ("software engineering career path", ("software engineering",)),
    ("DevOps career path", ("DevOps",)),
    ("SRE career path", ("SRE",)),
    ("cloud engineering career path", ("cloud engineering",)),
    ("understanding the interview process", ("stages of an interview process",)),
    ("mock coding challenges", ("mock coding challenge",)),
    ("problem-solving strategies", ("problem-solving strategies",)),
    ("best practices and soft skills", ("soft skills",)),
    ("follow-ups after the interview", ("follow-up", "follow up")),
    ("handling offers", ("offer",)),
    ("handling rejections", ("rejection",)),
    # 001 - interview preparation for Python positions
    ("theoretical questions", ("theoretical questions",)),
    ("coding tests", ("coding tests",)),
    ("behavioural questions", ("behavioural questions", "behavioral questions")),
    ("NumPy", ("NumPy",)),
    ("Pandas", ("Pandas",)),
    ("Flask", ("Flask",)),
    ("Django", ("Django",)),
    ("LeetCode", ("LeetCode",)),
    ("HackerRank", ("HackerRank",)),
    ("backend or full-stack roles", ("full-stack",)),
    ("teamwork", ("teamwork",)),
    ("Pramp", ("Pramp",)),
    ("mock interviews with peers", ("friends or colleagues", "friends and colleagues")),
    ("feedback", ("feedback",)),
    # 002 - ten tips
    ("whiteboard coding", ("whiteboard",)),
    ("coding on paper", ("paper",)),
    ("for loops", ("for loop",)),
    ("while loops", ("while loop",)),
    ("past projects", ("past projects",)),
    ("not FizzBuzz", ("FizzBuzz",)),
    ("not Fibonacci", ("Fibonacci",)),
    ("web scraping", ("scraper", "scraping")),
    ("daily weather", ("weather",)),
    ("BeautifulSoup", ("BeautifulSoup",)),
    ("cleaning up folders", ("folders",)),
    ("CPU and memory", ("CPU and memory",)),
    ("list comprehensions make you stand out", ("stand out",)),
    ("benefits of generators", ("benefits",)),
    ("autocomplete missing on a whiteboard", ("autocomplete",)),
    ("__init__", ("__init__",)),
    ("self", ("self is",)),
    ("instance of a class", ("instance",)),
    ("calling the base class initialiser", ("super().__init__",)),
    ("overriding methods", ("overrid",)),
    ("Python 2 versus Python 3", ("Python 2",)),
    ("follow-up questions to your questions", ("follow-up questions",)),
    ("SQLAlchemy", ("SQLAlchemy",)),
    ("unit testing module", ("unittest",)),
    ("Git", ("Git",)),
    ("command line", ("command line",)),
    ("basic Linux commands", ("Linux",)),
    ("basic SQL", ("basic SQL",)),
    ("T-shaped skill set", ("T-shaped",)),
    ("read the job description", ("job description",)),
    # 003 - communication skills
    ("context, constraint, decision, tradeoff, outcome", ("constraint",)),
    ("thinking aloud", ("thinking aloud",)),
    ("invariants", ("invariant",)),
    ("symptom, hypothesis, evidence, fix", ("hypothesis",)),
    ("testing explanations name the risk", ("risk",)),
    ("trade-off language", ("trade-off", "tradeoff")),
    ("handling uncertainty", ("uncertainty",)),
    ("bluffing", ("bluff",)),
    ("behavioural stories with measurable results", ("measurable",)),
    ("keyword land", ("keyword land",)),
    ("structured reasoning", ("structured reasoning",)),
    ("design intent", ("design intent",)),
    ("trace a small example without guessing", ("without guessing",)),
    ("code reading", ("read unfamiliar code", "code reading")),
    ("FastAPI", ("FastAPI",)),
    # 004 - index: study areas
    ("mutable vs immutable", ("mutable",)),
    ("garbage collection", ("garbage collect",)),
    ("decorators", ("decorator",)),
    ("closures", ("closure",)),
    ("comprehensions", ("comprehension",)),
    ("generators", ("generator",)),
    ("exception handling", ("exception handling",)),
    ("context managers", ("context manager",)),
    ("stacks and queues", ("queue",)),
    ("trees and graphs", ("graph",)),
    ("sorting and searching", ("sorting",)),
    ("dynamic programming", ("dynamic programming",)),
    ("complexity analysis", ("complexity",)),
    ("four pillars of OOP", ("four pillars",)),
    ("magic methods", ("magic methods",)),
    ("creational, structural and behavioural patterns", ("creational",)),
    ("SOLID", ("SOLID",)),
    ("DRY", ("Don't Repeat Yourself",)),
    ("KISS", ("KISS",)),
    ("YAGNI", ("YAGNI",)),
    ("metaclass", ("metaclass",)),
    ("descriptor", ("descriptor",)),
    ("memory optimisation", ("memory optimisation", "memory optimization")),
    ("performance profiling", ("profiling",)),
    ("type hints and static analysis", ("static analysis",)),
    ("horizontal vs vertical scaling", ("horizontal",)),
    ("load balancing", ("load balanc",)),
    ("caching strategies", ("caching strategies",)),
    ("microservices vs monolith", ("microservices",)),
    ("Python-specific architecture", ("python-specific architecture",)),
    ("SQL joins and aggregation", ("JOIN",)),
    ("normalisation", ("normalisation", "normalization")),
    ("ACID", ("ACID",)),
    ("SQLite", ("SQLite",)),
    ("PostgreSQL", ("PostgreSQL",)),
    ("MongoDB", ("MongoDB",)),
    ("Redis", ("Redis",)),
    ("query optimisation", ("query optimisation", "query optimization")),
    ("RESTful API design", ("RESTful",)),
    ("JWT", ("JWT",)),
    ("OAuth", ("OAuth",)),
    ("API testing", ("API testing",)),
    ("WebSocket", ("WebSocket",)),
    ("rate limiting", ("rate limiting",)),
    ("threading and synchronisation", ("synchronisation", "synchronization")),
    ("multiprocessing", ("multiprocessing",)),
    ("asyncio", ("asyncio",)),
    ("concurrent.futures", ("concurrent.futures",)),
    ("GIL", ("Global Interpreter Lock",)),
    ("arrays and strings", ("arrays and strings",)),
    ("linked lists", ("linked list",)),
    ("heaps", ("heap",)),
    ("two pointers", ("two pointers",)),
    ("sliding window", ("sliding window",)),
    ("binary search", ("binary search",)),
    ("STAR method", ("STAR",)),
    ("5-10 stories", ("5-10", "five to ten")),
    ("research the company", ("research",)),
    ("questions to ask interviewers", ("questions to ask",)),
    ("common mistakes to avoid", ("common mistakes",)),
    ("Singleton", ("Singleton",)),
    ("Factory", ("Factory",)),
    ("Observer", ("Observer",)),
    ("Strategy", ("Strategy",)),
    ("threading vs multiprocessing vs async", ("threading versus multiprocessing",)),
    ("URL shortener", ("URL shortener",)),
    ("chat system", ("chat system",)),
    ("distributed cache", ("distributed cache",)),
    ("notification system", ("notification system",)),
    ("CodeSignal", ("CodeSignal",)),
    ("Interviewing.io", ("Interviewing.io",)),
    ("20-30 problems", ("20-30", "20 to 30")),
    ("2-3 problems per day", ("two or three", "2-3")),
    ("time yourself", ("time yourself",)),
    ("brute force then optimise", ("brute force",)),
    ("understand, don't memorise", ("memorise", "memorize")),
    ("stay calm", ("stay calm",)),
    ("clarifying questions", ("clarifying questions",)),
    ("edge cases", ("edge case",)),
    ("test your setup", ("test your setup",)),
    ("good sleep", ("sleep",)),
    ("thank-you e-mail", ("thank-you",)),
    ("within 24 hours", ("24 hours",)),
    ("areas for improvement", ("areas for improvement",)),
    ("be yourself", ("be yourself",)),
    ("Python official docs", ("docs.python.org",)),
    ("PEPs", ("Python Enhancement Proposals",)),
    ("Fluent Python", ("Fluent Python",)),
    ("Luciano Ramalho", ("Luciano Ramalho",)),
    ("Effective Python", ("Effective Python",)),
    ("Brett Slatkin", ("Brett Slatkin",)),
    ("Python Tricks", ("Python Tricks",)),
    ("Dan Bader", ("Dan Bader",)),
    ("Udemy course", ("Udemy",)),
    ("Educative course", ("Educative",)),
    ("r/learnpython", ("r/learnpython",)),
    ("Stack Overflow", ("Stack Overflow",)),
    ("Python Discord", ("Python Discord",)),
]


@cache
def load(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


@cache
def topics() -> dict[str, dict]:
    found = {}
    for path in sorted(TOPICS.glob("*.toml")):
        data = load(path)
        found[data["slug"]] = data
    return found


def plan() -> list[dict]:
    return load(CONTENT / "plan_template.toml")["days"]


def checklist() -> list[dict]:
    return load(CONTENT / "checklists.toml")["items"]


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@cache
def all_text() -> str:
    files = [
        *sorted(TOPICS.glob("*.toml")),
        CONTENT / "plan_template.toml",
        CONTENT / "checklists.toml",
    ]
    return "\n".join(s for path in files for s in _strings(load(path))).lower()


def all_lessons():
    for topic in topics().values():
        for lesson in topic["lessons"]:
            yield topic["slug"], lesson


# ---------------------------------------------------------------- facts from the seeds


def test_the_fact_table_is_large_and_distinct():
    names = [name for name, _ in FACTS]
    assert len(names) == len(set(names))
    assert len(names) >= 80


@pytest.mark.parametrize(("fact", "spellings"), FACTS, ids=[name for name, _ in FACTS])
def test_seed_fact_is_reachable(fact, spellings):
    text = all_text()
    assert any(spelling.lower() in text for spelling in spellings), (
        f"{fact!r}: none of {spellings} appears in the curriculum content"
    )


def test_fictional_project_and_company_names_are_not_used():
    text = all_text()
    assert "orderops" not in text
    assert "learntube" not in text


# ---------------------------------------------------------------- topics


def test_exactly_the_ten_study_topics_in_order():
    study = sorted((t for t in topics().values() if t["kind"] == "study"), key=lambda t: t["order"])
    assert [t["slug"] for t in study] == STUDY_TOPICS
    assert [t["order"] for t in study] == list(range(1, 11))


def test_the_other_topics_and_their_kinds():
    expected = {
        "interview-communication": ("skills", 11),
        "interview-process": ("process", 12),
        "interview-tips": ("tips", 13),
        "resources": ("resources", 14),
    }
    for slug, (kind, order) in expected.items():
        assert topics()[slug]["kind"] == kind
        assert topics()[slug]["order"] == order
    orders = [t["order"] for t in topics().values()]
    assert len(orders) == len(set(orders))


def test_file_names_match_order_and_slug():
    for path in TOPICS.glob("*.toml"):
        data = load(path)
        assert path.name == f"{data['order']:02d}-{data['slug']}.toml"


TOPIC_KEYS = {"slug", "title", "kind", "order", "summary"}
OPTIONAL_TOPIC_KEYS = {"lessons", "concepts", "patterns", "rubric", "resources"}


def test_topic_files_follow_the_schema():
    for slug, topic in topics().items():
        assert TOPIC_KEYS <= set(topic) <= TOPIC_KEYS | OPTIONAL_TOPIC_KEYS, slug
        assert SLUG.match(slug)
        assert topic["lessons"], slug
        for concept in topic.get("concepts", []):
            assert set(concept) == {"slug", "name", "question", "answer"}
            assert SLUG.match(concept["slug"])
        for pattern in topic.get("patterns", []):
            assert set(pattern) == {"slug", "name", "kind", "summary", "when_to_use"}
            assert pattern["kind"] in {"technique", "family"}
        for row in topic.get("rubric", []):
            assert set(row) == {"slug", "name", "level", "guidance", "pitfall", "why", "example"}
            assert row["level"] in LEVELS
        for resource in topic.get("resources", []):
            assert {"title", "kind", "note"} <= set(resource)
            assert set(resource) <= {"title", "kind", "author", "url", "note"}
            assert resource["kind"] in {
                "book",
                "documentation",
                "practice",
                "course",
                "community",
                "mock-interview",
            }
            if "url" in resource:
                assert resource["url"].startswith("https://")


def test_lessons_are_well_formed_study_notes():
    for topic_slug, lesson in all_lessons():
        where = f"{topic_slug}/{lesson['slug']}"
        assert set(lesson) == {"slug", "title", "level", "minutes", "body"}, where
        assert SLUG.match(lesson["slug"]), where
        assert lesson["level"] in LEVELS, where
        assert 20 <= lesson["minutes"] <= 90, where
        words = len(lesson["body"].split())
        assert 120 <= words <= 300, f"{where} has {words} words"
        fences = [line for line in lesson["body"].splitlines() if line.strip().startswith("```")]
        assert len(fences) % 2 == 0, f"{where} has an unclosed code block"


def test_lesson_slugs_are_unique_within_each_topic():
    for slug, topic in topics().items():
        lesson_slugs = [lesson["slug"] for lesson in topic["lessons"]]
        assert len(lesson_slugs) == len(set(lesson_slugs)), slug


def test_card_pattern_and_rubric_slugs_are_unique_across_topics():
    for key in ("concepts", "patterns", "rubric"):
        slugs = [row["slug"] for t in topics().values() for row in t.get(key, [])]
        assert len(slugs) == len(set(slugs)), key


# ---------------------------------------------------------------- concepts, patterns, rubric


def test_the_seven_key_concepts_live_in_their_topics():
    for concept, topic_slug in KEY_CONCEPTS.items():
        slugs = {c["slug"] for c in topics()[topic_slug].get("concepts", [])}
        assert concept in slugs, f"{concept} missing from {topic_slug}"


def test_there_are_further_review_cards():
    total = sum(len(t.get("concepts", [])) for t in topics().values())
    assert 17 <= total <= 27


def test_practice_problems_carry_techniques_and_families():
    patterns = {p["slug"]: p["kind"] for p in topics()["practice-problems"]["patterns"]}
    for technique in ("two-pointers", "sliding-window", "dynamic-programming", "binary-search"):
        assert patterns.get(technique) == "technique"
    for family in ("arrays-and-strings", "linked-lists", "trees", "graphs", "heaps"):
        assert patterns.get(family) == "family"


def test_the_eight_rubric_dimensions_with_their_levels():
    rubric = {r["slug"]: r["level"] for r in topics()["interview-communication"]["rubric"]}
    assert rubric == RUBRIC_LEVELS


def test_each_rubric_skill_has_a_lesson_plus_the_milestone():
    lessons = {lesson["slug"] for lesson in topics()["interview-communication"]["lessons"]}
    assert set(RUBRIC_LEVELS) <= lessons
    assert len(lessons) >= len(RUBRIC_LEVELS) + 1


def test_resources_cover_every_kind_of_help():
    resources = topics()["resources"]["resources"]
    kinds = {r["kind"] for r in resources}
    assert kinds == {"book", "documentation", "practice", "course", "community", "mock-interview"}
    assert len(resources) >= 17


# ---------------------------------------------------------------- plan template


def test_plan_has_28_distinct_days():
    days = plan()
    keys = {(d["week"], d["day"]) for d in days}
    assert len(days) == 28
    assert keys == {(week, day) for week in range(1, 5) for day in range(1, 8)}


def test_plan_topics_exist_and_follow_the_weekly_schedule():
    by_key = {(d["week"], d["day"]): d for d in plan()}
    for day in plan():
        for slug in day["topics"]:
            assert slug in topics()
    assert by_key[(1, 1)]["topics"] == ["python-fundamentals"]
    assert by_key[(1, 7)]["activity"] == "review"
    assert by_key[(2, 5)]["topics"] == ["databases-sql"]
    assert by_key[(3, 3)]["topics"] == ["system-design"]
    assert by_key[(3, 6)]["activity"] == "practice"
    assert by_key[(3, 7)]["topics"] == ["practice-problems"]
    assert [by_key[(4, d)]["activity"] for d in range(1, 8)] == [
        "behavioural",
        "behavioural",
        "mock",
        "mock",
        "review-weak",
        "review-weak",
        "final-review",
    ]
    studied = {s for d in plan() if d["activity"] == "study" for s in d["topics"]}
    assert studied == set(STUDY_TOPICS) - {"practice-problems", "behavioural-company"}


# ---------------------------------------------------------------- checklists


def test_checklists_have_enough_items_per_phase():
    counts = {"before": 0, "during": 0, "after": 0}
    for item in checklist():
        counts[item["phase"]] += 1
    assert counts["before"] >= 7
    assert counts["during"] >= 7
    assert counts["after"] >= 4


def test_original_checklist_items_keep_their_order_and_timing():
    items = checklist()
    order = [item["slug"] for item in items]
    originals = [
        "review-materials",
        "practise-coding-problems",
        "prepare-star-stories",
        "research-company",
        "prepare-questions",
        "test-setup",
        "good-sleep",
        "listen-carefully",
        "ask-clarifying-questions",
        "think-out-loud",
        "brute-force-then-optimise",
        "consider-edge-cases",
        "write-clean-code",
        "test-with-examples",
        "send-thank-you",
        "reflect-on-what-went-well",
        "note-improvements",
        "follow-up",
    ]
    positions = [order.index(slug) for slug in originals]
    assert positions == sorted(positions)
    assert len(order) == len(set(order))
    for item in items:
        assert SLUG.match(item["slug"])
        assert set(item) <= {
            "phase",
            "slug",
            "text",
            "detail",
            "due_offset_hours",
            "due_evening",
            "reflection_part",
        }
        if item["phase"] == "before":
            assert item["due_offset_hours"] < 0
        elif item["phase"] == "during":
            assert item["due_offset_hours"] == 0
        else:
            assert item["due_offset_hours"] > 0
    thank_you = next(i for i in items if i["slug"] == "send-thank-you")
    assert 0 < thank_you["due_offset_hours"] <= 24
