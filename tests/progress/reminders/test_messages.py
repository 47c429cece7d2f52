"""The e-mails as a mail client sees them, parsed with Python's `email` package: a text and
an HTML part, RFC 8058 one-click unsubscribe headers, and links that are absolute and open
a working page of the app."""

import re
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from urllib.parse import urlsplit

import pytest
from django.core.mail import EmailMultiAlternatives

from progress.mentoring import kinds
from progress.mentoring.services import comment_add
from progress.reminders import content, rules
from progress.reminders.models import Delivery
from tests.conftest import PINNED_NOW
from tests.factories import InterviewFactory, UserFactory
from tests.progress.mentoring.helpers import linked

pytestmark = pytest.mark.django_db

SITE = "https://prep.example.com"
HREF = re.compile(r'href="([^"]+)"')
URL = re.compile(r"https?://\S+")


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE
    settings.REMINDERS_UNSUBSCRIBE_MAILTO = "unsubscribe@prep.example.com"


def delivery_for(user, kind: str, about_id=None) -> Delivery:
    return Delivery.objects.create(
        user=user,
        kind=kind,
        period=f"test-{kind}",
        local_date=PINNED_NOW.date(),
        why="Because the test asked.",
        about_id=about_id,
        due_at=PINNED_NOW,
    )


def parsed(delivery: Delivery):
    return message_from_bytes(
        content.message_for(delivery).message().as_bytes(), policy=policy.default
    )


@pytest.fixture
def every_kind(due_learner):
    """One ledger row of each kind, each about something real: the interview ones about
    interviews, the comment notice about a mentor's comment, and the mentor digest sent to
    the learner as the mentor of someone with an interview in two days."""
    coming = InterviewFactory(user=due_learner, scheduled_at=PINNED_NOW + timedelta(hours=20))
    past = InterviewFactory(user=due_learner, scheduled_at=PINNED_NOW - timedelta(hours=4))
    mentor, mentee = UserFactory(display_name="Maria"), UserFactory(display_name="Omar")
    linked(due_learner, mentor)
    linked(mentee, due_learner)
    InterviewFactory(user=mentee, scheduled_at=PINNED_NOW + timedelta(days=2))
    comment = comment_add(author=mentor, learner_id=due_learner.pk, about="interview",
                          about_id=coming.pk, body="Ask them about on-call.")  # fmt: skip
    about = {
        rules.INTERVIEW_EVE: coming.pk,
        rules.POST_INTERVIEW: past.pk,
        kinds.COMMENTS: comment.pk,
    }
    return [delivery_for(due_learner, kind, about.get(kind)) for kind in rules.KINDS]


def test_every_kind_has_a_text_and_an_html_part_with_one_click_unsubscribe_headers(every_kind):
    for delivery in every_kind:
        message = parsed(delivery)
        text = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        token = content.unsubscribe_token(delivery.user_id, delivery.kind)
        mailto_token = token.replace(":", "%3A")  # percent-encoded in the mailto: URL

        assert message.get_content_type() == "multipart/alternative", delivery.kind
        assert "Because the test asked." in text.get_content(), delivery.kind
        assert "<html" in html.get_content(), delivery.kind
        assert message["List-Unsubscribe"] == (
            f"<{SITE}/reminders/unsubscribe/{token}/>, "
            f"<mailto:unsubscribe@prep.example.com?subject=unsubscribe%20{mailto_token}>"
        )
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_html_part_carries_its_styles_inline_and_nothing_remote(every_kind):
    for delivery in every_kind:
        html = parsed(delivery).get_body(preferencelist=("html",)).get_content()

        assert "<style" not in html, delivery.kind
        assert 'style="' in html, delivery.kind
        assert not re.search(r"<img|<link|@import|url\(", html), delivery.kind


def test_every_kind_says_what_djangos_own_mime_form_would_say(every_kind):
    """accounts.mail.Email writes the MIME form itself (compat32, headers as given)."""

    def read(message):
        parsed = message_from_bytes(message.as_bytes(), policy=policy.default)
        headers = {k: str(v) for k, v in parsed.items() if k not in {"Date", "Message-ID"}}
        headers["Content-Type"] = parsed.get_content_type()  # the boundary is random
        return headers, [(p.get_content_type(), p.get_content()) for p in parsed.iter_parts()]

    for delivery in every_kind:
        message = content.message_for(delivery)
        ours = message.message(policy=policy.SMTP)
        django = EmailMultiAlternatives.message(message, policy=policy.SMTP)

        assert not isinstance(ours, EmailMessage), delivery.kind  # not Django's own way
        assert read(ours) == read(django), delivery.kind


def test_every_link_is_absolute_and_opens_a_working_page(every_kind, client, due_learner):
    client.force_login(due_learner)
    for delivery in every_kind:
        message = parsed(delivery)
        text = message.get_body(preferencelist=("plain",)).get_content()
        html = message.get_body(preferencelist=("html",)).get_content()
        links = set(URL.findall(text)) | set(HREF.findall(html))

        assert len(links) >= 4, delivery.kind  # the app, unsubscribe from the kind and all
        for link in links:
            assert link.startswith(f"{SITE}/"), (delivery.kind, link)
            response = client.get(urlsplit(link).path)
            assert response.status_code == 200, (delivery.kind, link, response.status_code)


def test_the_digest_lists_todays_items_with_links_to_their_lessons(due_learner):
    message = parsed(delivery_for(due_learner, rules.DIGEST))
    text = message.get_body(preferencelist=("plain",)).get_content()
    from progress.plans.models import PlanItem

    items = PlanItem.objects.filter(plan__user=due_learner, date=PINNED_NOW.date())
    assert items.count() >= 1
    for item in items:
        assert f"- {item.title} ({item.minutes} min)" in text
    assert message["Subject"].startswith(f"Today's study: {items.count()} item")


def test_the_interview_eve_lists_the_open_before_items_and_not_the_done_ones(due_learner):
    interview = InterviewFactory(user=due_learner, scheduled_at=PINNED_NOW + timedelta(hours=20))
    before = list(interview.checklist.filter(phase="before").order_by("due_at"))
    before[0].done_at = PINNED_NOW
    before[0].save()

    text = (
        parsed(delivery_for(due_learner, rules.INTERVIEW_EVE, interview.pk))
        .get_body(preferencelist=("plain",))
        .get_content()
    )

    assert f"- {before[0].text} (by" not in text
    for item in before[1:]:
        assert f"- {item.text} (by" in text
