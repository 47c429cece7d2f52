from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "progress"
    verbose_name = "Progress"

    def ready(self):
        # Mentoring's e-mails join the reminders registry (kinds and what they say) here, so
        # the reminders package needs to know nothing about mentoring.
        from .mentoring import kinds, notices  # noqa: F401
