"""The account pages (allauth's views, the product's templates): sentence-case headings, plain
wording, and in a local run a pointer to the outbox where their e-mails wait."""

import re

import pytest
from django.urls import path, reverse

from accounts import outbox
from config.urls import urlpatterns as site_urlpatterns
from tests.factories import PASSWORD, UserFactory

# The site's URLs with the outbox routed, as a local run (DEBUG) has them.
urlpatterns = [*site_urlpatterns, path("dev/outbox/", outbox.outbox_view, name="dev_outbox")]

SIGN_UP = {"email": "newbie@example.com", "password1": PASSWORD, "password2": PASSWORD}


def heading(response) -> str:
    return " ".join(re.search(r"<h1[^>]*>(.*?)</h1>", response.text, re.S).group(1).split())


def page_text(response) -> str:
    main = response.text.split('<main id="main"', 1)[1].split("</main>")[0]
    inline = re.sub(r"</?(a|strong|em)\b[^>]*>", "", main)
    return " ".join(re.sub(r"<[^>]+>", " ", inline).split())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "expected"),
    [
        ("account_login", "Sign in"),
        ("account_signup", "Sign up"),
        ("account_email_verification_sent", "Confirm your e-mail address"),
        ("account_reset_password", "Reset your password"),
        ("account_reset_password_done", "Check your e-mail"),
        ("account_inactive", "Account switched off"),
    ],
)
def test_entrance_pages_have_sentence_case_headings(client, url_name, expected):
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert heading(response) == expected
    assert f"<title>{expected} ·" in response.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "expected", "labels"),
    [
        ("account_login", "Sign in", ["Email", "Password", "Keep me signed in on this device"]),
        (
            "account_change_password",
            "Change your password",
            ["Current password", "New password", "New password (again)"],
        ),
        ("account_email", "E-mail address", ["New e-mail address"]),
        ("account_logout", "Sign out", []),
    ],
)
def test_account_pages_label_their_fields_in_sentence_case(
    learner_client, client, url_name, expected, labels
):
    page_client = client if url_name == "account_login" else learner_client
    if url_name == "account_login":
        page_client.logout()

    response = page_client.get(reverse(url_name))

    assert heading(response) == expected
    shown = [
        " ".join(label.split())
        for label in re.findall(r"<label[^>]*>(.*?)</label>", response.text, re.S)
    ]
    assert shown == labels


@pytest.mark.django_db
def test_the_confirmation_page_asks_plainly_whose_address_it_is(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), SIGN_UP)
    confirm = re.search(r"/accounts/confirm-email/\S+/", mailoutbox[0].body).group(0)

    response = client.get(confirm)

    assert heading(response) == "Confirm your e-mail address"
    assert "Is newbie@example.com your address?" in page_text(response)
    assert "for user" not in response.text


@pytest.mark.django_db
def test_an_expired_confirmation_link_says_how_to_get_a_new_one(client):
    response = client.get("/accounts/confirm-email/no-such-key/")

    assert "This link has expired or has already been used." in page_text(response)
    assert f'href="{reverse("account_login")}"' in response.text


@pytest.mark.django_db
def test_signing_in_and_out_say_so_plainly(client):
    user = UserFactory(email="dora@example.com", display_name="Dora")

    signed_in = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True
    )
    signed_out = client.post(reverse("account_logout"), follow=True)

    assert "Signed in. Welcome back, Dora." in page_text(signed_in)
    assert "You have signed out." in page_text(signed_out)


@pytest.mark.django_db
def test_a_wrong_password_is_named_without_and_or(client, learner):
    response = client.post(reverse("account_login"), {"login": learner.email, "password": "no"})

    assert "That e-mail address and password do not match an account." in page_text(response)


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    "url_name", ["account_email_verification_sent", "account_reset_password_done"]
)
def test_in_a_local_run_pages_that_announce_an_e_mail_point_to_the_outbox(
    client, settings, url_name
):
    settings.DEBUG = True

    response = client.get(reverse(url_name))

    assert f'href="{reverse("dev_outbox")}"' in response.text
    assert "e-mails are not sent, they are kept in the local outbox" in page_text(response)


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_with_debug_off_no_page_mentions_an_outbox(client, settings):
    # Even where the route exists, a production page never points to it.
    settings.DEBUG = False

    response = client.get(reverse("account_email_verification_sent"))

    assert "outbox" not in response.text


@pytest.mark.django_db
def test_changing_the_address_shows_it_waiting_with_a_way_to_resend(
    learner_client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        learner_client.post(
            reverse("account_email"), {"action_add": "", "email": "alice.new@example.com"}
        )
    page = learner_client.get(reverse("account_email"))
    with django_capture_on_commit_callbacks(execute=True):
        # The page's "Send the link again" button submits the hidden form beside it.
        learner_client.post(
            reverse("account_email"), {"action_send": "", "email": "alice.new@example.com"}
        )

    text = page_text(page)
    assert "You sign in with alice@example.com" in text
    assert "Changing to alice.new@example.com: waiting for you to open the link" in text
    assert 'form="pending-email" name="action_send"' in page.text
    assert 'id="pending-email" method="post"' in page.text
    assert "style=" not in page.text  # the strict CSP refuses inline styles
    assert [m.to for m in mailoutbox] == [["alice.new@example.com"]] * 2
