"""Time the reminders sweep over 100,000 learners, and the send rate of a real Celery worker
beside a bare smtplib loop, both to the same local SMTP server in the same run.

    .venv/bin/python benchmarks/reminders.py [--learners 100000] [--send 2000]
        [--database-url postgres://postgres@127.0.0.1:5432/interview_prep_bench]
        [--redis-url redis://127.0.0.1:6379/5] [--concurrency N] [--drop] [--profile]

Needs PostgreSQL and Redis. The database named in --database-url is dropped and created
afresh (its name must contain "bench"); the Redis database in --redis-url is used as the
broker and its queue is purged before and after, so give it one nobody else uses.
Targets: the sweep under 10 s in a fixed number of queries; the worker's send rate at
least 80% of the bare loop's.
"""

import argparse
import cProfile
import email.policy
import io
import logging
import math
import os
import pstats
import random
import smtplib
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO

import dj_database_url
from aiosmtpd.controller import Controller
from databases import drop_database, recreate_database

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# A Wednesday, mid-morning in Europe: every zone below is on the same local date.
NOW = datetime(2025, 3, 5, 10, 0, tzinfo=UTC)
ZONES = [
    "Europe/London",
    "America/New_York",
    "Asia/Kolkata",
    "Pacific/Auckland",
    "Europe/Berlin",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "UTC",
    "Australia/Sydney",
    "America/Sao_Paulo",
    "Africa/Lagos",
    "Asia/Singapore",
]
# Monday = 0. "23456" makes Wednesday the first study day of the week (the weak-area nudge).
STUDY_DAYS = ["0123456", "01234", "024", "23456", "0246", "135"]
BATCH = 5000
WARM_UP_PER_PROCESS = 5
SWEEP_TARGET_SECONDS = 10.0
SEND_TARGET_RATIO = 0.8


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=100_000, help="learners seeded (100000)")
    parser.add_argument("--send", type=int, default=2000, help="e-mails sent per rate (2000)")
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/interview_prep_bench"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/5")
    parser.add_argument(
        "--concurrency",
        type=int,
        default=2 * (os.cpu_count() or 1),
        help="worker processes (twice the cores, as CELERY_WORKER_CONCURRENCY's default)",
    )
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")
    parser.add_argument(
        "--profile", action="store_true", help="profile the first sweep (cProfile, slower)"
    )
    return parser.parse_args()


# --- SMTP ------------------------------------------------------------------------------------


class CountingHandler:
    """Accepts every message and counts it; the count is read from the main thread."""

    def __init__(self):
        self.received = 0

    async def handle_DATA(self, server, session, envelope):
        self.received += 1
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def bare_rate(
    port: int, handler: CountingHandler, sender: str, to: list[str], payload: bytes, count: int
) -> float:
    """One connection per message, as Django's backend opens for each `message.send()`,
    with the local host name looked up once, as Django caches it."""
    local_hostname = socket.getfqdn()
    before = handler.received
    began = time.perf_counter()
    for _ in range(count):
        with smtplib.SMTP("127.0.0.1", port, local_hostname=local_hostname, timeout=20) as smtp:
            smtp.sendmail(sender, to, payload)
    elapsed = time.perf_counter() - began
    assert handler.received - before == count, "the SMTP server missed messages"
    return count / elapsed


# --- Database --------------------------------------------------------------------------------


