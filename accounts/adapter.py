"""allauth glue: account e-mails go through the product's e-mail builder (its name and look,
a text and an HTML part) and are sent in the background with retries."""

from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .mail import build_message
from .tasks import account_email_send

AFTER_VERIFICATION = "after_verification"  # session key: where sign-up was heading


class AccountAdapter(DefaultAccountAdapter):
    # allauth's wording, where it is vague ("and/or") or written for usernames.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": "That e-mail address and password do not match an account.",
        "email_taken": "An account with this e-mail address already exists: sign in instead.",
    }

    def save_user(self, request, user, form, commit=True):
        # Sign-up waits for the address to be verified, and allauth forgets the `next` on
        # the way (someone who signed up from a mentoring invitation landed on onboarding).
        # Keep it in the session; the login after verification carries it on.
        target = request.POST.get("next") or request.GET.get("next")
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            request.session[AFTER_VERIFICATION] = target
        return super().save_user(request, user, form, commit=commit)

    def get_email_verification_redirect_url(self, email_address) -> str:
        target = self.request.session.get(AFTER_VERIFICATION)
        if not target:
            return super().get_email_verification_redirect_url(email_address)
        if self.request.user.is_authenticated:
            return target
        return f"{reverse('account_login')}?{urlencode({'next': target})}"

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # allauth's own templates say what each account e-mail says (ours override the
        # greeting and the wording); the builder gives it the product's look.
        context = {"email": email, "site_name": settings.SITE_NAME, **context}
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        text = render_to_string(f"{template_prefix}_message.txt", context)
        message = build_message(
            template="account",
            to=email,
            context={
                "subject": self.format_email_subject(" ".join(subject.split())),
                "text": text.strip(),
            },
            headers={"Auto-Submitted": "auto-generated"},
        )
        account_email_send.delay_on_commit(
            to=email,
            subject=message.subject,
            text=message.body,
            html=message.alternatives[0].content,
            headers=dict(message.extra_headers),
        )
