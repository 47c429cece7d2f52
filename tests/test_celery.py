"""The background pipeline: the local file broker and a real worker against Redis."""

import threading

from kombu import Connection


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


def test_a_real_worker_runs_the_heartbeat_task(real_worker):
    from progress.tasks import heartbeat

    result = heartbeat.delay()

    assert "T" in result.get(timeout=20)
