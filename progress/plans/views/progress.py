"""The progress page: charts drawn as inline SVG by the app itself (no script, no CDN)."""

from django.shortcuts import render

from progress.pages import cached_part, learner_page

from .. import selectors, stats
from ..chart import weekly_chart
from .today import cached_summary, cached_weak_areas


@learner_page()
def progress(request):
    main = cached_part(
        request, "progress/plans/partials/progress_main.html", lambda: _figures(request)
    )
    return render(request, "progress/plans/progress.html", {"main": main})


def _figures(request) -> dict:
    access = request.access
    plan = selectors.plan_of(access)
    this_week = stats.plan_week(plan.start_date, request.today)
    chart = weekly_chart(selectors.weekly_planned_vs_done(plan), current_week=this_week.number)
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
        "chart": chart,
        "topics": topics,
        "overall": cached_summary(request, plan)["overall"],
        "plan_start": plan.start_date,
        "week": this_week,
        "weak_areas": cached_weak_areas(request),
    }
    return context
