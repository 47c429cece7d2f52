"""Time the plan generator on the real curriculum: a 4-week and a 6-month plan.

    .venv/bin/python benchmarks/plan_generation.py [--runs 200]

No database and no Django settings: the curriculum is read from the content files, exactly as
the property tests do, and `progress.planning.generate_plan` is a pure function.
"""

import argparse
import statistics
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from curriculum.content_files import read_content  # noqa: E402
from progress.plans import planning  # noqa: E402

CONTENT_DIR = ROOT / "curriculum" / "content"
START = date(2025, 3, 3)  # a Monday


def material():
    content = read_content(CONTENT_DIR)
    template, topics = planning.material_from_content(content)
    ratings = {t["slug"]: 1 + n % 5 for n, t in enumerate(content.topics) if t["kind"] == "study"}
    return template, topics, ratings


def scenarios():
    template, topics, ratings = material()

    def plan(interview_in_days: int) -> planning.PlanInput:
        return planning.PlanInput(
            template=template,
            topics=topics,
            start=START,
            end=planning.default_end(START, START + timedelta(days=interview_in_days)),
            study_days=frozenset(range(5)),
            minutes_per_day=60,
            ratings=ratings,
        )

    return {"4 weeks": plan(28), "6 months": plan(182)}


def measure(data: planning.PlanInput, runs: int) -> dict:
    planning.generate_plan(data)  # warm up
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        items = planning.generate_plan(data)
        times.append(time.perf_counter() - began)
    tracemalloc.start()
    planning.generate_plan(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    times.sort()
    return {
        "items": len(items),
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": times[min(len(times) - 1, round(0.95 * len(times)) - 1)] * 1000,
        "peak_kib": peak / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="timed runs per plan (200)")
    runs = parser.parse_args().runs
    print(f"generate_plan, Monday to Friday, 60 min a day, {runs} runs each")
    print(f"{'plan':<10} {'items':>6} {'median ms':>10} {'p95 ms':>8} {'peak KiB':>9}")
    for name, data in scenarios().items():
        r = measure(data, runs)
        print(
            f"{name:<10} {r['items']:>6} {r['median_ms']:>10.2f} {r['p95_ms']:>8.2f}"
            f" {r['peak_kib']:>9.0f}"
        )


if __name__ == "__main__":
    main()
