"""The progress page: charts drawn as inline SVG by the app itself (no script, no CDN)."""

from django.shortcuts import render

from progress.pages import learner_page
from progress.weak_areas.selectors import weak_areas_for

from .. import selectors

CHART_HEIGHT = 160
BASELINE = CHART_HEIGHT + 20  # room above the tallest bar for its number


@learner_page()
def progress(request):
    access = request.access
    plan = selectors.plan_of(access)
    weeks = selectors.weekly_planned_vs_done(plan)
    peak = max((w["planned"] for w in weeks), default=0) or 1
    for week in weeks:
        week["planned_h"] = round(CHART_HEIGHT * week["planned"] / peak)
        week["done_h"] = round(CHART_HEIGHT * week["done"] / peak)
        week["planned_y"] = BASELINE - week["planned_h"]
        week["done_y"] = BASELINE - week["done_h"]
        week["x"] = 40 + (week["week"] - 1) * 56
    ratings = selectors.ratings_for(access.learner)
    completion = selectors.topic_completion(plan)
    topics = [
        {
            "topic": topic,
            "completion": completion.get(topic.pk),
            "rating": ratings.get(topic.slug),
        }
        for topic in selectors.study_topics()
    ]
    context = {
        "weeks": weeks,
        "chart_width": 60 + 56 * len(weeks),
        "chart_height": CHART_HEIGHT,
        "baseline": BASELINE,
        "topics": topics,
        "overall": selectors.completion(plan),
        "weak_areas": weak_areas_for(access.learner, request.today),
    }
    return render(request, "progress/plans/progress.html", context)
