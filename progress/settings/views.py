"""/settings/: the account (name, time zone) for everyone signed in, and the schedule for
a learner with a plan. A user without a plan (a mentor, say) is not sent to onboarding."""

from django.contrib import messages
from django.shortcuts import redirect, render

from accounts.forms import ProfileForm
from accounts.services import user_profile_update
from progress.pages import READ_WRITE, learner_page, saved
from progress.plans import selectors as plan_selectors
from progress.plans import services as plan_services
from progress.plans.forms import ScheduleForm

PROFILE, SCHEDULE = "profile", "schedule"


@learner_page(methods=READ_WRITE, needs_plan=False)
def settings_page(request):
    user, schedule = request.user, plan_selectors.schedule_of(request.access)
    section = request.POST.get("section") if request.method == "POST" else None
    profile_form = ProfileForm(
        request.POST if section == PROFILE else None,
        initial={"display_name": user.display_name, "timezone": user.timezone},
    )
    schedule_form = None
    if schedule is not None:
        schedule_form = ScheduleForm(
            request.POST if section == SCHEDULE else None,
            initial={
                "interview_date": schedule.interview_date,
                "start_date": schedule.start_date,
                "target_role": schedule.target_role,
                "study_days": sorted(schedule.study_weekdays),
                "minutes_per_day": schedule.minutes_per_day,
            },
            today=request.today,
        )
    if section == PROFILE and saved(profile_form, lambda form: _save_profile(user, form)):
        messages.success(request, "Account saved.")
        return redirect("settings:page")
    if (
        section == SCHEDULE
        and schedule_form is not None
        and saved(schedule_form, lambda form: _save_schedule(request, form))
    ):
        messages.success(
            request, "Schedule saved. The plan was rebuilt from today; everything done is kept."
        )
        return redirect("settings:page")
    invalid = any(f is not None and f.is_bound and f.errors for f in (profile_form, schedule_form))
    context = {"profile_form": profile_form, "form": schedule_form, "schedule": schedule}
    return render(request, "progress/settings/page.html", context, status=422 if invalid else 200)


def _save_profile(user, form):
    data = form.cleaned_data
    return user_profile_update(
        user=user, display_name=data["display_name"], timezone_name=data["timezone"]
    )


def _save_schedule(request, form):
    return plan_services.schedule_update(user=request.user, **form.schedule(), today=request.today)
