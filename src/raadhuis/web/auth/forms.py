"""Login forms. They check input only; the views call the services."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.organisations.models import Medewerker

TEXTBOX_CLASS = "utrecht-textbox utrecht-textbox--html-input"


class UtrechtFormMixin:
    """Marks invalid inputs with the NL Design System class (Django adds the aria attributes)."""

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            field = self.fields.get(name)  # type: ignore[attr-defined]
            if field is not None and "utrecht-textbox" in field.widget.attrs.get("class", ""):
                field.widget.attrs["class"] += " utrecht-textbox--invalid"


class LoginForm(UtrechtFormMixin, forms.Form):
    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        error_messages={"required": _("Vul je gebruikersnaam in.")},
        widget=forms.TextInput(
            attrs={
                "class": TEXTBOX_CLASS,
                "autocomplete": "username",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        error_messages={"required": _("Vul je wachtwoord in.")},
        widget=forms.PasswordInput(
            attrs={"class": TEXTBOX_CLASS, "autocomplete": "current-password"}
        ),
    )

    def __init__(self, request: HttpRequest, *args, **kwargs) -> None:
        self.request = request
        self.user_cache: AbstractBaseUser | None = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        cleaned = super().clean()
        username, password = cleaned.get("username"), cleaned.get("password")
        if username and password:
            # `request` lets django-axes count failures and refuse a locked-out username.
            self.user_cache = authenticate(self.request, username=username, password=password)
            if self.user_cache is None:
                self.add_error(
                    "password",
                    _(
                        "De combinatie van gebruikersnaam en wachtwoord klopt niet. "
                        "Let op hoofdletters."
                    ),
                )
        return cleaned

    def get_user(self) -> AbstractBaseUser | None:
        return self.user_cache


class TotpCodeForm(UtrechtFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code van 6 cijfers"),
        help_text=_("De code uit je authenticator-app. Er komt elke 30 seconden een nieuwe."),
        error_messages={"required": _("Vul de code van 6 cijfers in.")},
        widget=forms.TextInput(
            attrs={
                "class": TEXTBOX_CLASS,
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "size": "8",
            }
        ),
    )

    def clean_code(self) -> str:
        code = re.sub(r"\s+", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(_("Een code bestaat uit precies 6 cijfers."))
        return code


class OrganisatieKeuzeForm(forms.Form):
    organisatie = forms.TypedChoiceField(
        label=_("Organisatie"),
        coerce=int,
        widget=forms.RadioSelect(
            attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"}
        ),
        error_messages={
            "required": _("Kies een organisatie."),
            "invalid_choice": _("Je bent geen medewerker van deze organisatie."),
        },
    )

    def __init__(self, *args, medewerkers: list[Medewerker], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].choices = [
            (m.organisatie_id, m.organisatie.naam) for m in medewerkers
        ]
