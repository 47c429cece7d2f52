"""What the page benchmarks (pages.py, load.py) share: production settings on a database of
their own, the database prepared as a deployment prepares it, signed-in sessions made
without the rate-limited login form, gunicorn started for the run, and plain HTTP requests
that carry the headers a browser behind the TLS proxy would.

Not a script: `pages.py` and `load.py` import it (the folder of the script being run is on
`sys.path`).
"""

import gzip
import hashlib
import http.client
import io
import os
import socket
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

import databases
import dj_database_url

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PASSWORD = "benchmark-password-not-a-secret"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/7"
PORTS = range(8701, 8721)  # the first free one is taken unless --port says otherwise
# What the TLS-terminating proxy adds, and what a browser sends.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
BROWSER_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
    "Accept-Encoding": "gzip",
    "User-Agent": "interview-prep-benchmark",
}


def add_server_arguments(parser, *, database: str) -> None:
    """The options both scripts take for the server and its database."""
    parser.add_argument(
        "--database-url",
        default=f"postgres://postgres@127.0.0.1:5432/{database}",
        help=f"dropped and created afresh unless --url is given; the name must contain "
        f"'bench' (default {database})",
    )
    parser.add_argument(
        "--redis-url", default=DEFAULT_REDIS_URL, help=f"cache and broker ({DEFAULT_REDIS_URL})"
    )
    parser.add_argument(
        "--url",
        help="measure a server already running with production settings on --database-url "
        "and --redis-url (e.g. http://127.0.0.1:8701) instead of starting gunicorn; the "
        "database is then not dropped, only the learners are added",
    )
    parser.add_argument(
        "--port",
        type=int,
        help=f"gunicorn's port on 127.0.0.1 (the first free one from {PORTS[0]} to {PORTS[-1]})",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2)")
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")


# --- Settings and database -------------------------------------------------------------------


def configure(database_url: str, redis_url: str) -> None:
    """Production settings with dummy secrets, for this process and the server it starts."""
    if "bench" not in dj_database_url.parse(database_url)["NAME"]:
        sys.exit("The benchmark's database name must contain 'bench'.")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        SECRET_KEY="benchmark-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL="https://127.0.0.1",
        EMAIL_HOST="localhost",
        # The benchmark is one client on loopback: no proxy appends to X-Forwarded-For.
        TRUSTED_PROXY_COUNT="0",
    )
    os.environ.pop("TRUSTED_CLIENT_IP_HEADER", None)
    # The server must import this tree's code, not whatever an editable install points at.
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    )


def setup_django() -> None:
    import django

    django.setup()
    import progress

    # A tree checked out elsewhere (an older commit, say) must measure its own code.
    where = Path(progress.__file__).resolve()
    if ROOT not in where.parents:
        sys.exit(f"progress is imported from {where}, outside this tree: set PYTHONPATH.")


def prepare(*, fresh: bool) -> None:
    """What a deployment runs before gunicorn starts (migrate, collectstatic, the curriculum),
    then the demo accounts. With `fresh` False (a server already running) only the demo
    accounts are (re)seeded: `seed_demo` keeps what exists."""
    from django.core.management import call_command

    out = io.StringIO()
    if fresh:
        call_command("migrate", interactive=False, verbosity=0, stdout=out)
        call_command("collectstatic", interactive=False, verbosity=0, stdout=out)
        call_command("load_curriculum", stdout=out, stderr=out)
    call_command("seed_demo", password=PASSWORD, stdout=out)


def server_imports_from(env: dict | None = None) -> Path:
    """Where a Python started as the server is started (same environment, same folder)
    imports the project from: checked once, so a run on another tree measures that tree."""
    done = subprocess.run(
        [sys.executable, "-c", "import progress; print(progress.__file__)"],
        cwd=ROOT,
        env=env or os.environ.copy(),
        capture_output=True,
        text=True,
        check=True,
    )
    where = Path(done.stdout.strip()).resolve()
    if ROOT not in where.parents:
        sys.exit(f"the server would import progress from {where}, outside this tree.")
    return where.parent


def machine() -> str:
    """What else the machine is doing: the numbers depend on it."""
    load = os.getloadavg()[0]
    return f"{os.cpu_count()} CPUs, load average {load:.2f} over the last minute"


# --- Sessions ----------------------------------------------------------------------------------


def session_for(user) -> str:
    """A signed-in session for `user`, as the session engine in use stores it: the value of
    the session cookie the server will read."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def session_cookie(session: str, csrf: str | None = None) -> str:
    """The cookies a browser signed in with this session sends: the session and the CSRF
    secret the server set on its first page (the same one on every request, as a browser
    keeps it; pages cache their forms per secret)."""
    from django.conf import settings

    csrf = csrf or hashlib.sha256(session.encode()).hexdigest()[:32]
    return f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={csrf}"


def in_process_client(user=None):
    """A test client in this process with the server's settings and database: an HTTPS
    request (as the proxy says) to an allowed host, signed in as `user` if given."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", headers={"accept-encoding": "gzip"})
    if user is not None:
        client.force_login(user)
    return client


