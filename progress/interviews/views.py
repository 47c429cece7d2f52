import functools

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from progress.pages import (
    READ_WRITE,
    WRITE,
    Part,
    cached_body,
    cached_parts,
    draw,
    drawn_page,
    learner_page,
    saved,
)
from progress.paging import page_of

from . import selectors, services
from .forms import ChecklistItemForm, ChecklistToggleForm, InterviewForm, ReflectionForm
from .models import InterviewChecklistItem

# Fewer than the other lists: these are the ones being prepared for, and the add form comes
# right after them.
UPCOMING_PAGE_SIZE = 10
DETAIL = "progress/interviews/detail.html"


@learner_page(methods=READ_WRITE)
def interview_list(request):
    access = request.access
    form = InterviewForm(
        request.POST or None, now=timezone.now(), initial={"timezone": access.learner.timezone}
    )

    def create(form):
        submission = form.cleaned_data["submission"]
        return services.interview_create(
            user=request.user, **form.interview(), submission=submission
        )

    if request.method == "POST" and (interview := saved(form, create)):
        if interview.scheduled_at <= timezone.now():
            # Already held: what is left to do is the reflection, so open the page there.
            messages.success(request, "Interview added. Write your reflection while it is fresh.")
            return redirect(reverse("interviews:detail", args=[interview.pk]) + "#reflection")
        messages.success(request, "Interview added with its checklists.")
        return redirect("interviews:detail", interview.pk)
    # The lists change with the learner's data and as interviews pass: drawn once a minute,
    # and read (once) only when one of them is not cached.
    read = functools.cache(functools.partial(_lists, request))
    parts = {
        "upcoming": Part("progress/interviews/upcoming.html", read, by_the_minute=True),
        "past": Part("progress/interviews/past.html", read, by_the_minute=True),
    }
    if not form.is_bound:  # (a refused one is drawn afresh, with what was typed)
        parts["add"] = Part(
            "progress/interviews/add.html", lambda: {"form": form}, by_the_minute=True
        )
    drawn = cached_parts(request, parts)
    status = 422 if form.errors else 200
    return render(request, "progress/interviews/list.html", {"form": form, **drawn}, status=status)


def _lists(request) -> dict:
    """Both lists, a page each: ?upcoming= for the interviews ahead, ?page= (as on every
    other list) for the past ones."""
    access, now = request.access, timezone.now()
    ahead = selectors.interviews_ahead(access, now=now)
    upcoming = page_of(ahead, request, UPCOMING_PAGE_SIZE, param="upcoming")
    past = page_of(selectors.interviews_held(access, now=now), request)
    selectors.checklist_counts_add([*upcoming, *past])
    return {"upcoming": upcoming, "past": past}


@learner_page(needs_plan=False)
def interview_detail(request, interview_id):
    # The owner's working page (notes, meeting link, forms): a mentor reads the interview on
    # the mentee's page instead, so only someone who may change it sees this one.
    interview = selectors.interview_get(viewer=request.user, interview_id=interview_id, change=True)
    # Its checklist moves with the clock (due, overdue; the reflection opens once it starts).
    context = functools.partial(_detail_context, interview)
    body = cached_body(request, DETAIL, context, by_the_minute=True)
    return drawn_page(request, title=interview.company, body=body)


def _detail_context(interview, **forms):
    selectors.interview_page_load(interview)
    phases = {phase: [] for phase in InterviewChecklistItem.Phase.values}
    for item in interview.checklist.all():
        phases[item.phase].append(item)
    labels = dict(InterviewChecklistItem.Phase.choices)
    is_past = interview.scheduled_at <= timezone.now()
    reflection_form = forms.get("reflection_form")
    if reflection_form is None and (is_past or interview.reflected_at):
        reflection_form = _reflection_form(interview)
    return {
        "interview": interview,
        "phases": [(labels[p], items) for p, items in phases.items()],
        "add_form": forms.get("add_form") or ChecklistItemForm(),
        # None before the interview: the reflection opens once it has started.
        "reflection_form": reflection_form,
    }


def _reflection_form(interview):
    topics = list(interview.improve_topics.all())
    return ReflectionForm(
        kept_topic_ids=[t.pk for t in topics],
        initial={
            "went_well": interview.went_well,
            "to_improve": interview.to_improve,
            "topics": topics,
            "outcome": interview.outcome,
        },
    )


