"""Linking a mentor and a mentee through the real invitation flow."""

from progress.mentoring import services
from progress.mentoring.models import Mentorship


def linked(mentee, mentor) -> Mentorship:
    link = services.mentorship_invite(
        inviter=mentee, email=mentor.email, inviter_side=Mentorship.Side.MENTEE
    )
    token = services.invitation_token(link)
    return services.invitation_answer(token=token, user=mentor, accept=True)