# --- Server ----------------------------------------------------------------------------------


def free_port(wanted: int | None) -> int:
    for port in [wanted] if wanted else PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    sys.exit(f"No free port: {wanted or f'{PORTS[0]}-{PORTS[-1]}'} on 127.0.0.1 is taken.")


@dataclass
class Server:
    base: str  # http://127.0.0.1:port
    process: subprocess.Popen | None = None
    log: IO[bytes] | None = None

    @property
    def host(self) -> str:
        return urlsplit(self.base).hostname or "127.0.0.1"

    @property
    def port(self) -> int:
        return urlsplit(self.base).port or 80

    def fail(self, why: str):
        if self.log is not None:
            self.log.seek(0)
            sys.stderr.write(self.log.read().decode(errors="replace")[-4000:])
        raise SystemExit(f"Benchmark stopped: {why}.")

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                self.fail("gunicorn exited")
            try:
                if request(self, "GET", "/healthz/").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.fail(f"{self.base}/healthz/ did not answer 200 in {timeout:.0f} s")


@contextmanager
def gunicorn(port: int | None, workers: int) -> Iterator[Server]:
    """gunicorn as production runs it (config.wsgi, sync workers), bound to loopback, in its
    own process, stopped (SIGTERM, then SIGKILL) whatever happens to the benchmark."""
    port = free_port(port)
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--chdir",
        str(ROOT),
        "--timeout",
        "120",
        "--log-level",
        "warning",
    ]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=os.environ.copy(), stdout=log, stderr=subprocess.STDOUT
        )
        server = Server(f"http://127.0.0.1:{port}", process, log)
        try:
            server.wait_ready()
            yield server
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


@contextmanager
def server_for(args) -> Iterator[Server]:
    """The server to measure: the one at --url, or gunicorn started for the run."""
    if args.url:
        server = Server(args.url.rstrip("/"))
        if server.host not in {"127.0.0.1", "localhost"}:
            sys.exit("--url must be a server on 127.0.0.1 (the benchmark is bound to loopback).")
        server.wait_ready(timeout=10)
        yield server
    else:
        with gunicorn(args.port, args.workers) as server:
            yield server


def describe(args) -> str:
    """The server measured, in a few words."""
    if args.url:
        return "already running (its code and settings are its own)"
    code = server_imports_from().parent
    return f"gunicorn, {args.workers} sync workers, production settings, code from {code}"


# --- HTTP ------------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes  # as sent (compressed if Content-Encoding says so)
    seconds: float  # from sending the request to the last byte of the body
    location: str = ""
    html_bytes: int = field(init=False)

    def __post_init__(self):
        self.html_bytes = len(decoded(self.body, self.headers.get("content-encoding", "")))


def decoded(body: bytes, encoding: str) -> bytes:
    encoding = encoding.strip().lower()
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding == "deflate":
        return zlib.decompress(body)
    return body


def request(
    server: Server,
    method: str,
    path: str,
    *,
    cookie: str = "",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 120,
) -> Response:
    """One request on a new connection (gunicorn's sync workers close it after each
    response), with the proxy's and a browser's headers; cookies are given, never kept."""
    sent = {**PROXY_HEADERS, **BROWSER_HEADERS, **(headers or {})}
    if cookie:
        sent["Cookie"] = cookie
    connection = http.client.HTTPConnection(server.host, server.port, timeout=timeout)
    try:
        began = time.perf_counter()
        connection.request(method, path, body=body, headers=sent)
        answer = connection.getresponse()
        data = answer.read()
        seconds = time.perf_counter() - began
    finally:
        connection.close()
    answer_headers = {k.lower(): v for k, v in answer.getheaders()}
    return Response(
        answer.status, answer_headers, data, seconds, answer_headers.get("location", "")
    )


def tear_down(args, name: str) -> None:
    """What both scripts do last: drop the run's database if asked (--drop), else say it is
    left in place (a server measured with --url keeps its database either way)."""
    from django.db import connections

    if args.drop:
        connections.close_all()
        databases.drop_database(args.database_url)
        print(f"dropped database {name}")
    elif not args.url:
        print(f"the database {name} is left in place (--drop removes it)")


def set_up(args) -> str:
    """What both scripts do first: production settings on the run's database (made afresh
    unless a running server is measured, `--url`), Django set up, the database prepared and
    seeded. Returns the database's name."""
    configure(args.database_url, args.redis_url)
    if not args.url:
        databases.recreate_database(args.database_url)
    setup_django()
    prepare(fresh=not args.url)
    return dj_database_url.parse(args.database_url)["NAME"]