def configure(args: argparse.Namespace, smtp_port: int) -> None:
    """Production settings, with dummy secrets: they are read once, at django.setup()."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        SECRET_KEY="benchmark-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="example.com",
        SITE_URL="https://example.com",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        EMAIL_USE_TLS="false",
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
    )


@dataclass(frozen=True)
class Profile:
    zone: str
    study_days: str
    digest_hour: int
    weak_areas_off: bool
    lesson: int  # index into the lessons used
    last_item_days_ago: int
    last_item_done: bool


def profiles(learners: int, lessons: int) -> Iterator[Profile]:
    """Drawn independently per learner (fixed seed, so runs compare): zones, hours and study
    days in every combination; about one in 25 has the weekly nudge off (recorded as skipped);
    half ticked off an item 1 to 5 days ago (some are due a catch-up, the rest have overdue
    work)."""
    draw = random.Random(2025)
    for _ in range(learners):
        yield Profile(
            zone=draw.choice(ZONES),
            study_days=draw.choice(STUDY_DAYS),
            digest_hour=draw.randrange(24),
            weak_areas_off=draw.random() < 0.04,
            lesson=draw.randrange(lessons),
            last_item_days_ago=draw.randint(1, 5),
            last_item_done=draw.random() < 0.5,
        )


def seed(learners: int) -> None:
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from curriculum.models import Activity, Lesson
    from progress.plans.models import Plan, PlanItem, Schedule
    from progress.reminders.models import ReminderSettings

    User = get_user_model()
    password = make_password("benchmark-password")
    lessons = list(Lesson.objects.filter(retired=False).select_related("topic")[:50])
    today = NOW.date()
    drawn = list(profiles(learners, len(lessons)))
    for first in range(0, learners, BATCH):
        batch = list(enumerate(drawn[first : first + BATCH], start=first))
        users = User.objects.bulk_create(
            User(email=f"learner{n}@bench.example", password=password, timezone=p.zone)
            for n, p in batch
        )
        rows = [(p, u) for (_, p), u in zip(batch, users, strict=True)]
        EmailAddress.objects.bulk_create(
            EmailAddress(user=u, email=u.email, verified=True, primary=True) for _, u in rows
        )
        Schedule.objects.bulk_create(
            Schedule(
                user=u,
                study_days=p.study_days,
                minutes_per_day=60,
                start_date=today - timedelta(days=14),
                interview_date=today + timedelta(days=35),
                onboarded_at=NOW - timedelta(days=14),
            )
            for p, u in rows
        )
        plans = Plan.objects.bulk_create(
            Plan(
                user=u,
                start_date=today - timedelta(days=14),
                end_date=today + timedelta(days=30),
                is_active=True,
            )
            for _, u in rows
        )
        ReminderSettings.objects.bulk_create(
            ReminderSettings(
                user=u,
                digest_hour=p.digest_hour,
                daily_cap=3,
                choices={"weak-areas": False} if p.weak_areas_off else {},
            )
            for p, u in rows
        )
        items = []
        for (p, _), plan in zip(rows, plans, strict=True):
            lesson = lessons[p.lesson]
            earlier = today - timedelta(days=p.last_item_days_ago)
            done = PlanItem.Status.DONE if p.last_item_done else PlanItem.Status.PENDING
            completed = datetime.combine(earlier, NOW.timetz()) if p.last_item_done else None
            for day, status, completed_at in (
                (today, PlanItem.Status.PENDING, None),
                (earlier, done, completed),
            ):
                items.append(
                    PlanItem(
                        plan=plan,
                        date=day,
                        key=f"{day.isoformat()}-study-{lesson.pk}",
                        activity=Activity.STUDY,
                        topic=lesson.topic,
                        lesson=lesson,
                        title=lesson.title,
                        minutes=lesson.minutes,
                        status=status,
                        completed_at=completed_at,
                    )
                )
        PlanItem.objects.bulk_create(items)


# --- Sweep and enqueue -----------------------------------------------------------------------


@contextmanager
def counted_queries() -> Iterator[Counter]:
    """Statements sent to the database, by their first word (no cap, unlike the debug log)."""
    from django.db import connection

    counts = Counter()

    def count(execute, sql, params, many, context):
        counts[sql.lstrip().split(None, 1)[0].upper()] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield counts


def timed_sweep(*, dry_run: bool = False, profile: bool = False):
    """The sweep's result, its wall-clock time, its statements and, if asked, its profile."""
    from progress.reminders import services

    profiler = cProfile.Profile() if profile else None
    with counted_queries() as queries:
        began = time.perf_counter()
        if profiler:
            profiler.enable()
        result = services.reminders_sweep(now=NOW, dry_run=dry_run)
        if profiler:
            profiler.disable()
        elapsed = time.perf_counter() - began
    report = ""
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
        report = out.getvalue()
    return result, elapsed, queries, report


def purge() -> int:
    from config.celery import app

    return app.control.purge()


def publish(ids: list[int]) -> float:
    from progress.reminders import tasks

    began = time.perf_counter()
    tasks._publish(ids)
    return time.perf_counter() - began


# --- Worker ----------------------------------------------------------------------------------


