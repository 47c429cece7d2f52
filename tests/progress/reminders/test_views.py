"""The reminder pages: the Reminders section of /settings/, the list of e-mails sent (and not
sent, and why), the unsubscribe link an e-mail carries, and the operator's `send_reminders`.

The clock is pinned (tests/conftest.py) at Wednesday 5 March 2025, 10:00 UTC."""

from datetime import UTC, date, datetime
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.test import Client

from progress.mentoring.kinds import COMMENTS, MENTOR_DIGEST
from progress.reminders.content import unsubscribe_token
from progress.reminders.models import Delivery, ReminderSettings
from progress.reminders.rules import (
    ALL,
    CAP_REACHED,
    CATCH_UP,
    DIGEST,
    INTERVIEW_EVE,
    OPTED_OUT,
    POST_INTERVIEW,
    QUIET_HOURS,
    WEAK_AREAS,
)
from tests.factories import UserFactory, onboard
from tests.progress.plans.markup import error_next_to, messages_of, parse

pytestmark = pytest.mark.django_db

TODAY = date(2025, 3, 5)  # a Wednesday
# Every kind, as the settings page lists them: the learner's by priority, then the mentor's.
SHOWN_KINDS = [INTERVIEW_EVE, POST_INTERVIEW, COMMENTS, DIGEST, CATCH_UP, WEAK_AREAS, MENTOR_DIGEST]
# 07:30 UTC on the pinned Wednesday: inside the default digest window (07:00 for four hours)
# of a learner in UTC who studies every day.
SWEEP_AT = "2025-03-05T07:30:00+00:00"
ONE_CLICK = {"List-Unsubscribe": "One-Click"}


@pytest.fixture
def plan(learner, curriculum):
    return onboard(learner, TODAY)


def reminders_data(**overrides) -> dict:
    return {
        "section": "reminders",
        "kinds": [DIGEST, INTERVIEW_EVE],
        "digest_hour": "8",
        "daily_cap": "5",
        "unsubscribed_all": "on",
        **overrides,
    }


def stored_settings(user) -> dict:
    return ReminderSettings.objects.filter(user=user).values(
        "digest_hour", "daily_cap", "choices", "unsubscribed_all"
    )[0]


def reminders_form_shows(response) -> dict:
    """What the Reminders form would submit as it stands on the page."""
    section = parse(response).by_id("reminders")
    hours = section.find("select", name="digest_hour").find_all("option")
    unsubscribe_all = section.find("input", name="unsubscribed_all")
    return {
        "kinds": [
            box.attrs["value"]
            for box in section.find_all("input", name="kinds")
            if "checked" in box.attrs
        ],
        "digest_hour": [o.attrs["value"] for o in hours if "selected" in o.attrs],
        "daily_cap": section.find("input", name="daily_cap").attrs.get("value", ""),
        "unsubscribed_all": "checked" in unsubscribe_all.attrs,
    }


def reminders_notice(response) -> str:
    found = parse(response).by_id("reminders").find_all("p", class_="notice")
    return found[0].text if found else ""


# --- the Reminders section of /settings/ ----------------------------------------------------


def test_saving_reminder_preferences_stores_exactly_what_was_chosen(learner_client, learner, plan):
    learner_client.post("/settings/", reminders_data())

    assert stored_settings(learner) == {
        "digest_hour": 8,
        "daily_cap": 5,
        "choices": {
            INTERVIEW_EVE: True,
            POST_INTERVIEW: False,
            COMMENTS: False,
            DIGEST: True,
            CATCH_UP: False,
            WEAK_AREAS: False,
            MENTOR_DIGEST: False,
        },
        "unsubscribed_all": True,
    }


def test_saving_reminder_preferences_returns_to_the_reminders_section_and_says_so(
    learner_client, plan
):
    response = learner_client.post("/settings/", reminders_data(), follow=True)

    assert response.redirect_chain == [("/settings/#reminders", 302)]
    assert messages_of(response) == [("success", "Reminder preferences saved.")]


def test_unticking_one_kind_stores_it_off_and_keeps_the_others_on(learner_client, learner, plan):
    shown = reminders_form_shows(learner_client.get("/settings/"))
    kinds = [slug for slug in shown["kinds"] if slug != WEAK_AREAS]

    learner_client.post(
        "/settings/",
        {
            "section": "reminders",
            "kinds": kinds,
            "digest_hour": shown["digest_hour"],
            "daily_cap": shown["daily_cap"],
        },
    )

    assert shown["kinds"] == SHOWN_KINDS
    assert ReminderSettings.objects.get(user=learner).choices == {
        INTERVIEW_EVE: True,
        POST_INTERVIEW: True,
        COMMENTS: True,
        DIGEST: True,
        CATCH_UP: True,
        WEAK_AREAS: False,
        MENTOR_DIGEST: True,
    }


