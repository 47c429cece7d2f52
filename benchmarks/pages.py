"""Time every page of the demo and the large learner on gunicorn with production settings.

Served on PostgreSQL, beside the login page and a bare view measured in the same rounds.

    .venv/bin/python benchmarks/pages.py [--rounds 30] [--warm-up 3] [--max-seconds 300]
        [--database-url postgres://postgres@127.0.0.1:5432/interview_prep_pagesbench]
        [--redis-url redis://127.0.0.1:6379/7] [--port 8701] [--workers 2]
        [--url http://127.0.0.1:8701] [--drop]

Needs PostgreSQL and Redis. The database named in --database-url is dropped and created
afresh (its name must contain "bench"), migrated, given the curriculum, the demo accounts
(`seed_demo`) and the large learner (benchmarks/seeding.py); static files are collected
and gunicorn (`config.wsgi`, sync workers) is started on 127.0.0.1. With --url the server
already running there is measured instead, on the database it uses (not dropped).

Each round requests the bare view (/healthz/), the login page and every page once, in that
order, on a new connection each (as gunicorn's sync workers close them), with the proxy's
X-Forwarded-Proto and a browser's Accept-Encoding; signed-in pages carry a session made
in-process for their user. Per page: the median and 95th percentile, their ratio to the
login page's and the bare view's median, the queries one request makes (counted in-process
with the test client, apart from the timing) and the size of the HTML as sent. Rounds stop
early when --max-seconds (counted from the start) would be exceeded.
Targets: the demo accounts' pages within 2x the login page (none over 3x); the large
learner's within 3x, its /plan/ under 150 KB; the onboarding POST within 5x for a 4-week
plan and 10x for a 6-month plan.
"""

import argparse
import secrets
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

import seeding
import serving

DEFAULT_DATABASE = "interview_prep_pagesbench"
DEMO_GOAL, DEMO_LIMIT = 2.0, 3.0  # times the login page's median
LARGE_GOAL = 3.0
SHORT_POST_GOAL, LONG_POST_GOAL = 5.0, 10.0
PLAN_PAGE_LIMIT_KB = 150
KB = 1000
LEARNER_PATHS = [
    "/",
    "/plan/",
    "/progress/",
    "/practice/",
    "/mocks/",
    "/stories/",
    "/interviews/",
    "/interviews/{interview}/",
    "/settings/",
    "/review/",
    "/mentoring/comments/",
]


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="timed rounds (30)")
    parser.add_argument("--warm-up", type=int, default=3, help="untimed requests per page (3)")
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=300,
        help="budget for the whole run; rounds stop when the next would exceed it (300)",
    )
    serving.add_server_arguments(parser, database=DEFAULT_DATABASE)
    return parser.parse_args()


# --- Pages -----------------------------------------------------------------------------------


@dataclass
class Page:
    group: str
    path: str
    user: object = None  # signed in as (None: anonymous)
    session: str = ""
    method: str = "GET"
    expect: int = 200
    expect_location: str = ""
    goal: float | None = None  # at most this many times the login page's median
    limit: float | None = None  # and never more than this
    label: str = ""
    # A POST: the form's data, and the fresh learners who send it, one each.
    data: dict | None = None
    learners: "FreshLearners | None" = None
    times: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    last: serving.Response | None = None
    queries: int | None = None

    @property
    def name(self) -> str:
        return self.label or f"{self.method} {self.path}"

    def fetch(self, server: serving.Server) -> serving.Response:

        if self.learners is None:
            cookie = serving.session_cookie(self.session) if self.session else ""
            return serving.request(server, self.method, self.path, cookie=cookie)
        # An unmasked CSRF secret, as cookie and field alike; the Origin is the site's.
        token = secrets.token_hex(16)
        _, session = self.learners.next()
        return serving.request(
            server,
            self.method,
            self.path,
            cookie=serving.session_cookie(session, csrf=token),
            body=urlencode({**self.data, "csrfmiddlewaretoken": token}, doseq=True).encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"https://{server.host}:{server.port}",
            },
        )

    def ok(self, response: serving.Response) -> bool:
        if response.status != self.expect:
            return False
        return not self.expect_location or response.location == self.expect_location

    def record(self, response: serving.Response) -> None:
        self.times.append(response.seconds)
        self.statuses[response.status if self.ok(response) else f"{response.status}!"] += 1
        self.last = response

    @property
    def failures(self) -> int:
        return sum(n for status, n in self.statuses.items() if isinstance(status, str))

    def median_ms(self) -> float:
        return statistics.median(self.times) * 1000

    def p95_ms(self) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)] * 1000


