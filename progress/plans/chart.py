"""The progress page's week-by-week chart as geometry for an inline SVG: plain Python.

The chart is drawn at its natural size in pixels, not stretched to the page's width: a bar is
as tall for a three-week plan on a desktop as on a phone, and the numbers stay at text size.
A long plan is only ever scaled down, to fit a narrow screen (see .chart in the CSS)."""

from dataclasses import dataclass

PLOT = 120  # the tallest bar, in px
TOP = 16  # room above the tallest bar for its number
BAR = 16  # one bar's width
PAIR_GAP = 3  # between a week's planned and done bars
WEEK = 48  # the width given to each week
LEFT = 6
LABELS = 34  # under the baseline: the week's label and the "now" mark


@dataclass(frozen=True)
class WeekBars:
    week: int
    planned: int
    done: int
    is_current: bool
    x: int  # the left edge of the week's column
    planned_y: int
    planned_h: int
    done_y: int
    done_h: int

    @property
    def done_x(self) -> int:
        return self.planned_x + BAR + PAIR_GAP

    @property
    def planned_x(self) -> int:
        return self.x + (WEEK - 2 * BAR - PAIR_GAP) // 2

    @property
    def middle(self) -> int:
        return self.x + WEEK // 2


@dataclass(frozen=True)
class WeeklyChart:
    weeks: list[WeekBars]
    width: int
    height: int
    baseline: int
    bar: int = BAR
    week_width: int = WEEK

    @property
    def current(self) -> WeekBars | None:
        return next((w for w in self.weeks if w.is_current), None)


def weekly_chart(weeks: list[dict], current_week: int | None) -> WeeklyChart:
    """Bars for each week's planned and done counts ({"week", "planned", "done"}), scaled to
    the busiest week; the week `current_week` is marked as now."""
    peak = max((max(w["planned"], w["done"]) for w in weeks), default=0) or 1
    baseline = TOP + PLOT
    bars = []
    for index, week in enumerate(weeks):
        planned_h = round(PLOT * week["planned"] / peak)
        done_h = round(PLOT * week["done"] / peak)
        bars.append(
            WeekBars(
                week=week["week"],
                planned=week["planned"],
                done=week["done"],
                is_current=week["week"] == current_week,
                x=LEFT + index * WEEK,
                planned_y=baseline - planned_h,
                planned_h=planned_h,
                done_y=baseline - done_h,
                done_h=done_h,
            )
        )
    return WeeklyChart(
        weeks=bars, width=2 * LEFT + WEEK * len(weeks), height=baseline + LABELS, baseline=baseline
    )