def test_the_reminders_form_shows_the_saved_preferences(learner_client, plan):
    learner_client.post("/settings/", reminders_data())

    assert reminders_form_shows(learner_client.get("/settings/")) == {
        "kinds": [INTERVIEW_EVE, DIGEST],
        "digest_hour": ["8"],
        "daily_cap": "5",
        "unsubscribed_all": True,
    }


BAD_REMINDERS = [
    ({"daily_cap": "0"}, "id_daily_cap", "Ensure this value is greater than or equal to 1."),
    ({"daily_cap": "11"}, "id_daily_cap", "Ensure this value is less than or equal to 10."),
    ({"daily_cap": "abc"}, "id_daily_cap", "Enter a whole number."),
    ({"digest_hour": "24"}, "id_digest_hour", "Pick an hour from the list."),
]
BAD_IDS = ["cap-0", "cap-11", "cap-abc", "hour-24"]


@pytest.mark.parametrize(("change", "field", "message"), BAD_REMINDERS, ids=BAD_IDS)
def test_an_out_of_range_reminder_setting_is_refused_next_to_the_field(
    learner_client, plan, change, field, message
):
    response = learner_client.post("/settings/", reminders_data(**change))

    assert response.status_code == 422
    assert error_next_to(response, field) == message


def test_a_refused_cap_keeps_everything_else_that_was_typed(learner_client, plan):
    response = learner_client.post("/settings/", reminders_data(daily_cap="11"))

    assert reminders_form_shows(response) == {
        "kinds": [INTERVIEW_EVE, DIGEST],
        "digest_hour": ["8"],
        "daily_cap": "11",
        "unsubscribed_all": True,
    }


def test_a_refused_hour_keeps_everything_else_that_was_typed(learner_client, plan):
    response = learner_client.post("/settings/", reminders_data(digest_hour="24"))

    # No option matches 24, so the select has nothing selected: a browser shows the first hour.
    assert reminders_form_shows(response) == {
        "kinds": [INTERVIEW_EVE, DIGEST],
        "digest_hour": [],
        "daily_cap": "5",
        "unsubscribed_all": True,
    }


@pytest.mark.parametrize(("change", "field", "message"), BAD_REMINDERS, ids=BAD_IDS)
def test_an_out_of_range_reminder_setting_saves_nothing(
    learner_client, plan, change, field, message
):
    learner_client.post("/settings/", reminders_data(**change))

    assert ReminderSettings.objects.count() == 0


def test_the_reminders_section_says_an_unconfirmed_address_gets_no_reminders_yet(
    learner_client, learner, plan
):
    EmailAddress.objects.filter(user=learner).update(verified=False)

    response = learner_client.get("/settings/")

    assert reminders_notice(response) == (
        "Your e-mail address is not confirmed yet: reminders start once it is."
    )


def test_the_reminders_section_says_reminders_start_with_a_plan(client, planless_user):
    client.force_login(planless_user)

    response = client.get("/settings/")

    assert reminders_notice(response) == (
        "Reminders are about your study plan: they start once you have one."
    )


def test_the_reminders_section_has_no_notice_for_a_learner_reminders_can_reach(
    learner_client, plan
):
    assert reminders_notice(learner_client.get("/settings/")) == ""


# --- the e-mails sent -----------------------------------------------------------------------


def delivery(user, kind=DIGEST, period="2025-03-05", status="sent", reason="", why="") -> Delivery:
    return Delivery.objects.create(
        user=user,
        kind=kind,
        period=period,
        local_date=TODAY,
        status=status,
        reason=reason,
        why=why,
        due_at=datetime(2025, 3, 5, 7, tzinfo=UTC),
    )


def cards(response) -> list[list[str]]:
    """Each listed e-mail as the text of its paragraphs, in page order."""
    return [
        [p.text for p in card.find_all("p")]
        for card in parse(response).find_all("li", class_="delivery")
    ]


def test_the_sent_list_shows_a_sent_email_with_its_kind_status_and_why(learner_client, learner):
    delivery(learner, why="You asked for a daily digest at 07:00 every day (your study days).")

    response = learner_client.get("/settings/reminders/sent/")

    assert cards(response) == [
        [
            "Daily digest on study days Sent",
            "Due Wed 5 Mar 2025, 07:00",
            "You asked for a daily digest at 07:00 every day (your study days).",
        ]
    ]