class FreshLearners:
    """Planless learners, each signed in with a session of their own, handed out one per
    onboarding POST (the POST leaves its learner onboarded)."""

    def __init__(self, count: int, label: str):
        self.users = seeding.planless_learners(count, label)
        self.sessions = [serving.session_for(u) for u in self.users]
        self.used = 0

    def next(self) -> tuple[object, str]:
        if self.used >= len(self.users):
            raise SystemExit("Benchmark stopped: more onboarding POSTs than fresh learners.")
        self.used += 1
        return self.users[self.used - 1], self.sessions[self.used - 1]


def onboarding_data(interview_in_days: int, study_days, minutes: int) -> dict:
    """The onboarding form as a learner fills it in: starting today, the interview
    `interview_in_days` ahead, every study topic rated."""
    from progress.plans.selectors import study_topics

    today = seeding.today()
    data = {
        "interview_date": (today + timedelta(days=interview_in_days)).isoformat(),
        "start_date": today.isoformat(),
        "timezone": seeding.ZONE,
        "target_role": "Backend Python engineer",
        "study_days": sorted(study_days),
        "minutes_per_day": minutes,
    }
    for n, topic in enumerate(study_topics().order_by("pk")):
        data[f"rating_{topic.pk}"] = 1 + n % 5
    return data


def onboarding_post(label: str, data: dict, learners: FreshLearners, goal: float) -> Page:
    return Page(
        "new learner (no plan)",
        "/onboarding/",
        method="POST",
        expect=302,
        expect_location="/",
        goal=goal,
        label=f"POST /onboarding/ ({label})",
        data=data,
        learners=learners,
    )


def pages(rounds: int, warm_up: int) -> list[Page]:
    """Every page measured, in the order of a round. The interview page is the learner's
    next interview (or the latest, when none is coming)."""
    from django.utils import timezone

    from progress.interviews.models import Interview

    demo = seeding.demo_accounts()
    large = seeding.large_learner()
    pages = []
    for group, user, goal, limit in [
        ("demo learner", demo["learner"], DEMO_GOAL, DEMO_LIMIT),
        ("large learner", large, LARGE_GOAL, None),
    ]:
        session = serving.session_for(user)
        interviews = Interview.objects.filter(user=user)
        interview = (
            interviews.filter(scheduled_at__gte=timezone.now()).order_by("scheduled_at").first()
            or interviews.order_by("-scheduled_at").first()
        )
        for path in LEARNER_PATHS:
            if "{interview}" in path:
                if interview is None:
                    continue
                path = path.format(interview=interview.pk)
            pages.append(
                Page(f"{group} ({user.email})", path, user, session, goal=goal, limit=limit)
            )
    mentor = demo["mentor"]
    pages.append(
        Page(
            f"demo mentor ({mentor.email})",
            "/mentoring/",
            mentor,
            serving.session_for(mentor),
            goal=DEMO_GOAL,
            limit=DEMO_LIMIT,
        )
    )
    planless = FreshLearners(1, "planless")
    user, session = planless.next()
    group = "new learner (no plan)"
    pages.append(Page(group, "/onboarding/", user, session, goal=DEMO_GOAL, limit=DEMO_LIMIT))
    posts = rounds + warm_up + 2  # two more, for the query count
    pages.append(
        onboarding_post(
            "4-week plan",
            onboarding_data(28, range(5), 60),
            FreshLearners(posts, "onboard-4w"),
            SHORT_POST_GOAL,
        )
    )
    pages.append(
        onboarding_post(
            "6-month plan",
            onboarding_data(182, range(7), 240),
            FreshLearners(posts, "onboard-6m"),
            LONG_POST_GOAL,
        )
    )
    return pages


