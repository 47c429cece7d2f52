"""Mentoring pages: the mentor's dashboard and a mentee's data (read-only), answering an
invitation, and ending a link. The learner's side (invite a mentor, see who follows them)
is in /settings/ (progress.settings.views)."""

import functools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from progress.access import learner_access
from progress.pages import (
    READ,
    READ_WRITE,
    WRITE,
    Part,
    back_to,
    cached_body,
    cached_parts,
    draw,
    drawn_page,
    learner_page,
    saved,
)
from progress.paging import page_of

from . import rules, selectors, services
from .forms import CommentForm, InvitationForm, MentorMockForm
from .models import Comment, Mentorship

DASHBOARD = "progress/mentoring/dashboard.html"


@learner_page(methods=READ_WRITE, needs_plan=False)
def dashboard(request):
    form = InvitationForm(request.POST if request.method == "POST" else None)

    def invite(f):
        return services.mentorship_invite(
            inviter=request.user, email=f.cleaned_data["email"], inviter_side=Mentorship.Side.MENTOR
        )

    if request.method == "POST" and saved(form, invite):
        messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
        return redirect("mentoring:dashboard")
    context = functools.partial(_dashboard, request, form)
    if form.is_bound:  # refused: drawn afresh, with what was typed
        body = draw(request, DASHBOARD, context())
    else:
        # Drawn once per change of the mentees' data or the links (see dashboard_state),
        # and kept at most a minute: who is behind or inactive moves with the clock.
        part = Part(DASHBOARD, context, by_the_minute=True)
        whose = selectors.dashboard_state(request.user)
        body = cached_parts(request, {"body": part}, whose=whose)["body"]
    status = 422 if form.errors else 200
    return drawn_page(request, title="Mentoring", body=body, status=status)


def _dashboard(request, form) -> dict:
    sort = request.GET.get("sort") if request.GET.get("sort") in selectors.SORTS else "behind"
    show = request.GET.get("show") if request.GET.get("show") in selectors.FILTERS else "all"
    rows = selectors.dashboard_rows(request.user)
    shown = sorted(filter(selectors.FILTERS[show], rows), key=selectors.SORTS[sort])
    return {
        "form": form,
        "page": page_of(shown, request),
        "total": len(rows),
        "attention": sum(1 for r in rows if r.stands_out),
        "sort": sort,
        "show": show,
        "sorts": list(selectors.SORTS),
        "filters": list(selectors.FILTERS),
        "invitations": selectors.invitations_sent_by_mentor(request.user),
        "inactive_after": rules.INACTIVE_AFTER_STUDY_DAYS,
        "soon_days": rules.INTERVIEW_SOON_DAYS,
    }


@learner_page(methods=READ, needs_plan=False)
def mentee(request, mentee_id: int):
    access = learner_access(request.user, mentee_id)
    if access.is_owner:
        return redirect("plans:home")
    services.mentor_visit_record(mentor=request.user, mentee_id=mentee_id)
    context = {
        "access": access,
        "mentee": access.learner,
        "comment_form": CommentForm(),
        **selectors.mentee_overview(access),
    }
    return render(request, "progress/mentoring/mentee.html", context)


# Anyone may open an invitation link (the invited person may have no account yet); answering
# needs the account with the invited address.
@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request, token: str):
    if not request.user.is_authenticated:
        return render(request, "progress/mentoring/invitation.html", {"next": request.path})
    try:
        link = services.invitation_for(token=token, user=request.user)
        if request.method == "POST":
            accept = request.POST.get("answer") == "accept"
            link = services.invitation_answer(token=token, user=request.user, accept=accept)
            if accept:
                messages.success(request, "You are linked. Ending the link is one click away.")
                return redirect(
                    "mentoring:dashboard" if link.mentor == request.user else "settings:page"
                )
            messages.info(request, "Invitation declined.")
            return redirect("plans:home")
    except ValidationError as refused:
        return render(
            request,
            "progress/mentoring/invitation.html",
            {"problem": refused.messages[0]},
            status=410 if request.method == "GET" else 409,
        )
    return render(request, "progress/mentoring/invitation.html", {"link": link})


@learner_page(methods=WRITE, needs_plan=False)
def link_end(request, link_id: int):
    link = services.mentorship_end(user=request.user, link_id=link_id)
    other = link.mentee if link.mentor_id == request.user.pk else link.mentor
    who = other.name if other else link.email
    messages.success(request, f"The link with {who} has ended.")
    return redirect(back_to(request, reverse("settings:page") + "#mentors"))


@learner_page(methods=WRITE, needs_plan=False)
def link_notes(request, link_id: int):
    shares = request.POST.get("shares_notes") == "on"
    services.mentorship_share_notes(mentee=request.user, link_id=link_id, shares_notes=shares)
    messages.success(request, "Notes are shared." if shares else "Notes are private.")
    return redirect(reverse("settings:page") + "#mentors")


@learner_page(methods=READ_WRITE, needs_plan=False)
def comment(request, mentee_id: int, about: str, about_id: int):
    """The mentor's comment form for one thing of the mentee. A plain post returns to the
    mentee's page; htmx gets the thread back (with the error next to the field)."""
    thing = selectors.comment_target(
        viewer=request.user, learner_id=mentee_id, about=about, about_id=about_id
    )
    form = CommentForm(request.POST if request.method == "POST" else None)

    def add(f):
        return services.comment_add(
            author=request.user,
            learner_id=mentee_id,
            about=about,
            about_id=about_id,
            body=f.cleaned_data["body"],
            submission=f.cleaned_data["submission"],
        )

    added = request.method == "POST" and saved(form, add)
    if added and not request.htmx:
        messages.success(request, "Comment added. Your mentee will be told by e-mail.")
        return redirect(reverse("mentoring:mentee", args=[mentee_id]) + f"#{about}-{about_id}")
    context = {
        "thing": thing,
        "about": about,
        "about_label": Comment.About(about).label,
        "mentee_id": mentee_id,
        "comments": selectors.comments_on(thing, about),
        "form": CommentForm() if added else form,
        "added": bool(added),
    }
    template = "thread" if request.htmx else "comment"
    status = 422 if form.errors else 200
    return render(request, f"progress/mentoring/{template}.html", context, status=status)


@learner_page(methods=READ_WRITE, needs_plan=False)
def mock_new(request, mentee_id: int):
    """The mentor records a mock they ran with the mentee, with rubric scores."""
    access = selectors.mentor_access(request.user, mentee_id)
    today = access.learner.today
    form = MentorMockForm(request.POST if request.method == "POST" else None, today=today)

    def record(f):
        return services.mentor_mock_record(
            mentor=request.user,
            mentee_id=mentee_id,
            submission=f.cleaned_data["submission"],
            **f.data_for_service(),
        )

    if request.method == "POST" and saved(form, record):
        messages.success(request, f"Mock saved to {access.learner.name}'s mock interviews.")
        return redirect(reverse("mentoring:mentee", args=[mentee_id]) + "#mocks")
    context = {"form": form, "mentee": access.learner}
    status = 422 if form.errors else 200
    return render(request, "progress/mentoring/mock_new.html", context, status=status)


@learner_page(methods=READ, needs_plan=False)
def comments(request):
    """Every comment the learner's mentors left, newest first, with a link to the thing."""

    def context() -> dict:
        return {"page": page_of(selectors.comments_received(request.access), request)}

    body = cached_body(request, "progress/mentoring/comments.html", context)
    return drawn_page(request, title="Comments from your mentors", body=body)