@pytest.mark.parametrize("reason", [CAP_REACHED, OPTED_OUT, QUIET_HOURS])
def test_the_sent_list_says_why_an_email_was_not_sent(learner_client, learner, reason):
    delivery(learner, kind=WEAK_AREAS, period="2025-W10", status="skipped", reason=reason)

    response = learner_client.get("/settings/reminders/sent/")

    assert cards(response) == [
        ["Weekly weak-area nudge Not sent", "Due Wed 5 Mar 2025, 07:00", f"Not sent: {reason}"]
    ]


def test_the_sent_list_never_shows_another_learners_emails(learner_client, learner, other_learner):
    delivery(learner, kind=DIGEST)
    delivery(other_learner, kind=CATCH_UP, period="since-2025-03-01")

    response = learner_client.get("/settings/reminders/sent/")

    assert [card[0] for card in cards(response)] == ["Daily digest on study days Sent"]


def test_the_sent_list_shows_twenty_to_a_page_and_the_rest_on_the_next(learner_client, learner):
    for n in range(25):
        delivery(learner, period=f"2025-02-{n + 1:02d}")

    first = learner_client.get("/settings/reminders/sent/")
    second = learner_client.get("/settings/reminders/sent/?page=2")

    assert (len(cards(first)), len(cards(second))) == (20, 5)


def test_the_sent_list_says_so_when_nothing_was_sent_yet(learner_client):
    response = learner_client.get("/settings/reminders/sent/")

    assert parse(response).find("p", class_="empty").text == (
        "Nothing yet. Your first daily digest goes at your chosen hour on your next study day."
    )


def test_the_sent_list_sends_an_anonymous_visitor_to_sign_in(client):
    response = client.get("/settings/reminders/sent/")

    assert (response.status_code, response.url) == (
        302,
        "/accounts/login/?next=/settings/reminders/sent/",
    )


def test_the_sent_list_answers_405_to_a_post(learner_client):
    assert learner_client.post("/settings/reminders/sent/").status_code == 405


# --- unsubscribing --------------------------------------------------------------------------


def unsubscribe_url(user, kind: str) -> str:
    return f"/reminders/unsubscribe/{unsubscribe_token(user.pk, kind)}/"


@pytest.fixture
def mail_client():
    """A mail client or provider posting the one-click unsubscribe: no cookies, no session,
    and CSRF checks as strict as a browser would meet them."""
    return Client(enforce_csrf_checks=True)


def test_opening_an_unsubscribe_link_asks_for_confirmation_with_a_button(client, learner):
    response = client.get(unsubscribe_url(learner, DIGEST))

    page = parse(response)
    assert response.status_code == 200
    assert [b.text for b in page.find("main").find_all("button")] == [
        "Stop “Daily digest on study days” e-mails"
    ]


def test_opening_an_unsubscribe_link_changes_nothing(client, learner):
    client.get(unsubscribe_url(learner, DIGEST))
    client.get(unsubscribe_url(learner, ALL))

    assert ReminderSettings.objects.count() == 0


def test_a_one_click_unsubscribe_answers_in_plain_text(mail_client, learner):
    response = mail_client.post(unsubscribe_url(learner, DIGEST), ONE_CLICK)

    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == "text/plain"
    assert response.content.decode() == "Unsubscribed from “Daily digest on study days” e-mails."


def test_a_one_click_unsubscribe_says_which_character_set_its_answer_is_in(mail_client, learner):
    # The answer names the kind in curly quotes: without a charset a browser may garble them.
    response = mail_client.post(unsubscribe_url(learner, DIGEST), ONE_CLICK)

    assert response["Content-Type"] == "text/plain; charset=utf-8"


def test_a_one_click_unsubscribe_turns_that_kind_off_and_leaves_the_others_on(mail_client, learner):
    mail_client.post(unsubscribe_url(learner, DIGEST), ONE_CLICK)

    preferences = ReminderSettings.objects.get(user=learner)
    assert (preferences.choices, preferences.unsubscribed_all) == ({DIGEST: False}, False)


def test_a_one_click_unsubscribe_keeps_the_learners_other_preferences(
    mail_client, learner_client, learner, plan
):
    learner_client.post("/settings/", reminders_data(kinds=SHOWN_KINDS, unsubscribed_all=""))

    mail_client.post(unsubscribe_url(learner, CATCH_UP), ONE_CLICK)

    assert stored_settings(learner) == {
        "digest_hour": 8,
        "daily_cap": 5,
        "choices": {
            INTERVIEW_EVE: True,
            POST_INTERVIEW: True,
            COMMENTS: True,
            DIGEST: True,
            CATCH_UP: False,
            WEAK_AREAS: True,
            MENTOR_DIGEST: True,
        },
        "unsubscribed_all": False,
    }


