"""Accounts: the e-mail-keyed user, the demo accounts, rate limits and the local outbox."""

import re

import pytest
from allauth.account.models import EmailAddress
from django import forms
from django.core.management import call_command
from django.http import Http404
from django.test import override_settings
from django.test.signals import template_rendered
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from accounts import outbox
from accounts.forms import ProfileForm, ZoneSelect, zone_choices
from accounts.models import User
from curriculum.models import Topic
from tests.progress.plans.markup import parse


@pytest.mark.django_db
def test_e_mail_addresses_are_unique_whatever_their_case():
    from django.db import IntegrityError, transaction

    User.objects.create_user(email="Ada@Example.com", password="x-long-password-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="ADA@example.COM")


@pytest.mark.django_db
def test_login_needs_a_verified_address(client, mailoutbox, django_capture_on_commit_callbacks):
    # Account e-mails leave once the request's data is committed (see accounts.adapter).
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {
                "email": "new@example.com",
                "password1": "a-long-Passphrase-42",
                "password2": "a-long-Passphrase-42",
            },
        )
    client.logout()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_login"),
            {"login": "new@example.com", "password": "a-long-Passphrase-42"},
        )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert len(mailoutbox) == 2  # sign-up and the reminder at login
    assert re.search(r"/accounts/confirm-email/\S+", mailoutbox[0].body)


@pytest.mark.django_db
@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip"})
def test_repeated_failed_logins_are_rate_limited(client, learner):
    for _ in range(3):
        client.post(reverse("account_login"), {"login": learner.email, "password": "wrong"})

    response = client.post(reverse("account_login"), {"login": learner.email, "password": "wrong"})

    assert "Too many failed login attempts" in response.text


@pytest.mark.django_db
def test_seed_demo_creates_verified_accounts_and_is_harmless_twice(curriculum, capsys):
    call_command("seed_demo", password="demo-pass-123")
    call_command("seed_demo", password="demo-pass-456")

    out = capsys.readouterr().out
    learner = User.objects.get(email="learner@example.com")
    assert learner.check_password("demo-pass-456")
    assert EmailAddress.objects.get(user=learner).verified
    assert User.objects.filter(email="mentor@example.com").count() == 1
    assert learner.plans.filter(is_active=True).count() == 1
    past = learner.plans.get().items.filter(date__lt=timezone.localdate())
    # Three of every four past items are done; the fourth is left over to catch up.
    assert past.filter(status="done").count() == past.count() - past.count() // 4
    assert past.filter(status="pending").count() == past.count() // 4 > 0
    assert learner.interviews.count() == 2
    assert learner.practice_problems.count() == 5
    assert learner.stories.count() == 2
    assert learner.mocks.count() == 1
    assert learner.timezone == "Europe/London"
    assert "learner@example.com / demo-pass-456" in out


def _outbox_request(rf, user):
    request = rf.get("/dev/outbox/")
    request.user = user
    return request


@pytest.mark.django_db
def test_the_local_outbox_lists_sent_mail_with_its_links_while_debug_is_on(
    rf, settings, tmp_path, learner
):
    from django.core.mail import EmailMessage

    settings.DEBUG = True
    settings.LOCAL_OUTBOX_DIR = tmp_path
    message = EmailMessage("Confirm your address", "Open http://x.test/accounts/confirm-email/k/")
    message.to = ["new@example.com"]
    (tmp_path / "0001.eml").write_bytes(message.message().as_bytes())

    response = outbox.outbox_view(_outbox_request(rf, learner))

    assert response.status_code == 200
    assert "Confirm your address" in response.text
    assert "http://x.test/accounts/confirm-email/k/" in response.text


@pytest.mark.django_db
def test_the_local_outbox_answers_404_when_debug_is_off(rf, settings, tmp_path, learner):
    settings.DEBUG = False
    settings.LOCAL_OUTBOX_DIR = tmp_path

    with pytest.raises(Http404):
        outbox.outbox_view(_outbox_request(rf, learner))


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["127.0.0.1", "127.0.1.1", "::1", "::ffff:127.0.0.1"])
def test_the_local_outbox_answers_the_machine_itself(rf, settings, tmp_path, learner, address):
    settings.DEBUG = True
    settings.LOCAL_OUTBOX_DIR = tmp_path
    request = _outbox_request(rf, learner)
    request.META["REMOTE_ADDR"] = address

    assert outbox.outbox_view(request).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["192.168.1.20", "10.0.0.7", "2001:db8::1", "", "unknown"])
def test_the_local_outbox_answers_404_to_any_other_machine(
    rf, settings, tmp_path, learner, address
):
    # A local run started on 0.0.0.0 is reachable from the network; the reset links are not.
    settings.DEBUG = True
    settings.LOCAL_OUTBOX_DIR = tmp_path
    request = _outbox_request(rf, learner)
    request.META["REMOTE_ADDR"] = address

    with pytest.raises(Http404):
        outbox.outbox_view(request)


@pytest.mark.django_db
@pytest.mark.urls("tests.test_account_pages")  # the site's URLs with the outbox routed
def test_a_forwarded_header_does_not_make_a_remote_browser_local(client, settings, tmp_path):
    settings.DEBUG = True
    settings.LOCAL_OUTBOX_DIR = tmp_path

    remote = client.get(
        "/dev/outbox/", REMOTE_ADDR="192.168.1.20", HTTP_X_FORWARDED_FOR="127.0.0.1"
    )
    local = client.get("/dev/outbox/", REMOTE_ADDR="127.0.0.1")

    assert remote.status_code == 404
    assert local.status_code == 200
    assert "Local outbox" in local.text


