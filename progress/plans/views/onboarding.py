from django.contrib import messages
from django.shortcuts import redirect, render

from accounts.zones import today_in
from progress.pages import READ_WRITE, learner_page, saved

from .. import selectors, services
from ..forms import OnboardingForm


@learner_page(methods=READ_WRITE, needs_plan=False)
def onboarding(request):
    if selectors.schedule_of(request.access) is not None:
        return redirect("settings:page")
    topics = selectors.study_topics()
    user = request.user
    if request.method == "POST":
        # "Today" is the date in the zone the learner is choosing now.
        today = today_in(request.POST.get("timezone", ""))
        form = OnboardingForm(request.POST, today=today, topics=topics)

        def complete(form):
            return services.onboarding_complete(
                user=user,
                **form.schedule(),
                timezone_name=form.cleaned_data["timezone"],
                ratings=form.ratings(),
                today=today,
            )

        if saved(form, complete):
            messages.success(request, "Your plan is ready. Here is today.")
            return redirect("plans:home")
    else:
        form = OnboardingForm(
            initial={
                "start_date": request.today,
                "timezone": user.timezone,
                "study_days": [0, 1, 2, 3, 4],
                "minutes_per_day": 60,
            },
            today=request.today,
            topics=topics,
        )
    status = 422 if form.errors else 200
    return render(request, "progress/plans/onboarding.html", {"form": form}, status=status)
