from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from .. import selectors, services
from ..forms import OnboardingForm


def _today_in(zone_name: str | None):
    try:
        return timezone.localdate(timezone=ZoneInfo(zone_name or "UTC"))
    except (ZoneInfoNotFoundError, ValueError):
        return timezone.localdate(timezone=ZoneInfo("UTC"))


@login_required
def onboarding(request):
    profile = selectors.profile_for(request.user)
    if profile and profile.onboarded_at:
        return redirect("settings")
    topics = selectors.study_topics()
    if request.method == "POST":
        today = _today_in(request.POST.get("timezone"))
        form = OnboardingForm(request.POST, today=today, topics=topics)
        if form.is_valid():
            services.onboarding_complete(
                user=request.user, schedule=form.schedule(), ratings=form.ratings(), today=today
            )
            messages.success(request, "Your plan is ready. Here is today.")
            return redirect("home")
    else:
        today = _today_in(None)
        form = OnboardingForm(
            initial={
                "start_date": today,
                "timezone": "UTC",
                "study_days": [0, 1, 2, 3, 4],
                "minutes_per_day": 60,
            },
            today=today,
            topics=topics,
        )
    return render(request, "progress/onboarding.html", {"form": form})