def test_the_unsubscribe_from_everything_link_stops_every_email(mail_client, learner):
    response = mail_client.post(unsubscribe_url(learner, ALL), ONE_CLICK)

    preferences = ReminderSettings.objects.get(user=learner)
    assert response.status_code == 200
    assert (preferences.choices, preferences.unsubscribed_all) == ({}, True)


def test_confirming_on_the_unsubscribe_page_says_unsubscribed(mail_client, learner):
    response = mail_client.post(unsubscribe_url(learner, WEAK_AREAS))

    page = parse(response)
    assert response.status_code == 200
    assert page.find("h1").text == "Unsubscribed"
    assert page.find("section", role="status").find_all("p")[0].text == (
        "Done: no more “Weekly weak-area nudge” e-mails. Account e-mails (such as a password "
        "reset you ask for) still arrive."
    )


def test_confirming_on_the_unsubscribe_page_turns_that_kind_off(mail_client, learner):
    mail_client.post(unsubscribe_url(learner, WEAK_AREAS))

    assert ReminderSettings.objects.get(user=learner).choices == {WEAK_AREAS: False}


def test_unsubscribing_twice_is_harmless(mail_client, learner):
    url = unsubscribe_url(learner, DIGEST)
    first = mail_client.post(url, ONE_CLICK)

    second = mail_client.post(url, ONE_CLICK)

    preferences = ReminderSettings.objects.get(user=learner)
    assert (first.status_code, second.status_code) == (200, 200)
    assert (preferences.choices, preferences.unsubscribed_all) == ({DIGEST: False}, False)


def tampered(token: str) -> str:
    return token[:-1] + ("A" if token[-1] != "A" else "B")


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_unsubscribe_link_is_not_found(mail_client, learner, method):
    token = tampered(unsubscribe_token(learner.pk, DIGEST))

    response = getattr(mail_client, method)(f"/reminders/unsubscribe/{token}/", ONE_CLICK)

    assert response.status_code == 404
    assert ReminderSettings.objects.count() == 0


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unsubscribe_link_for_a_kind_we_do_not_send_is_not_found(mail_client, learner, method):
    response = getattr(mail_client, method)(unsubscribe_url(learner, "newsletter"), ONE_CLICK)

    assert response.status_code == 404
    assert ReminderSettings.objects.count() == 0


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unsubscribe_link_of_a_deleted_account_is_not_found(mail_client, method):
    gone = UserFactory(email="gone@example.com")
    url = unsubscribe_url(gone, DIGEST)
    gone.delete()

    response = getattr(mail_client, method)(url, ONE_CLICK)

    assert response.status_code == 404
    assert ReminderSettings.objects.count() == 0


# --- the operator's send_reminders ----------------------------------------------------------


def send_reminders(*args: str) -> list[str]:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue().splitlines()


def test_a_dry_run_prints_who_would_get_what_and_why(plan):
    lines = send_reminders("--dry-run", "--now", SWEEP_AT)

    assert lines == [
        "send: digest 2025-03-05 to alice@example.com: You asked for a daily digest at 07:00 "
        "every day (your study days).",
        "send: weak-areas 2025-W10 to alice@example.com: You get a weekly note on your weakest "
        "topics on your first study day of the week.",
        f"Dry run at {SWEEP_AT}: nothing written.",
    ]


def test_a_dry_run_writes_nothing(plan):
    send_reminders("--dry-run", "--now", SWEEP_AT)

    assert Delivery.objects.count() == 0


def test_a_sweep_records_what_is_due_in_the_ledger(learner, plan):
    send_reminders("--now", SWEEP_AT)

    assert list(
        Delivery.objects.order_by("kind").values_list("user", "kind", "period", "status")
    ) == [
        (learner.pk, DIGEST, "2025-03-05", "pending"),
        (learner.pk, WEAK_AREAS, "2025-W10", "pending"),
    ]


def test_a_sweep_says_how_many_emails_it_queued(plan):
    lines = send_reminders("--now", SWEEP_AT)

    assert lines[-1] == (
        f"Swept at {SWEEP_AT}: 2 queued to send, 0 skipped, 0 given up after a stopped worker."
    )


def test_a_malformed_now_is_refused_with_a_clear_message(plan):
    with pytest.raises(CommandError) as refused:
        send_reminders("--dry-run", "--now", "next tuesday")

    assert str(refused.value) == "--now 'next tuesday' is not an ISO date and time"
