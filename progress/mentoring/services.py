"""Writes for mentoring: invitations by either side, answering them, ending a link, and the
mentor's visits the mentee can see. Invitations are e-mailed through the one builder, in the
background (accounts.tasks), so a mail server problem never fails the page."""

import secrets
from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.mail import absolute_url, build_message
from accounts.tasks import account_email_send
from progress.journal.models import MockInterview
from progress.journal.services import mock_create
from progress.plans.services import learner_changed
from progress.submissions import create_once

from . import rules, selectors
from .models import Comment, Mentorship

Status, Side = Mentorship.Status, Mentorship.Side
TOKEN_SALT = "mentoring.invitation"
VISIT_EVERY = timedelta(minutes=1)  # a visit is recorded at most this often


def invitation_token(link: Mentorship) -> str:
    return signing.dumps([link.pk, link.nonce], salt=TOKEN_SALT)


def _open_links(user):
    return Mentorship.objects.filter(
        Q(mentor=user) | Q(mentee=user), status__in=(Status.INVITED, Status.ACTIVE)
    )


def mentorship_invite(*, inviter, email: str, inviter_side: str) -> Mentorship:
    """Invite `email` to be the inviter's mentor (inviter_side=MENTEE) or mentee (MENTOR).
    Re-inviting an address still waiting sends a fresh link and is otherwise harmless."""
    email = email.strip().lower()
    mine = Q(mentee=inviter) if inviter_side == Side.MENTEE else Q(mentor=inviter)
    theirs = "mentor" if inviter_side == Side.MENTEE else "mentee"
    with transaction.atomic():
        open_links = Mentorship.objects.select_for_update(of=("self",)).filter(
            mine, status__in=(Status.INVITED, Status.ACTIVE)
        )
        links = list(open_links.select_related(theirs))
        linked = {getattr(x, theirs).email.lower() for x in links if x.status == Status.ACTIVE}
        pending = {x.email.lower() for x in links if x.status == Status.INVITED}
        problem = rules.invitation_problem(
            inviter_email=inviter.email,
            email=email,
            linked=linked,
            pending_count=len(pending),
            pending=pending,
        )
        if problem:
            raise ValidationError({"email": problem})
        link = open_links.filter(status=Status.INVITED, email__iexact=email).first()
        if link is None:
            link = Mentorship(invited_by=inviter_side, email=email)
            setattr(link, inviter_side, inviter)
        link.nonce = secrets.token_hex(16)
        link.expires_at = timezone.now() + timedelta(days=rules.INVITATION_DAYS)
        link.save()
        _send_invitation(link, inviter)
    return link


def _send_invitation(link: Mentorship, inviter) -> None:
    message = build_message(
        template="mentoring/invitation",
        to=link.email,
        context={
            "inviter": inviter.name,
            "as_mentor": link.invited_by == Side.MENTEE,
            "url": absolute_url("mentoring:invitation", invitation_token(link)),
            "days": rules.INVITATION_DAYS,
        },
        headers={"Auto-Submitted": "auto-generated"},
    )
    account_email_send.delay_on_commit(
        to=link.email,
        subject=message.subject,
        text=message.body,
        html=message.alternatives[0].content,
        headers=dict(message.extra_headers),
    )


def invitation_for(*, token: str, user) -> Mentorship:
    """The invitation a link names, if `user` may answer it; ValidationError (with the
    message to show) if it is tampered with, expired, already answered, or for another
    address."""
    try:
        link_id, nonce = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        raise ValidationError("This invitation link is not valid.") from None
    link = Mentorship.objects.select_related("mentor", "mentee").filter(pk=link_id).first()
    if link is None or link.status != Status.INVITED or not nonce or link.nonce != nonce:
        raise ValidationError("This invitation has already been answered or withdrawn.")
    if link.expires_at <= timezone.now():
        raise ValidationError("This invitation has expired: ask for a new one.")
    if user.email.lower() != link.email.lower():
        raise ValidationError(
            f"This invitation is for {link.email}: sign in with that address to answer it."
        )
    inviter = link.mentor if link.invited_by == Side.MENTOR else link.mentee
    if inviter is not None and inviter.pk == user.pk:
        raise ValidationError("You cannot answer your own invitation.")
    return link


