from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..access import back_to, onboarded_required


@onboarded_required
def plan(request):
    active = selectors.active_plan_for(request.user)
    return render(
        request,
        "progress/plan.html",
        {"plan": active, "weeks": selectors.plan_weeks(active), "today": request.today},
    )


@require_POST
@onboarded_required
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
