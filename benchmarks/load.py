"""Throughput of `/` and `/plan/` under load (wrk), beside the bare view on the same workers.

Requests per second and the 95th percentile, signed in, at 2, 8 and 32 connections.

    .venv/bin/python benchmarks/load.py [--duration 8] [--connections 2,8,32]
        [--learners large] [--timeout 30]
        [--database-url postgres://postgres@127.0.0.1:5432/interview_prep_pagesbench_load]
        [--redis-url redis://127.0.0.1:6379/7] [--port 8701] [--workers 2]
        [--url http://127.0.0.1:8701] [--drop] [--wrk wrk]

Needs PostgreSQL, Redis and wrk. The server is prepared as benchmarks/pages.py prepares it
(a database of its own, dropped and created afresh, the demo accounts and the large
learner, gunicorn with production settings on 127.0.0.1), or --url names one running.
Each run is wrk for --duration seconds with min(connections, 2) threads; a small Lua script
reports the 95th percentile and every answer that is not 2xx, beside wrk's socket errors.
--learners large,demo adds the demo learner's pages. The runs for one connection count
follow each other (the bare view first), so each page is compared with the bare view
measured just before it. Target: `/` at least 10% of the bare view's throughput, 0 errors.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

import seeding
import serving

DEFAULT_DATABASE = "interview_prep_pagesbench_load"
HOME_TARGET = 0.10  # `/`'s throughput over the bare view's
WARM_UP_REQUESTS = 4  # per page, before wrk: each worker has served it

# Each wrk thread counts the answers that are not 2xx (wrk itself counts only >= 400, so a
# redirect to the login page would pass unseen); done() sums them and prints one line.
REPORT_LUA = """
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    not_2xx = not_2xx + 1
  end
end

