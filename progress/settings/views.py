"""/settings/: the account (name, time zone) for everyone signed in, and the schedule and
self-ratings for a learner with a plan. A user without a plan (a mentor, say) is not sent
to onboarding."""

import functools

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from accounts.forms import ProfileForm
from accounts.services import user_profile_update
from progress.interviews.services import checklist_evenings_follow
from progress.mentoring import selectors as mentoring_selectors
from progress.mentoring import services as mentoring_services
from progress.mentoring.forms import InvitationForm
from progress.mentoring.models import Mentorship
from progress.pages import READ_WRITE, cached_body, draw, drawn_page, learner_page, saved
from progress.plans import selectors as plan_selectors
from progress.plans import services as plan_services
from progress.plans.forms import RatingsForm, ScheduleForm
from progress.reminders import selectors as reminder_selectors
from progress.reminders import services as reminder_services
from progress.reminders.forms import ReminderSettingsForm

TITLE, SECTIONS = "Settings", "progress/settings/sections.html"
PROFILE, SCHEDULE, RATINGS = "profile", "schedule", "ratings"
REMINDERS, MENTORS = "reminders", "mentors"


@learner_page(methods=READ_WRITE, needs_plan=False)
def settings_page(request):
    schedule = plan_selectors.schedule_of_signed_in(request.user)
    if request.method != "POST":
        # Drawn once per change of the learner's data (their posts, their mentors' link
        # changes and an unsubscribe link raise its version) and kept at most a minute, for
        # what moves without them: "last looked", an address confirmed.
        request.schedule = schedule
        sections = functools.partial(_sections, request, schedule, None)
        body = cached_body(request, SECTIONS, sections, by_the_minute=True)
        return drawn_page(request, title=TITLE, body=body)
    user = request.user
    section = request.POST.get("section") if request.method == "POST" else None
    context = _sections(request, schedule, section)
    profile_form, schedule_form = context["profile_form"], context["form"]
    ratings_form, reminders_form = context["ratings_form"], context["reminders_form"]
    mentor_form = context["mentor_form"]
    if section == REMINDERS and saved(reminders_form, lambda form: _save_reminders(user, form)):
        messages.success(request, "Reminder preferences saved.")
        return redirect(reverse("settings:page") + "#reminders")
    if section == MENTORS and saved(mentor_form, lambda form: _invite_mentor(user, form)):
        messages.success(request, f"Invitation sent to {mentor_form.cleaned_data['email']}.")
        return redirect(reverse("settings:page") + "#mentors")
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
    if (
        section == RATINGS
        and ratings_form is not None
        and saved(ratings_form, lambda form: _save_ratings(request, form))
    ):
        messages.success(
            request, "Ratings saved. The plan was rebuilt from today; everything done is kept."
        )
        return redirect(reverse("settings:page") + "#ratings")
    forms = (profile_form, schedule_form, ratings_form, reminders_form, mentor_form)
    invalid = any(f is not None and f.is_bound and f.errors for f in forms)
    body = draw(request, SECTIONS, context)
    return drawn_page(request, title=TITLE, body=body, status=422 if invalid else 200)


def _sections(request, schedule, section: str | None) -> dict:
    """Every section's form, bound to the post for the one posted (`section`)."""
    user = request.user
    data = request.POST if section else None
    profile_form = ProfileForm(
        data if section == PROFILE else None,
        initial={"display_name": user.display_name, "timezone": user.timezone},
    )
    schedule_form = ratings_form = None
    if schedule is not None:
        schedule_form = ScheduleForm(
            data if section == SCHEDULE else None,
            initial={
                "interview_date": schedule.interview_date,
                "follows_interviews": schedule.follows_interviews,
                "start_date": schedule.start_date,
                "target_role": schedule.target_role,
                "study_days": sorted(schedule.study_weekdays),
                "minutes_per_day": schedule.minutes_per_day,
            },
            today=request.today,
        )
        ratings_form = RatingsForm(
            data if section == RATINGS else None,
            topics=plan_selectors.study_topics(),
            ratings=plan_selectors.rating_ids_for(user),
        )
    return {
        "profile_form": profile_form,
        "form": schedule_form,
        "ratings_form": ratings_form,
        "schedule": schedule,
        "reminders_form": ReminderSettingsForm(
            data if section == REMINDERS else None,
            initial=ReminderSettingsForm.initial_from(reminder_selectors.settings_of(user)),
        ),
        "reminders_blocked": reminder_selectors.why_no_reminders(user),
        "mentor_form": InvitationForm(data if section == MENTORS else None),
        "mentor_links": mentoring_selectors.links_of_mentee(user),
    }


def _save_profile(user, form):
    data = form.cleaned_data
    updated = user_profile_update(
        user=user, display_name=data["display_name"], timezone_name=data["timezone"]
    )
    # "The evening before" is the learner's evening: a new zone moves those items.
    checklist_evenings_follow(user=updated)
    return updated


def _save_schedule(request, form):
    return plan_services.schedule_update(user=request.user, **form.schedule(), today=request.today)


def _save_ratings(request, form):
    return plan_services.ratings_update(
        user=request.user, ratings=form.ratings(), today=request.today
    )


def _save_reminders(user, form):
    data = form.cleaned_data
    return reminder_services.reminder_settings_update(
        user=user,
        digest_hour=data["digest_hour"],
        daily_cap=data["daily_cap"],
        kinds_on=set(data["kinds"]),
        unsubscribed_all=data["unsubscribed_all"],
    )


def _invite_mentor(user, form):
    return mentoring_services.mentorship_invite(
        inviter=user, email=form.cleaned_data["email"], inviter_side=Mentorship.Side.MENTEE
    )
