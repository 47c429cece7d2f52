"""Every page a visitor, a learner, a new user and a mentor can reach, at a phone's width and
at a desktop's: no serious or critical axe-core finding, and nothing scrolls sideways on the
phone. The pages are the GET rows of the authorization matrix (tests/authorization.py) that
answer 200 to the role, so a new page is checked here as soon as it is declared there; a few
states no URL names (a 404, a page with a form's errors) are added by hand."""

import json
from datetime import timedelta

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from django.core.cache import cache
from django.template import loader
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from progress.mentoring import services as mentoring
from progress.mentoring.models import Mentorship
from progress.plans import services as plans
from tests.authorization import OK, URLS, declared_ids
from tests.e2e.conftest import PHONE
from tests.factories import (
    InterviewFactory,
    UserFactory,
    onboard,
)
from tests.progress.mentoring.helpers import linked

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 800}
# Who visits, in the matrix's words: the learner with data, the learner's mentor, a new user
# with no plan yet, and a visitor. A page is checked for the first of them it answers; the
# later ones add the pages only they reach, and these, whose content is theirs alone.
ROLES = ("owner", "mentor", "planless", "anonymous")
AGAIN = {"mentor": ["/mentoring/"], "planless": ["/settings/"], "anonymous": ["/"]}


def _world() -> tuple[dict, dict]:
    """A learner a few days into a plan with one of everything (a done, a skipped and a noted
    item, a past and a coming interview, a problem, a story, a mock, a mentor's comment), the
    learner's mentor, a pending invitation and a user who has not onboarded."""
    today = timezone.localdate()
    owner = UserFactory(email="alice@example.com", display_name="Alice")
    mentor = UserFactory(email="maria@example.com", display_name="Maria")
    pending = UserFactory(email="penny@example.com", display_name="Penny")
    planless = UserFactory(email="nina@example.com", display_name="Nina")
    # Started a week ago: the progress chart has a past week, this week and weeks to come.
    plan = onboard(owner, today - timedelta(days=7), interview_date=today + timedelta(days=21))
    onboard(mentor, today)
    link = linked(owner, mentor)
    invitation = mentoring.mentorship_invite(
        inviter=owner, email=pending.email, inviter_side=Mentorship.Side.MENTEE
    )
    # Today's and the coming items (today may hold one session only): one done, one skipped
    # (drawn faded: a contrast risk), one with a note; half the earlier days done.
    coming = list(plan.items.filter(date__gte=today).order_by("date", "position")[:3])
    earlier = list(plan.items.filter(date__lt=today).order_by("date", "position"))
    for item in earlier[: len(earlier) // 2]:
        plans.plan_item_set_done(item=item, done=True)
    plans.plan_item_set_done(item=coming[0], done=True)
    plans.plan_item_skip(item=coming[1], reason="Covered at work.")
    plans.plan_item_set_note(item=coming[2], note="Revise the GIL part.")
    past = InterviewFactory(user=owner, scheduled_at=timezone.now() - timedelta(days=1))
    InterviewFactory(user=owner, scheduled_at=timezone.now() + timedelta(days=5))
    mentoring.comment_add(
        author=mentor, learner_id=owner.pk, about="item", about_id=coming[0].pk, body="Nice."
    )
    users = {"anonymous": None, "owner": owner, "planless": planless, "mentor": mentor}
    ids = declared_ids(
        owner=owner, item=coming[0], interview=past, link=link, invitation=invitation
    )
    return users, ids


def pages_for(role: str, ids: dict) -> list[str]:
    """The matrix's GET pages that answer 200 to the role, as paths."""
    paths = []
    for key, row in sorted(URLS.items()):
        if row.method != "GET" or row.expected[role] != OK:
            continue
        try:
            kwargs = {name: value.format(**ids) for name, value in row.kwargs.items()}
        except KeyError as missing:  # a new page: seed what it shows, so it is checked too
            raise AssertionError(f"{key}: _world() has no id {missing} for this page") from None
        paths.append(reverse(key, kwargs=kwargs))
    return paths


def visits(ids: dict) -> dict[str, list[str]]:
    """Each role's pages: those no earlier role was shown, and its own versions of AGAIN."""
    seen: set[str] = set()
    plan = {}
    for role in ROLES:
        reached = pages_for(role, ids)
        plan[role] = [p for p in reached if p not in seen or p in AGAIN.get(role, [])]
        seen.update(reached)
    return plan


# Pages in a state no matrix row reaches: an address that does not exist, and forms sent back
# with errors (the error markup is where labels and descriptions go wrong): (path, the form).
MISSING = "/no-such-page/"
EMPTIED_FORMS = {
    "owner": [
        ("/interviews/", "main form[method=post]"),
        ("/mocks/", "main form[method=post]"),
        ("/practice/", "main form[method=post]"),
        ("/settings/", "main form:has(input[name=section][value=schedule])"),
    ],
    "planless": [("/onboarding/", "main form[method=post]")],
}


def _session(context, base_url: str, user) -> None:
    """Signs the browser in as `user` (the sign-in page itself is checked as a page)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": base_url}])


def _submit_emptied(page, url: str, selector: str) -> None:
    """Sends the form with its fields emptied and its boxes unticked, as a hurried user might."""
    page.goto(url)
    form = page.locator(selector).first
    typed = "input:not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea"
    form.locator(typed).evaluate_all("fields => fields.forEach(field => { field.value = ''; })")
    form.locator("input[type=checkbox]").evaluate_all(
        "boxes => boxes.forEach(box => { box.checked = false; })"
    )
    with page.expect_navigation():
        # Some forms sit in a closed <details>: submitted as its button would (it may be hidden).
        form.evaluate("form => form.requestSubmit()")
    assert page.locator("main .field-error").count() > 0, f"{url}: no error shown"


def _serious(page) -> list[tuple[str, list[str]]]:
    """As the e2e conftest's serious_violations, with axe-core already in the page (injected
    once per page load by the context: injecting it per check doubled this test's time)."""
    found = page.evaluate("axe.run({resultTypes: ['violations']})")["violations"]
    return [
        (v["id"], [node["html"] for node in v["nodes"]])
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


# Controls a thumb taps, other than links inside running text (WCAG's inline exception): each
# at least 44 px each way. A box or radio button is tapped through its label.
SMALL_TARGETS = """() => [...document.querySelectorAll(
    'button, summary, select, textarea, input:not([type=hidden]), nav a, .button, .pill')]
  .filter(el => el.checkVisibility())
  .map(el => el.matches('[type=checkbox], [type=radio]') && el.labels.length ? el.labels[0] : el)
  .filter(el => { const box = el.getBoundingClientRect();
                  return box.height < 43.5 || box.width < 43.5; })
  .map(el => el.outerHTML.slice(0, 100))"""


def _check(page, findings: dict, label: str) -> None:
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        findings[f"{label} @{size['width']}"] = {
            "width": page.evaluate("document.documentElement.scrollWidth"),
            "violations": _serious(page),
            "small": page.evaluate(SMALL_TARGETS) if size == PHONE else [],
        }


def _error_pages(page, base_url: str, settings, findings: dict) -> None:
    """The 429 page as a visitor meets it (a second password reset inside a minute), and the
    500 page as Django renders it (no request; shown at this site's address for its CSS)."""
    settings.ACCOUNT_RATE_LIMITS = {"reset_password": "1/m/ip"}
    statuses = []
    for _ in range(2):
        page.goto(f"{base_url}/accounts/password/reset/")
        form = page.locator("main form[method=post]").first
        form.locator("input[name=email]").fill("alice@example.com")
        with page.expect_navigation() as sent:
            form.evaluate("form => form.requestSubmit()")
        statuses.append(sent.value.status)
    assert statuses[-1] == 429
    _check(page, findings, "anonymous 429")
    cache.clear()  # the rate limit's count: no later test should meet it
    page.set_content(loader.get_template("500.html").render())
    _check(page, findings, "anonymous 500")


def test_no_page_has_serious_axe_violations_or_scrolls_sideways_on_a_phone(
    live_server, browser, artefacts, curriculum, settings
):
    users, ids = _world()
    plan = visits(ids)
    findings: dict[str, dict] = {}
    statuses = {}
    for role in ROLES:
        context = browser.new_context(viewport=PHONE)
        context.add_init_script(AXE_SCRIPT)
        if users[role] is not None:
            _session(context, live_server.url, users[role])
        page = context.new_page()
        try:
            for path in plan[role]:
                kind = page.request.get(live_server.url + path).headers.get("content-type", "")
                if not kind.startswith("text/html"):
                    continue  # a download (such as the data export), not a page
                response = page.goto(live_server.url + path)
                statuses[f"{role} {path}"] = response.status
                _check(page, findings, f"{role} {path}")
            if role in ("owner", "anonymous"):  # the header differs, signed in or not
                page.goto(live_server.url + MISSING)
                _check(page, findings, f"{role} 404")
            for path, form in EMPTIED_FORMS.get(role, []):
                _submit_emptied(page, live_server.url + path, form)
                _check(page, findings, f"{role} {path} (form with errors)")
            if role == "anonymous":
                _error_pages(page, live_server.url, settings, findings)
        finally:
            context.close()

    report = {
        label: {
            "width": f["width"],
            "serious": [v[0] for v in f["violations"]],
            "small targets": len(f["small"]),
        }
        for label, f in findings.items()
    }
    (artefacts / "every-page.json").write_text(json.dumps(report, indent=1, sort_keys=True))
    not_found = {p: s for p, s in statuses.items() if s != 200}
    sideways = {
        label: f["width"]
        for label, f in findings.items()
        if label.endswith(f"@{PHONE['width']}") and f["width"] > PHONE["width"]
    }
    violations = {label: f["violations"] for label, f in findings.items() if f["violations"]}
    small = {label: f["small"] for label, f in findings.items() if f["small"]}

    # The matrix's rows reached: every role saw its pages (a seeding slip shows up here).
    assert not_found == {}
    assert all(plan[role] for role in ROLES)
    assert sideways == {}
    assert violations == {}
    assert small == {}