# --- Queries ---------------------------------------------------------------------------------


def count_queries(every: list[Page]) -> None:
    """The statements one request of each page sends, in this process (the test client with
    the server's settings and database), after one uncounted request that fills the
    per-process caches as the server's warm workers have them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clients = {}
    for page in every:
        if page.method == "POST":
            # Each POST onboards a learner of its own: one uncounted, then one counted.
            serving.in_process_client(page.learners.next()[0]).post(
                page.path, page.data, secure=True
            )
            client = serving.in_process_client(page.learners.next()[0])
            with CaptureQueriesContext(connection) as queries:
                response = client.post(page.path, page.data, secure=True)
            if response.status_code != page.expect:
                print(f"  (in-process {page.name} answered {response.status_code})")
        else:
            key = id(page.user)
            if key not in clients:
                clients[key] = serving.in_process_client(page.user)
            client = clients[key]
            client.get(page.path, secure=True)
            with CaptureQueriesContext(connection) as queries:
                client.get(page.path, secure=True)
        page.queries = len(queries)


# --- Run -------------------------------------------------------------------------------------


def main() -> None:
    began = time.monotonic()
    args = arguments()
    name = serving.set_up(args)

    bare = Page("reference (anonymous)", "/healthz/", label="GET /healthz/ (bare view)")
    login = Page("reference (anonymous)", "/accounts/login/", label="GET /accounts/login/")
    every = [bare, login, *pages(args.rounds, args.warm_up)]
    large = seeding.large_learner()
    prepared = time.monotonic() - began
    print(f"database {name}: prepared and seeded in {prepared:.1f} s")
    print(f"large learner: {seeding.large_learner_summary(large)}")
    count_queries(every)

    from django.db import connections

    connections.close_all()
    with serving.server_for(args) as server:
        print(f"server {server.base}: {serving.describe(args)}")
        print(f"machine: {serving.machine()}")
        done = measure(server, every, args, began)
    report(every, args, done, time.monotonic() - began)
    serving.tear_down(args, name)


def measure(server: serving.Server, every: list[Page], args, began: float) -> int:
    """Warm-up, then rounds of every page in order; the rounds done."""
    for page in every:
        for _ in range(args.warm_up):
            page.fetch(server)
    done, slowest = 0, 0.0
    for _ in range(args.rounds):
        if time.monotonic() - began + slowest > args.max_seconds:
            break
        started = time.monotonic()
        for page in every:
            page.record(page.fetch(server))
        slowest = max(slowest, time.monotonic() - started)
        done += 1
    if not done:
        sys.exit("Benchmark stopped: --max-seconds left no time for a single round.")
    return done


# --- Report ----------------------------------------------------------------------------------


def verdict(met: bool) -> str:
    return "pass" if met else "FAIL"


def report(every: list[Page], args, rounds: int, elapsed: float) -> None:
    bare, login = every[0], every[1]
    login_ms, bare_ms = login.median_ms(), bare.median_ms()
    stopped = "" if rounds == args.rounds else " (stopped by --max-seconds)"
    print(
        f"\n{rounds} of {args.rounds} rounds{stopped}, after {args.warm_up} warm-up requests a "
        f"page; the whole run took {elapsed:.0f} s"
    )
    print(f"machine at the end: {serving.machine()}")
    header = (
        f"{'page':<42} {'median':>7} {'p95':>7} {'x login':>7} {'x bare':>7} {'queries':>7} "
        f"{'KB sent':>8} {'KB html':>8} {'status':>7}  goal"
    )
    print(f"\n{header}\n{'':<42} {'ms':>7} {'ms':>7}")
    group = None
    for page in every:
        if page.group != group:
            group = page.group
            print(group)
        median = page.median_ms()
        ratio = median / login_ms
        goal = ""
        if page.goal is not None:
            met = ratio <= page.goal and (page.limit is None or ratio <= page.limit)
            goal = f"<= {page.goal:g}x {verdict(met and not page.failures)}"
        sent = len(page.last.body) / KB if page.last else 0
        html = page.last.html_bytes / KB if page.last else 0
        status = ", ".join(
            f"{n}x{s}" if len(page.statuses) > 1 else str(s) for s, n in page.statuses.items()
        )
        queries = "" if page.queries is None else page.queries
        print(
            f"  {page.name:<40} {median:>7.1f} {page.p95_ms():>7.1f} {ratio:>7.2f} "
            f"{median / bare_ms:>7.1f} {queries:>7} {sent:>8.1f} {html:>8.1f} {status:>7}  {goal}"
        )
    encodings = {p.last.headers.get("content-encoding", "") for p in every if p.last}
    if encodings == {""}:
        print("(no response was compressed: KB sent is the HTML's size)")
    failed = [p for p in every if p.failures]
    for page in failed:
        print(f"! {page.name}: {page.failures} answers other than {page.expect}")

    goals(every, login_ms)


def goals(every: list[Page], login_ms: float) -> None:
    def worst(selected: list[Page]) -> tuple[float, Page]:
        ratio, page = max(((p.median_ms() / login_ms, p) for p in selected), key=lambda x: x[0])
        return ratio, page

    demo = [p for p in every if p.goal == DEMO_GOAL]
    large = [p for p in every if p.group.startswith("large learner")]
    short, long = (p for p in every if p.method == "POST")
    plan = next((p for p in large if p.path == "/plan/"), None)
    rows = []
    ratio, page = worst(demo)
    within = sum(p.median_ms() / login_ms <= DEMO_GOAL for p in demo)
    rows.append(
        (
            f"demo accounts: every page within {DEMO_GOAL:g}x the login page",
            f"{within} of {len(demo)}; worst {ratio:.2f}x {page.path}",
            within == len(demo),
        )
    )
    rows.append(
        (f"demo accounts: no page over {DEMO_LIMIT:g}x", f"worst {ratio:.2f}x", ratio <= DEMO_LIMIT)
    )
    ratio, page = worst(large)
    within = sum(p.median_ms() / login_ms <= LARGE_GOAL for p in large)
    rows.append(
        (
            f"large learner: every page within {LARGE_GOAL:g}x the login page",
            f"{within} of {len(large)}; worst {ratio:.2f}x {page.path}",
            within == len(large),
        )
    )
    if plan is not None and plan.last is not None:
        size = plan.last.html_bytes / KB
        rows.append(
            (
                f"large learner: /plan/ under {PLAN_PAGE_LIMIT_KB} KB",
                f"{size:.1f} KB",
                size < PLAN_PAGE_LIMIT_KB,
            )
        )
    posts = [(short, SHORT_POST_GOAL, "4-week"), (long, LONG_POST_GOAL, "6-month")]
    for post, goal, plan_length in posts:
        ratio = post.median_ms() / login_ms
        rows.append(
            (
                f"onboarding POST, {plan_length} plan: within {goal:g}x the login page",
                f"{ratio:.2f}x ({post.median_ms():.0f} ms)",
                ratio <= goal and not post.failures,
            )
        )
    print(f"\n{'goal':<58} {'measured':<34} result")
    for text, measured, met in rows:
        print(f"{text:<58} {measured:<34} {verdict(met)}")
    print(
        f"{'/ under load: at least 10% of the bare view (load.py)':<58} {'not measured here':<34}"
    )


if __name__ == "__main__":
    main()
