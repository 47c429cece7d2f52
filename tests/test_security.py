"""Headers and settings every page carries."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/")

    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    assert "http" not in policy.replace("'self'", "")


@pytest.mark.django_db
def test_the_htmx_script_is_served_locally_with_the_nonce(client):
    response = client.get("/")

    assert 'src="/static/django-htmx/' not in response.text or "nonce=" in response.text
    assert "<script" in response.text
    for tag in response.text.split("<script")[1:]:
        assert 'src="/static/' in tag.split(">")[0]
        assert "nonce=" in tag.split(">")[0]


@pytest.mark.django_db
def test_logout_requires_post(learner_client):
    assert learner_client.get(reverse("account_logout")).status_code in (200, 405)
    assert "_auth_user_id" in learner_client.session

    learner_client.post(reverse("account_logout"))

    assert "_auth_user_id" not in learner_client.session


@pytest.mark.django_db
def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/")

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_check_deploy_warns_when_email_links_would_not_use_https(settings):
    from accounts.checks import site_url_is_https

    settings.SITE_URL = "http://prep.example.com"
    assert [w.id for w in site_url_is_https(None)] == ["accounts.W001"]
    settings.SITE_URL = "https://prep.example.com"
    assert site_url_is_https(None) == []
