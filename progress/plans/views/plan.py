from django.contrib import messages
from django.shortcuts import redirect, render

from progress.pages import WRITE, back_to, learner_page

from .. import selectors, services


@learner_page()
def plan(request):
    active = selectors.plan_of(request.access)
    return render(
        request,
        "progress/plans/plan.html",
        {"plan": active, "weeks": selectors.plan_weeks(active), "today": request.today},
    )


@learner_page(methods=WRITE)
def catch_up(request):
    moved, left = services.plan_catch_up(user=request.user, today=request.today)
    if moved:
        messages.success(
            request, f"{moved} missed item{'s' * (moved != 1)} spread over the coming days."
        )
    if left:
        messages.warning(
            request,
            f"{left} item{'s' * (left != 1)} did not fit before your end date; "
            "skip them or add study time in settings.",
        )
    if not moved and not left:
        messages.info(request, "Nothing to catch up: you are on track.")
    return redirect(back_to(request))