@dataclass
class Worker:
    name: str
    process: subprocess.Popen
    log: IO[bytes]

    def wait_ready(self, timeout: float = 90) -> None:
        from config.celery import app

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.fail("the worker exited")
            if app.control.ping(destination=[self.name], timeout=1.0):
                return
        self.fail("the worker did not answer a ping")

    def fail(self, why: str):
        self.log.seek(0)
        sys.stderr.write(self.log.read().decode(errors="replace")[-4000:])
        raise SystemExit(f"Benchmark stopped: {why}.")


@contextmanager
def celery_worker(concurrency: int) -> Iterator[Worker]:
    """`celery worker` as production runs it, in its own process, stopped warmly (SIGTERM)
    whatever happens to the benchmark."""
    name = f"reminders-bench-{os.getpid()}@{socket.gethostname()}"
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        "--pool=prefork",
        f"--concurrency={concurrency}",
        "--loglevel=WARNING",
        "-n",
        name,
    ]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=os.environ.copy(), stdout=log, stderr=subprocess.STDOUT
        )
        try:
            yield Worker(name, process, log)
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def wait_for(handler: CountingHandler, target: int, worker: Worker, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while handler.received < target:
        if time.monotonic() > deadline:
            worker.fail(f"only {handler.received} of {target} messages arrived in {timeout:.0f} s")
        if worker.process.poll() is not None:
            worker.fail("the worker exited")
        time.sleep(0.005)


def worker_rate(
    handler: CountingHandler, ids: list[int], warm_up: list[int], concurrency: int
) -> tuple[float, float, float]:
    """Messages per second from the first publish to the last message received, after a
    warm-up batch (each process's first task imports templates and opens its connection);
    the enqueue time; the worker's CPU seconds an e-mail over the same span."""
    with celery_worker(concurrency) as worker:
        worker.wait_ready()
        warmed = handler.received + len(warm_up)
        publish(warm_up)
        wait_for(handler, warmed, worker, timeout=120)
        target = handler.received + len(ids)
        cpu = cpu_seconds(worker.process.pid)
        began = time.perf_counter()
        enqueue = publish(ids)
        wait_for(handler, target, worker, timeout=max(120, len(ids) / 5))
        elapsed = time.perf_counter() - began
        cpu = cpu_seconds(worker.process.pid) - cpu
    return len(ids) / elapsed, enqueue, cpu / len(ids)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children (the pool's processes), read
    from Linux's /proc; NaN where there is none. Less sensitive than a rate to what else
    runs on the machine."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        ticks = 0
        for process in [pid, *children]:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    except OSError:
        return math.nan
    return ticks / os.sysconf("SC_CLK_TCK")


# --- Run -------------------------------------------------------------------------------------


def main() -> None:
    args = arguments()
    handler = CountingHandler()
    smtp = Controller(handler, hostname="127.0.0.1", port=free_port())
    smtp.start()
    configure(args, smtp.port)
    try:
        run(args, handler, smtp.port)
    finally:
        smtp.stop()
    if args.drop:
        drop_database(args.database_url)
        print(f"dropped database {dj_database_url.parse(args.database_url)['NAME']}")


def run(args: argparse.Namespace, handler: CountingHandler, port: int) -> None:
    name = recreate_database(args.database_url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from curriculum.services import curriculum_load

    # The SMTP server logs every command at INFO, which the project's root logger would print.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0, interactive=False)
    curriculum_load()
    print(f"database {name}, sweep at {NOW:%a %Y-%m-%d %H:%M} UTC")

    began = time.perf_counter()
    seed(args.learners)
    print(f"seeded {args.learners} learners in {time.perf_counter() - began:.1f} s")

    sweep_section(args)
    send_section(args, handler, port)
    connections.close_all()
    if not args.drop:
        print(f"\nthe database {name} is left in place (--drop removes it)")


def sweep_section(args: argparse.Namespace) -> None:
    from progress.reminders.models import Delivery

    print("\nsweep")
    # Reading and deciding alone; it also warms the caches, as the sweep every few minutes does.
    _, selection, selection_queries, _ = timed_sweep(dry_run=True)
    result, elapsed, queries, profile = timed_sweep(profile=args.profile)
    written = Delivery.objects.count()
    skipped = Delivery.objects.exclude(status=Delivery.Status.PENDING).count()
    verdict = "met" if elapsed < SWEEP_TARGET_SECONDS else "MISSED"
    target = f"target < {SWEEP_TARGET_SECONDS:.0f} s: {verdict}"
    if args.profile:
        target = "profiled, so slower: not judged"
    print(f"  learners                   {args.learners:>10}")
    print(
        f"  selection only (dry run)   {selection:>10.2f} s  "
        f"({sum(selection_queries.values())} queries)"
    )
    print(f"  selection + write          {elapsed:>10.2f} s  ({target})")
    print(
        f"  ledger rows written        {written:>10}  ({skipped} skipped, "
        f"{len(result.to_send)} to send)"
    )
    inserts = queries["INSERT"]
    print(
        f"  queries                    {sum(queries.values()):>10}  "
        f"({sum(queries.values()) - inserts} + {inserts} insert statements)"
    )

    purge()
    enqueue = publish(result.to_send)
    in_queue = purge()
    print(
        f"  enqueue                    {enqueue:>10.2f} s  ({len(result.to_send) / enqueue:.0f}"
        f" ids/s in {in_queue} task messages)"
    )

    again, elapsed, queries, _ = timed_sweep()
    new_rows = Delivery.objects.count() - written
    print(
        f"  second sweep               {elapsed:>10.2f} s  ({sum(queries.values())} queries, "
        f"{new_rows} new rows, {len(again.to_send)} to send)"
    )
    if profile:
        print(f"\nprofile of the first sweep\n{profile}")


def send_section(args: argparse.Namespace, handler: CountingHandler, port: int) -> None:
    from django.db import connections
    from django.utils import timezone

    from progress.reminders import content, selectors, services
    from progress.reminders.models import Delivery

    pending = list(
        Delivery.objects.filter(status=Delivery.Status.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    warm = WARM_UP_PER_PROCESS * args.concurrency
    if len(pending) < 2 * args.send + warm:
        sys.exit(f"Only {len(pending)} e-mails are due: seed more learners or send fewer.")
    # Interleaved, so both loops send the same mix of kinds.
    warm_up, rest = pending[:warm], pending[warm : warm + 2 * args.send]
    ids, in_process = rest[0::2], rest[1::2]
    kinds = Counter(Delivery.objects.filter(pk__in=ids).values_list("kind", flat=True))

    # The bare loop sends a real reminder's bytes, as Django's backend would put them.
    message = content.message_for(selectors.delivery_for_sending(ids[0]))
    payload = message.message(policy=email.policy.SMTP).as_bytes()
    sender, to = message.from_email, message.recipients()

    print(
        f"\nsending {args.send} e-mails ({', '.join(f'{n} {k}' for k, n in kinds.most_common())})"
        f" to a local SMTP server; the bare loop's are {len(payload) / 1024:.1f} KiB"
    )
    bare_rate(port, handler, sender, to, payload, min(50, args.send))  # warm up
    before = bare_rate(port, handler, sender, to, payload, args.send)

    # The same work as the task, without Celery, in this process: where the time goes.
    with counted_queries() as queries:
        began = time.perf_counter()
        for delivery_id in in_process:
            services.delivery_send(delivery_id=delivery_id, now=timezone.now())
        service = len(in_process) / (time.perf_counter() - began)
    connections.close_all()

    purge()
    try:
        rate, enqueue, cpu = worker_rate(handler, ids, warm_up, args.concurrency)
    finally:
        purge()
    after = bare_rate(port, handler, sender, to, payload, args.send)
    reference = statistics.mean([before, after])
    sent = Delivery.objects.filter(pk__in=ids, status=Delivery.Status.SENT).count()
    ratio = rate / reference
    verdict = "met" if ratio >= SEND_TARGET_RATIO else "MISSED"
    print(
        f"  bare smtplib loop          {before:>10.0f} /s before, {after:.0f} /s after; "
        f"reference {reference:.0f} /s"
    )
    print(
        f"  delivery_send loop         {service:>10.0f} /s  (one process, no Celery; "
        f"{sum(queries.values()) / len(in_process):.1f} queries an e-mail)"
    )
    print(
        f"  celery worker, prefork {args.concurrency:<3} {rate:>8.0f} /s  (enqueue "
        f"{enqueue:.2f} s; {sent} of {len(ids)} rows marked sent; "
        f"{cpu * 1000:.1f} ms of worker CPU an e-mail)"
    )
    print(
        f"  worker / bare              {ratio:>10.2f}  (target >= {SEND_TARGET_RATIO}: {verdict})"
    )


if __name__ == "__main__":
    main()
