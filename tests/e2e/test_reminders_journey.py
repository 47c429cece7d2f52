"""A learner chooses when reminders come, gets the daily digest in the local outbox, follows it
into the app, and stops that kind of e-mail from the link in the e-mail, by keyboard, on a
phone."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import path
from playwright.sync_api import expect

from accounts import outbox
from config.urls import urlpatterns as site_urlpatterns
from tests.conftest import BROWSER_NOW
from tests.e2e.conftest import PHONE, scrolls_sideways, serious_violations
from tests.factories import UserFactory, onboard

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    # The site's URLs read DEBUG once, at import, to route the outbox, and tests import them
    # with DEBUG off; this module is the site's URLs with the outbox routed as DEBUG would.
    pytest.mark.urls(__name__),
]

urlpatterns = [*site_urlpatterns, path("dev/outbox/", outbox.outbox_view, name="dev_outbox")]

PASSWORD = "a-long-Passphrase-42"
EMAIL = "reminded@example.com"
STUDY_DAY = BROWSER_NOW.date()  # a Wednesday; the learner studies every day, in UTC
# Five past the hour the learner picks below, on the first day of their plan.
SWEEP_AT = BROWSER_NOW.replace(hour=8, minute=5)
STOP_DIGEST = re.compile(r'Stop "Daily digest on study days" e-mails: (\S+)')


def test_a_learner_tunes_reminders_gets_the_digest_and_unsubscribes_from_its_link(
    live_server, browser, artefacts, curriculum, local_outbox
):
    from progress.reminders.models import Delivery, ReminderSettings

    learner = UserFactory(email=EMAIL, password=PASSWORD)
    onboard(learner, STUDY_DAY)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    sideways = {}
    try:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Email").fill(EMAIL)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_label("Password").press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Today, "))

        # The learner wants the digest an hour later and no weekly weak-area nudge.
        page.goto(f"{live_server.url}/settings/")
        reminders = page.locator("#reminders")
        reminders.get_by_label("Send the daily digest at").select_option(label="08:00")
        reminders.get_by_label("Weekly weak-area nudge").uncheck()
        reminders.get_by_role("button", name="Save reminders").click()
        expect(page.get_by_role("status")).to_contain_text("Reminder preferences saved.")
        preferences = ReminderSettings.objects.get(user=learner)
        assert (preferences.digest_hour, preferences.choices["weak-areas"]) == (8, False)
        sideways["settings"] = scrolls_sideways(page)
        assert serious_violations(page) == []

        # The sweep beat would run; its sends are enqueued once the ledger rows are committed.
        call_command("send_reminders", now=SWEEP_AT, stdout=StringIO())
        assert sorted(
            Delivery.objects.filter(user=learner).values_list("kind", "status", "reason")
        ) == [("digest", "sent", ""), ("weak-areas", "skipped", "opted out")]

        page.goto(f"{live_server.url}/dev/outbox/")
        mails = page.get_by_role("article")
        expect(mails).to_have_count(1)
        digest = mails.first
        expect(digest.get_by_role("heading")).to_have_text(re.compile(r"^Today's study: "))
        expect(digest).to_contain_text(f"To {EMAIL}")
        sideways["outbox"] = scrolls_sideways(page)
        unsubscribe_link = STOP_DIGEST.search(digest.inner_text())[1]

        # "Open today's page" links to the site's root, which is the today view.
        digest.get_by_role("link", name=f"{live_server.url}/", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Today, Wednesday 5 March")
        sideways["today"] = scrolls_sideways(page)

        page.go_back()
        page.get_by_role("article").get_by_role("link", name=unsubscribe_link, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Unsubscribe")
        expect(page.get_by_role("heading", level=2)).to_have_text(
            f"Stop “Daily digest on study days” e-mails to {EMAIL}?"
        )
        sideways["confirmation"] = scrolls_sideways(page)
        assert serious_violations(page) == []
        assert ReminderSettings.objects.get(user=learner).choices["digest"] is True

        stop = page.get_by_role("button", name="Stop “Daily digest on study days” e-mails")
        stop.focus()
        page.keyboard.press("Enter")

        expect(page.get_by_role("heading", level=1)).to_have_text("Unsubscribed")
        sideways["unsubscribed"] = scrolls_sideways(page)
        page.screenshot(path=artefacts / "reminders-unsubscribed-phone.png", full_page=True)
        preferences = ReminderSettings.objects.get(user=learner)
        assert (preferences.choices["digest"], preferences.unsubscribed_all) == (False, False)
        assert sideways == {
            "settings": False,
            "outbox": False,
            "today": False,
            "confirmation": False,
            "unsubscribed": False,
        }
    finally:
        context.close()
