from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from .. import interview_services as services
from .. import log_selectors as selectors
from ..access import onboarded_required
from ..log_forms import ChecklistItemForm, InterviewForm, ReflectionForm


@onboarded_required
def interview_list(request):
    form = InterviewForm(request.POST or None, zone=request.profile.timezone)
    if request.method == "POST" and form.is_valid():
        interview = services.interview_create(user=request.user, data=form.cleaned_data)
        messages.success(request, "Interview added with its checklists.")
        return redirect("interview", interview.pk)
    now = timezone.now()
    interviews = selectors.interviews_of(request.user)
    context = {
        "form": form,
        "upcoming": interviews.filter(scheduled_at__gte=now).order_by("scheduled_at"),
        "past": selectors.page_of(
            interviews.filter(scheduled_at__lt=now).order_by("-scheduled_at"), request
        ),
    }
    return render(
        request, "progress/interviews/list.html", context, status=422 if form.errors else 200
    )


@onboarded_required
def interview_detail(request, interview_id):
    interview = selectors.interview_for(request.user, interview_id)
    return render(request, "progress/interviews/detail.html", _detail_context(interview))


def _detail_context(interview, **forms):
    phases = {phase: [] for phase, _ in interview.checklist.model.Phase.choices}
    for item in interview.checklist.all():
        phases[item.phase].append(item)
    labels = dict(interview.checklist.model.Phase.choices)
    return {
        "interview": interview,
        "phases": [(labels[p], items) for p, items in phases.items()],
        "is_past": interview.scheduled_at <= timezone.now(),
        "add_form": forms.get("add_form") or ChecklistItemForm(),
        "reflection_form": forms.get("reflection_form")
        or ReflectionForm(
            initial={
                "went_well": interview.went_well,
                "to_improve": interview.to_improve,
                "topics": list(interview.improve_topics.all()),
                "outcome": interview.outcome,
            }
        ),
    }


@onboarded_required
def interview_edit(request, interview_id):
    interview = selectors.interview_for(request.user, interview_id)
    form = InterviewForm(
        request.POST or None, instance=interview, zone=request.profile.timezone, allow_past=True
    )
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "outcome": interview.outcome}
        services.interview_update(interview=interview, data=data)
        messages.success(request, "Interview updated; checklist due times follow the new time.")
        return redirect("interview", interview.pk)
    status = 422 if form.errors else 200
    return render(
        request,
        "progress/interviews/edit.html",
        {"form": form, "interview": interview},
        status=status,
    )


@require_POST
@onboarded_required
def interview_delete(request, interview_id):
    selectors.interview_for(request.user, interview_id).delete()
    messages.success(request, "Interview deleted.")
    return redirect("interviews")


@require_POST
@onboarded_required
def checklist_toggle(request, interview_id, item_id):
    item = selectors.checklist_item_for(request.user, interview_id, item_id)
    item = services.checklist_item_set_done(item=item, done=request.POST.get("done") == "1")
    if request.htmx:
        return render(request, "progress/interviews/checklist_item.html", {"item": item})
    return redirect(reverse("interview", args=[interview_id]) + f"#check-{item.pk}")


@require_POST
@onboarded_required
def checklist_add(request, interview_id):
    interview = selectors.interview_for(request.user, interview_id)
    form = ChecklistItemForm(request.POST)
    if not form.is_valid():
        context = _detail_context(interview, add_form=form)
        return render(request, "progress/interviews/detail.html", context, status=422)
    services.checklist_item_add(
        interview=interview,
        phase=form.cleaned_data["phase"],
        text=form.cleaned_data["text"],
        offset_hours=form.cleaned_data["hours"],
    )
    messages.success(request, "Item added to the checklist.")
    return redirect("interview", interview.pk)


@require_POST
@onboarded_required
def reflection(request, interview_id):
    interview = selectors.interview_for(request.user, interview_id)
    form = ReflectionForm(request.POST)
    if form.is_valid() and interview.scheduled_at > timezone.now():
        form.add_error(None, "The reflection opens once the interview has started.")
    if not form.is_valid():
        context = _detail_context(interview, reflection_form=form)
        return render(request, "progress/interviews/detail.html", context, status=422)
    services.reflection_save(interview=interview, today=request.today, **form.cleaned_data)
    messages.success(request, "Reflection saved. The topics you named now count as weak areas.")
    return redirect("interview", interview.pk)