@transaction.atomic
def invitation_answer(*, token: str, user, accept: bool) -> Mentorship:
    link = invitation_for(token=token, user=user)
    answered = Mentorship.objects.filter(pk=link.pk, status=Status.INVITED, nonce=link.nonce)
    other = "mentee" if link.invited_by == Side.MENTOR else "mentor"
    if accept:
        mine = Q(mentor=link.mentor or user, mentee=link.mentee or user)
        if Mentorship.objects.filter(mine, status=Status.ACTIVE).exists():
            raise ValidationError("You are already linked with this person.")
    updated = answered.update(
        **{f"{other}_id": user.pk},
        status=Status.ACTIVE if accept else Status.DECLINED,
        nonce="",
        answered_at=timezone.now(),
    )
    if updated != 1:
        raise ValidationError("This invitation has already been answered or withdrawn.")
    link.refresh_from_db()
    _both_changed(link)
    return link


def mentorship_end(*, user, link_id: int) -> Mentorship:
    """Either side ends a link (or withdraws an invitation): from the next request the
    mentor sees nothing and receives nothing about the mentee."""
    link = _open_links(user).get(pk=link_id)
    Mentorship.objects.filter(pk=link.pk).update(
        status=Status.ENDED, nonce="", ended_at=timezone.now()
    )
    link.refresh_from_db()
    _both_changed(link)
    return link


def _both_changed(link: Mentorship) -> None:
    """A link's state shows on both sides' pages (the mentee's settings, the mentor's
    dashboard), which are drawn once per change of their own data: each side's is stale."""
    for user_id in (link.mentor_id, link.mentee_id):
        if user_id is not None:
            learner_changed(learner_id=user_id)


def mentorship_share_notes(*, mentee, link_id: int, shares_notes: bool) -> None:
    """The mentee shares their notes with one mentor, or stops; Mentorship.DoesNotExist
    (a 404) for a link that is not theirs or no longer active."""
    link = Mentorship.objects.get(pk=link_id, mentee=mentee, status=Status.ACTIVE)
    Mentorship.objects.filter(pk=link.pk).update(shares_notes=shares_notes)


def mentor_visit_record(*, mentor, mentee_id: int) -> None:
    """Stamp the mentor's visit (at most once a minute: a page of htmx requests is one)."""
    now = timezone.now()
    stamped = Mentorship.objects.filter(
        mentor=mentor, mentee_id=mentee_id, status=Status.ACTIVE
    ).filter(Q(last_viewed_at__isnull=True) | Q(last_viewed_at__lt=now - VISIT_EVERY))
    if stamped.update(last_viewed_at=now):
        learner_changed(learner_id=mentee_id)  # "last looked" on the mentee's settings


@transaction.atomic
def comment_add(
    *, author, learner_id: int, about: str, about_id: int, body: str, submission=None
) -> Comment:
    """A mentor comments on one of the mentee's things (NotVisible, a 404, for anyone who
    does not mentor them now). The mentee is told by e-mail through the reminders ledger:
    see progress.mentoring.kinds."""
    thing = selectors.comment_target(
        viewer=author, learner_id=learner_id, about=about, about_id=about_id
    )
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write a comment first."})
    comment, _ = create_once(
        Comment,
        owner={"author": author},
        submission=submission,
        create=lambda: Comment.objects.create(
            author=author, learner_id=learner_id, body=body, submission=submission,
            **{about: thing},
        ),
    )  # fmt: skip
    # The comment shows under the thing on the mentee's pages, which are cached.
    transaction.on_commit(lambda: learner_changed(learner_id=learner_id))
    return comment


def mentor_mock_record(
    *,
    mentor,
    mentee_id: int,
    held_on,
    notes: str,
    topic_ids: list[int],
    scores: dict[int, int],
    submission=None,
) -> MockInterview:
    """A mentor records a mock they ran with the mentee, with their rubric scores. It is the
    mentee's mock (their weak areas use it like their own), marked as the mentor's."""
    access = selectors.mentor_access(mentor, mentee_id)
    if not scores:
        raise ValidationError("Score at least one rubric dimension.")
    mock = mock_create(
        user=access.learner,
        held_on=held_on,
        run_by=MockInterview.RunBy.MENTOR,
        interviewer=mentor.name[:120],
        notes=notes,
        topic_ids=topic_ids,
        scores=scores,
        today=access.learner.today,
        submission=submission,
        scored_by=mentor,
    )
    # Evidence of the mentee's: their cached figures go stale once it is saved (the page
    # makes only the mentor's own stale, see progress.pages).
    learner_changed(learner_id=access.learner.pk)
    return mock
