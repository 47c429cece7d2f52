"""Deleting an account: every row of the user goes, at once and for good.

Most rows go by the database's cascade from the user (plans and their items, interviews,
practice, stories, mocks, reminder settings and the ledger, mentor links both ways, comments
written and received, addresses). What refers to the user without a foreign key is removed
here by hand: invitations sent to their address. A mock a mentor scored for someone else
stays with that learner, without the mentor's name. E-mails waiting to be sent go with the
ledger: a send task that runs later finds no row to claim and sends nothing, and the
unsubscribe and invitation links name a user or a link that no longer exists.
"""

from django.db import transaction

from progress.mentoring.models import Mentorship


@transaction.atomic
def account_delete(*, user) -> None:
    Mentorship.objects.filter(
        email__iexact=user.email, status=Mentorship.Status.INVITED
    ).delete()  # invitations to this address (no account attached yet)
    user.delete()
