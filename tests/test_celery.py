"""The background pipeline: the local file broker and a real worker against Redis."""

import os
import threading

import pytest
from kombu import Connection

from tests.conftest import require


def test_the_local_file_broker_never_hands_a_worker_a_half_written_message(tmp_path):
    options = {
        "data_folder_in": str(tmp_path),
        "data_folder_out": str(tmp_path),
        "processed_folder": str(tmp_path / "done"),
        "control_folder": str(tmp_path / "control"),
    }
    sent = 300
    received = []

    def produce():
        with Connection(
            "filesystem://", transport="config.file_broker:Transport", transport_options=options
        ) as connection:
            queue = connection.SimpleQueue("jobs")
            for n in range(sent):
                queue.put({"n": n})
            queue.close()

    with Connection(
        "filesystem://", transport="config.file_broker:Transport", transport_options=options
    ) as connection:
        queue = connection.SimpleQueue("jobs")
        producer = threading.Thread(target=produce)
        producer.start()
        while len(received) < sent:
            message = queue.get(timeout=10)
            received.append(message.payload["n"])
            message.ack()
        producer.join()
        queue.close()

    assert sorted(received) == list(range(sent))


@pytest.fixture(scope="module")
def celery_worker_on_redis():
    require(bool(os.environ.get("REDIS_URL")), "REDIS_URL is not set: no Redis for a real worker")
    import celery.contrib.testing.tasks  # noqa: F401  (registers the ping the worker check uses)
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    with start_worker(app, pool="solo", perform_ping_check=True, shutdown_timeout=10) as worker:
        yield worker


def test_a_real_worker_runs_the_heartbeat_task(celery_worker_on_redis):
    from progress.tasks import heartbeat

    result = heartbeat.delay()

    assert "T" in result.get(timeout=20)
