"""The study plan: the schedule and self-ratings it is built from, the generator (a pure
function, planning.py), the today view, the plan page, ticking off, catch-up, progress."""
