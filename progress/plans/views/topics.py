"""The learner's own panel on a topic page. The curriculum knows nothing of learners: its
topic page loads this panel (htmx, or a link without JavaScript)."""

from django.shortcuts import render

from curriculum.selectors import topic_for_reading
from progress.pages import learner_page

from .. import selectors


@learner_page(needs_plan=False)
def topic_panel(request, slug):
    topic = topic_for_reading(slug)
    context = {"topic": topic, "mine": selectors.topic_progress(request.access, topic)}
    template = "progress/plans/topic_panel.html"
    if not request.htmx:
        template = "progress/plans/topic_mine.html"
    return render(request, template, context)
