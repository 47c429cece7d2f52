from django.contrib import messages
from django.shortcuts import redirect, render

from .. import services
from ..access import onboarded_required
from ..forms import ScheduleForm


@onboarded_required
def settings_page(request):
    profile = request.profile
    if request.method == "POST":
        form = ScheduleForm(request.POST, today=request.today)
        if form.is_valid():
            services.schedule_update(
                user=request.user, schedule=form.schedule(), today=request.today
            )
            messages.success(
                request, "Schedule saved. The plan was rebuilt from today; everything done is kept."
            )
            return redirect("settings")
    else:
        form = ScheduleForm(
            initial={
                "interview_date": profile.interview_date,
                "start_date": profile.start_date,
                "timezone": profile.timezone,
                "target_role": profile.target_role,
                "study_days": sorted(profile.study_weekdays),
                "minutes_per_day": profile.minutes_per_day,
            },
            today=request.today,
        )
    return render(request, "progress/settings.html", {"form": form, "profile": profile})
