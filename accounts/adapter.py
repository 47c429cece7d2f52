"""allauth glue: account e-mails go through the product's e-mail builder (its name and look,
a text and an HTML part) and are sent in the background with retries."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.template.loader import render_to_string

from .mail import build_message
from .tasks import account_email_send


class AccountAdapter(DefaultAccountAdapter):
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
