"""`make run`'s programs stop once, cleanly, on Ctrl+C (the run script, as make starts it)."""

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import require

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "run-local.sh"
VENV_BIN = ROOT / ".venv" / "bin"
READY = ("Quit the server with CONTROL-C", "celery@", "beat: Starting")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _processes_marked(mark: str) -> list[int]:
    """Live processes started by this test (they inherit the mark in their environment)."""
    entry = f"RUN_LOCAL_TEST={mark}".encode()
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            marked = entry in (proc / "environ").read_bytes().split(b"\0")
            zombie = (proc / "stat").read_text().rsplit(") ", 1)[1].startswith("Z")
        except OSError:  # gone meanwhile, or another user's
            continue
        if marked and not zombie:
            found.append(int(proc.name))
    return found


def _wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def local_run(tmp_path):
    """The run script started as `make run` starts it, in a process group of its own as a
    terminal's foreground job is, on throwaway files: SQLite and the file broker in tmp_path."""
    require(shutil.which("setsid") is not None, "setsid (util-linux) is not installed")
    mark = uuid.uuid4().hex
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL")}
    env |= {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "VAR_DIR": str(tmp_path),
        "RUN_LOCAL_TEST": mark,
        "PYTHONUNBUFFERED": "1",
    }
    log = tmp_path / "run.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["bash", str(SCRIPT), str(VENV_BIN), f"127.0.0.1:{_free_port()}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process, log, mark
    finally:
        # Whatever the test's outcome, nothing it started outlives it.
        for pid in _processes_marked(mark):
            os.kill(pid, signal.SIGKILL)
        process.wait(timeout=10)


def test_ctrl_c_stops_the_web_app_worker_and_beat_once_and_cleanly(local_run):
    process, log, mark = local_run
    started = _wait_for(lambda: all(word in log.read_text() for word in READY), 60)
    assert started, log.read_text()[-3000:]
    before = len(log.read_text())

    # Ctrl+C: the terminal sends SIGINT to its foreground process group.
    os.killpg(process.pid, signal.SIGINT)
    code = process.wait(timeout=30)

    after = log.read_text()[before:]
    assert code == 0, after
    assert len(re.findall("Warm shutdown", after)) == 1, after
    assert "Segmentation fault" not in after
    assert len(after.splitlines()) < 10, after
    assert _wait_for(lambda: _processes_marked(mark) == [], 5), "a program outlived the stop"


def test_when_one_program_fails_the_others_are_stopped_too(local_run):
    process, log, mark = local_run
    assert _wait_for(lambda: all(word in log.read_text() for word in READY), 60)
    server = next(
        pid
        for pid in _processes_marked(mark)
        if b"runserver" in Path(f"/proc/{pid}/cmdline").read_bytes()
    )

    os.killpg(server, signal.SIGKILL)  # the web app dies (as on a crash)
    code = process.wait(timeout=30)

    assert code != 0
    assert "a program stopped" in log.read_text()
    assert _wait_for(lambda: _processes_marked(mark) == [], 5), "a program outlived the stop"
