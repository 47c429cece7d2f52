from django.contrib import messages
from django.shortcuts import redirect, render

from accounts.zones import today_in
from curriculum.selectors import content_version
from progress.pages import READ_WRITE, learner_page, saved, shared_part

from .. import selectors, services
from ..forms import OnboardingForm

PAGE, FORM = "progress/plans/onboarding.html", "progress/plans/onboarding_form.html"


@learner_page(methods=READ_WRITE, needs_plan=False)
def onboarding(request):
    if selectors.schedule_of(request.access) is not None:
        return redirect("settings:page")
    topics, user = selectors.study_topics(), request.user
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
        return render(request, PAGE, {"form": form}, status=422)

    def blank() -> dict:
        initial = {
            "start_date": request.today,
            "timezone": user.timezone,
            "study_days": [0, 1, 2, 3, 4],
            "minutes_per_day": 60,
        }
        return {"form": OnboardingForm(initial=initial, today=request.today, topics=topics)}

    # Blank, the form depends only on the zone, the date and the topics on offer.
    name = f"{user.timezone}:{request.today.isoformat()}:{content_version()}"
    form_html = shared_part(request, name=name, template=FORM, context=blank)
    return render(request, PAGE, {"form_html": form_html})