function done(summary, latency, requests)
  local not_2xx = 0
  for _, thread in ipairs(threads) do
    not_2xx = not_2xx + thread:get("not_2xx")
  end
  local e = summary.errors
  io.write(string.format(
    "REPORT requests=%d duration_us=%d p50_us=%d p95_us=%d max_us=%d not_2xx=%d " ..
    "connect=%d read=%d write=%d timeout=%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency.max, not_2xx, e.connect, e.read, e.write, e.timeout))
end
"""


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=8, help="seconds per wrk run (8)")
    parser.add_argument(
        "--connections", default="2,8,32", help="connection counts, comma-separated (2,8,32)"
    )
    parser.add_argument(
        "--learners",
        default="large",
        help="whose / and /plan/: large, demo or large,demo (large)",
    )
    parser.add_argument("--timeout", type=int, default=30, help="wrk's request timeout, s (30)")
    parser.add_argument("--wrk", default="wrk", help="the wrk program (wrk on PATH)")
    serving.add_server_arguments(parser, database=DEFAULT_DATABASE)
    args = parser.parse_args()
    args.connections = [int(c) for c in args.connections.split(",")]
    args.learners = [name.strip() for name in args.learners.split(",")]
    if not set(args.learners) <= {"large", "demo"} or not args.learners:
        parser.error("--learners takes large, demo or both")
    if shutil.which(args.wrk) is None:
        parser.error(f"{args.wrk} is not installed (or not on PATH)")
    return args


@dataclass
class Target:
    label: str
    path: str
    cookie: str = ""
    alone: float = 0.0  # seconds one request takes on an idle server (from the warm-up)


@dataclass
class Run:
    target: Target
    connections: int
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    max_ms: float
    not_2xx: int
    socket_errors: int

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    @property
    def errors(self) -> int:
        return self.not_2xx + self.socket_errors


def wrk(args, server: serving.Server, target: Target, connections: int, script: str) -> Run:
    headers = {**serving.PROXY_HEADERS, **serving.BROWSER_HEADERS}
    if target.cookie:
        headers["Cookie"] = target.cookie
    command = [
        args.wrk,
        "-t",
        str(min(connections, 2)),
        "-c",
        str(connections),
        "-d",
        f"{args.duration}s",
        "--timeout",
        f"{args.timeout}s",
        "-s",
        script,
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"{server.base}{target.path}")
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=args.duration + args.timeout + 30
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("REPORT ")), None)
    if done.returncode != 0 or line is None:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"Benchmark stopped: wrk failed on {target.path}.")
    values = dict(pair.split("=") for pair in line.split()[1:])
    number = {k: int(v) for k, v in values.items()}
    return Run(
        target,
        connections,
        number["requests"],
        number["duration_us"] / 1e6,
        number["p50_us"] / 1000,
        number["p95_us"] / 1000,
        number["max_us"] / 1000,
        number["not_2xx"],
        number["connect"] + number["read"] + number["write"] + number["timeout"],
    )


def targets(learners: list[str]) -> list[Target]:
    """The bare view, then `/` and `/plan/` for each learner asked for, signed in."""
    users = {"large": seeding.large_learner(), "demo": seeding.demo_accounts()["learner"]}
    chosen = [Target("bare view", "/healthz/")]
    for name in learners:
        cookie = serving.session_cookie(serving.session_for(users[name]))
        chosen += [Target(f"{name} learner", path, cookie) for path in ("/", "/plan/")]
    return chosen


def check_and_warm(server: serving.Server, chosen: list[Target]) -> None:
    """Every page answers 200 to its session before wrk starts, and each worker has served
    it once (the first request of a process imports and fills its caches); the last
    request's time is the page's time alone."""
    for target in chosen:
        for _ in range(WARM_UP_REQUESTS):
            answer = serving.request(server, "GET", target.path, cookie=target.cookie)
            if answer.status != 200:
                where = f" to {answer.location}" if answer.location else ""
                raise SystemExit(
                    f"Benchmark stopped: {target.path} ({target.label}) answered "
                    f"{answer.status}{where}."
                )
        target.alone = answer.seconds


def settle(server: serving.Server, after: Target, timeout: float = 300) -> None:
    """Wait for the requests wrk left behind: it stops with requests still queued at the
    server, which the workers go on serving. Once a bare request is answered at once the
    queue is empty; then each worker may still be on one request of the page just run."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if serving.request(server, "GET", "/healthz/").seconds < 0.05:
            break
        time.sleep(0.1)
    time.sleep(min(10.0, 1.5 * after.alone))


def main() -> None:
    began = time.monotonic()
    args = arguments()
    name = serving.set_up(args)
    chosen = targets(args.learners)
    print(f"database {name}: prepared and seeded in {time.monotonic() - began:.1f} s")
    print(f"large learner: {seeding.large_learner_summary(seeding.large_learner())}")

    from django.db import connections

    connections.close_all()
    runs: list[Run] = []
    with (
        tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script,
        serving.server_for(args) as server,
    ):
        script.write(REPORT_LUA)
        script.close()
        try:
            print(f"server {server.base}: {serving.describe(args)}")
            print(f"machine: {serving.machine()}")
            check_and_warm(server, chosen)
            print(
                f"wrk: {args.duration} s a run, threads = min(connections, 2), "
                f"timeout {args.timeout} s; {len(chosen) * len(args.connections)} runs"
            )
            for connections_count in args.connections:
                for target in chosen:
                    runs.append(wrk(args, server, target, connections_count, script.name))
                    settle(server, target)
        finally:
            os.unlink(script.name)
    report(runs, time.monotonic() - began)
    serving.tear_down(args, name)


def report(runs: list[Run], elapsed: float) -> None:
    print(f"\nthe whole run took {elapsed:.0f} s")
    print(f"machine at the end: {serving.machine()}")
    print(
        f"\n{'page':<26} {'conns':>5} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'max ms':>8} {'errors':>6} {'x bare':>7}"
    )
    bare = {r.connections: r for r in runs if r.target.path == "/healthz/"}
    for run in runs:
        label = f"{run.target.path} ({run.target.label})"
        share = run.rate / bare[run.connections].rate
        errors = f"{run.errors}" if not run.errors else f"{run.not_2xx}+{run.socket_errors}"
        print(
            f"{label:<26} {run.connections:>5} {run.requests:>8} {run.rate:>8.1f} "
            f"{run.p50_ms:>8.1f} {run.p95_ms:>8.1f} {run.max_ms:>8.1f} {errors:>6} {share:>7.3f}"
        )
    print("(errors: answers that are not 2xx + socket errors, connect, read, write or timeout)")

    print(f"\n{'goal':<66} {'measured':<10} result")
    for run in runs:
        if run.target.path != "/":
            continue
        share = run.rate / bare[run.connections].rate
        text = (
            f"/ ({run.target.label}) at {run.connections} connections: "
            f">= {HOME_TARGET:.0%} of the bare view"
        )
        print(f"{text:<66} {share:<10.1%} {'pass' if share >= HOME_TARGET else 'FAIL'}")
    errors = sum(r.errors for r in runs)
    text = "no errors in any run"
    print(f"{text:<66} {errors:<10} {'pass' if not errors else 'FAIL'}")


if __name__ == "__main__":
    main()