@learner_page(methods=READ_WRITE, needs_plan=False)
def interview_edit(request, interview_id):
    interview = selectors.interview_get(viewer=request.user, interview_id=interview_id, change=True)
    form = InterviewForm(
        request.POST or None,
        initial=InterviewForm.initial_for(interview),
        now=timezone.now(),
    )

    def update(form):
        return services.interview_update(interview=interview, **form.interview())

    if request.method == "POST" and saved(form, update):
        messages.success(request, "Interview updated; checklist due times follow its time.")
        return redirect("interviews:detail", interview.pk)
    status = 422 if form.errors else 200
    context = {"form": form, "interview": interview}
    return render(request, "progress/interviews/edit.html", context, status=status)


@learner_page(methods=READ_WRITE, needs_plan=False)
def interview_delete(request, interview_id):
    """Asks first (GET), then deletes (POST): the checklist and reflection go with it."""
    interview = selectors.interview_get(viewer=request.user, interview_id=interview_id, change=True)
    if request.method == "POST":
        services.interview_delete(interview=interview, today=request.today)
        messages.success(request, f"Interview with {interview.company} deleted.")
        return redirect("interviews:list")
    items = list(interview.checklist.all())
    context = {
        "interview": interview,
        "items_total": len(items),
        "items_done": sum(item.is_done for item in items),
    }
    return render(request, "progress/interviews/delete.html", context)


@learner_page(methods=WRITE, needs_plan=False)
def checklist_toggle(request, interview_id, item_id):
    item = selectors.checklist_item_get(
        viewer=request.user, interview_id=interview_id, item_id=item_id
    )
    form = ChecklistToggleForm(request.POST)
    if form.is_valid():
        item = services.checklist_item_set_done(item=item, done=form.cleaned_data["done"])
    if request.htmx:
        return render(request, "progress/interviews/checklist_item.html", {"item": item})
    return redirect(reverse("interviews:detail", args=[interview_id]) + f"#check-{item.pk}")


@learner_page(methods=WRITE, needs_plan=False)
def checklist_add(request, interview_id):
    interview = selectors.interview_get(viewer=request.user, interview_id=interview_id, change=True)
    form = ChecklistItemForm(request.POST)

    def add(form):
        key = form.cleaned_data["submission"]
        return services.checklist_item_add(interview=interview, **form.item(), submission=key)

    if saved(form, add):
        messages.success(request, "Item added to the checklist.")
        return redirect("interviews:detail", interview.pk)
    return _refused(request, interview, add_form=form)


@learner_page(methods=READ_WRITE, needs_plan=False)
def checklist_edit(request, interview_id, item_id):
    item = selectors.own_checklist_item_get(
        viewer=request.user, interview_id=interview_id, item_id=item_id
    )
    form = ChecklistItemForm(request.POST or None, initial=ChecklistItemForm.initial_for(item))

    def update(form):
        return services.checklist_item_update(item=item, **form.item())

    if request.method == "POST" and saved(form, update):
        messages.success(request, "Checklist item saved.")
        return redirect(reverse("interviews:detail", args=[interview_id]) + f"#check-{item.pk}")
    status = 422 if form.errors else 200
    context = {"form": form, "item": item, "interview": item.interview}
    return render(request, "progress/interviews/item_edit.html", context, status=status)


@learner_page(methods=WRITE, needs_plan=False)
def checklist_delete(request, interview_id, item_id):
    item = selectors.own_checklist_item_get(
        viewer=request.user, interview_id=interview_id, item_id=item_id
    )
    services.checklist_item_delete(item=item)
    messages.success(request, f"“{item.text}” removed from the checklist.")
    return redirect("interviews:detail", interview_id)


@learner_page(methods=WRITE, needs_plan=False)
def reflection(request, interview_id):
    interview = selectors.interview_get(viewer=request.user, interview_id=interview_id, change=True)
    kept = [t.pk for t in interview.improve_topics.all()]
    form = ReflectionForm(request.POST, kept_topic_ids=kept)

    def reflect(form):
        data = form.cleaned_data
        return services.interview_reflect(
            interview=interview,
            went_well=data["went_well"],
            to_improve=data["to_improve"],
            topic_ids=[t.pk for t in data["topics"]],
            outcome=data["outcome"],
            today=request.today,
        )

    if saved(form, reflect):
        messages.success(
            request,
            "Reflection saved. The checklist items it covers are ticked, and the topics "
            "you named now count as weak areas.",
        )
        return redirect("interviews:detail", interview.pk)
    return _refused(request, interview, reflection_form=form)


def _refused(request, interview, **forms):
    """The interview's page with a refused form: drawn afresh, with what was typed."""
    body = draw(request, DETAIL, _detail_context(interview, **forms))
    return drawn_page(request, title=interview.company, body=body, status=422)
