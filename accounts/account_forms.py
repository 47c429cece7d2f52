"""allauth's forms with the product's wording (sentence case), chosen by ACCOUNT_FORMS.

Kept apart from accounts.forms: allauth imports that module (the sign-up base class) while
its own forms module loads, so importing allauth's forms there would be circular."""

from allauth.account import forms as allauth_forms


def _relabel(form, labels: dict[str, str]) -> None:
    for name, label in labels.items():
        if name in form.fields:
            form.fields[name].label = label


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"remember": "Keep me signed in on this device"})


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(
            self,
            {
                "oldpassword": "Current password",
                "password1": "New password",
                "password2": "New password (again)",
            },
        )


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"password1": "New password", "password2": "New password (again)"})
