from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import selectors
from .models import Topic


@require_safe
@login_required
def topic_list(request):
    topics = selectors.topics_for_browsing()
    kinds = dict(Topic.Kind.choices)
    groups = [(kinds[kind], list(rows)) for kind, rows in groupby(topics, key=lambda t: t.kind)]
    return render(request, "curriculum/topic_list.html", {"groups": groups})


@require_safe
@login_required
def topic_detail(request, slug):
    topic = selectors.topic_with_content(slug)
    return render(request, "curriculum/topic_detail.html", {"topic": topic})


@require_safe
@login_required
def plan_template(request):
    return render(
        request, "curriculum/plan_template.html", {"weeks": selectors.plan_template_weeks()}
    )


@require_safe
@login_required
def checklists(request):
    return render(request, "curriculum/checklists.html", {"phases": selectors.checklist_phases()})


@require_safe
@login_required
def concepts(request):
    return render(request, "curriculum/concepts.html", {"cards": selectors.review_cards()})
