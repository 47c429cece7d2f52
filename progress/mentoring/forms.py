from django import forms


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        error_messages={"invalid": "Enter an e-mail address such as name@example.com."},
    )