def test_the_local_outbox_is_not_routed_without_debug():
    # The test settings have DEBUG off, as production does: the URL does not exist at all.
    with pytest.raises(Resolver404):
        resolve("/dev/outbox/")


@pytest.mark.django_db
def test_sign_up_records_the_browsers_time_zone(client):
    client.post(
        reverse("account_signup"),
        {
            "email": "zoe@example.com",
            "password1": "a-long-Passphrase-42",
            "password2": "a-long-Passphrase-42",
            "timezone": "America/Sao_Paulo",
        },
    )

    assert User.objects.get(email="zoe@example.com").timezone == "America/Sao_Paulo"


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ["", "Mars/Olympus_Mons", "A" * 300])
def test_sign_up_with_a_missing_or_unknown_zone_starts_in_utc(client, zone):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "zoe@example.com",
            "password1": "a-long-Passphrase-42",
            "password2": "a-long-Passphrase-42",
            "timezone": zone,
        },
    )

    assert response.status_code == 302
    assert User.objects.get(email="zoe@example.com").timezone == "UTC"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [
        ("/mentoring/invitations/abc/", "/mentoring/invitations/abc/"),
        ("https://evil.example.com/", "/"),  # only a local address is followed
    ],
)
def test_confirming_in_the_browser_that_signed_up_signs_in_and_goes_where_sign_up_started(
    client, mailoutbox, django_capture_on_commit_callbacks, next_url, lands_on
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"{reverse('account_signup')}?next={next_url}",
            {
                "email": "new@example.com",
                "password1": "a-long-Passphrase-42",
                "password2": "a-long-Passphrase-42",
                "next": next_url,
            },
        )
    confirm = re.search(r"/accounts/confirm-email/\S+/", mailoutbox[0].body).group(0)

    verified = client.post(confirm)

    assert verified.status_code == 302
    assert verified.url == lands_on
    assert client.session["_auth_user_id"] == str(User.objects.get(email="new@example.com").pk)


@pytest.mark.django_db
def test_a_confirmation_link_opened_elsewhere_confirms_but_does_not_sign_in(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    # allauth signs in only the browser holding the sign-up: the link alone is no password.
    from django.test import Client

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {
                "email": "new@example.com",
                "password1": "a-long-Passphrase-42",
                "password2": "a-long-Passphrase-42",
            },
        )
    confirm = re.search(r"/accounts/confirm-email/\S+/", mailoutbox[0].body).group(0)
    elsewhere = Client()

    verified = elsewhere.post(confirm)

    assert verified.status_code == 302
    assert verified.url == reverse("account_login")
    assert "_auth_user_id" not in elsewhere.session
    assert EmailAddress.objects.get(email="new@example.com").verified


# --- the time-zone field ----------------------------------------------------------------
# About 600 zones: Django's Select renders every option through a sub-template of its own,
# which cost ~20 ms on each page with the field. ZoneSelect writes the same HTML from options
# built once per process.

ZONE_ATTRS = {"id": "id_timezone", "aria-describedby": "id_timezone_helptext"}


@pytest.mark.parametrize(
    "value", ["Asia/Tokyo", "America/Argentina/Buenos_Aires", None, "", "Mars/Base"]
)
def test_the_zone_select_is_the_html_of_djangos_select(value):
    browser_zone = {"data-browser-timezone": "true"}
    djangos = forms.Select(attrs=browser_zone, choices=zone_choices())

    ours = ZoneSelect(attrs=browser_zone).render("timezone", value, ZONE_ATTRS)

    assert ours == djangos.render("timezone", value, ZONE_ATTRS)


def test_the_zone_select_renders_no_template_per_zone():
    rendered = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(record)
    try:
        html = str(ProfileForm(initial={"timezone": "Asia/Tokyo"})["timezone"])
    finally:
        template_rendered.disconnect(record)

    assert rendered == []
    assert html.count("<option ") == len(zone_choices()) > 500
    assert '<option value="Asia/Tokyo" selected>Asia/Tokyo</option>' in html


@pytest.mark.django_db
def test_a_refused_onboarding_keeps_the_zone_chosen_and_its_label(
    client, planless_user, curriculum
):
    client.force_login(planless_user)
    ratings = {f"rating_{t.pk}": "3" for t in Topic.objects.filter(kind="study", retired=False)}

    response = client.post(
        "/onboarding/",
        {
            "start_date": "2025-03-05",
            "timezone": "Pacific/Auckland",
            "study_days": ["0"],
            "minutes_per_day": "5",  # too few: refused
            **ratings,
        },
    )

    assert response.status_code == 422
    page = parse(response)
    select = page.find("select", name="timezone")
    chosen = [o.attrs["value"] for o in select.find_all("option") if "selected" in o.attrs]
    assert chosen == ["Pacific/Auckland"]
    assert page.find("label", **{"for": select.attrs["id"]}).text == "Time zone"


@pytest.mark.django_db
def test_a_refused_account_form_keeps_the_zone_chosen(client, planless_user, curriculum):
    client.force_login(planless_user)

    response = client.post(
        "/settings/",
        {"section": "profile", "display_name": "n" * 81, "timezone": "America/La_Paz"},
    )

    assert response.status_code == 422
    select = parse(response).by_id("account").find("select", name="timezone")
    chosen = [o.attrs["value"] for o in select.find_all("option") if "selected" in o.attrs]
    assert chosen == ["America/La_Paz"]
