"""The progress page: charts drawn as inline SVG by the app itself (no script, no CDN)."""

from django.shortcuts import render

from progress.pages import learner_page
from progress.weak_areas.selectors import weak_areas_for

from .. import selectors, stats
from ..chart import weekly_chart


@learner_page()
def progress(request):
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
        "overall": selectors.completion(plan),
        "plan_start": plan.start_date,
        "week": this_week,
        "weak_areas": weak_areas_for(access.learner, request.today),
    }
    return render(request, "progress/plans/progress.html", context)
