"""Organisations, their units and staff in the Django admin, audited on every save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from raadhuis.kernel.access.models import ZaakTypeAutorisatie
from raadhuis.kernel.audit.admin_mixins import AuditedAdminMixin, OrganisatieScopedAdminMixin
from raadhuis.kernel.catalog.models import ZaakType
from raadhuis.kernel.organisations.models import (
    Medewerker,
    Organisatie,
    OrganisatorischeEenheid,
    Rol,
)


@admin.register(Organisatie)
class OrganisatieAdmin(AuditedAdminMixin, OrganisatieScopedAdminMixin, admin.ModelAdmin):
    organisatie_path = ""
    list_display = ("naam", "rsin", "land", "tijdzone", "totp_verplicht", "zaak_prefix")
    search_fields = ("naam", "rsin")


@admin.register(OrganisatorischeEenheid)
class OrganisatorischeEenheidAdmin(
    AuditedAdminMixin, OrganisatieScopedAdminMixin, admin.ModelAdmin
):
    list_display = ("naam", "identificatie", "organisatie", "hoort_bij")
    list_filter = (("organisatie", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("naam", "identificatie")


class ZaakTypeAutorisatieForm(forms.ModelForm):
    zaaktype_identificatie = forms.ChoiceField(label=_("zaaktype"))

    class Meta:
        model = ZaakTypeAutorisatie
        fields = ("zaaktype_identificatie", "max_vertrouwelijkheidaanduiding")

    # Set per medewerker by ZaakTypeAutorisatieInline.get_formset: only their own catalogue.
    organisatie_id: int | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        seen: dict[str, str] = {}
        zaaktypen = ZaakType.objects.all()
        if self.organisatie_id is not None:
            zaaktypen = zaaktypen.filter(catalogus__organisatie_id=self.organisatie_id)
        for identificatie, omschrijving in zaaktypen.order_by(
            "identificatie", "-versiedatum"
        ).values_list("identificatie", "omschrijving"):
            seen.setdefault(identificatie, f"{omschrijving} ({identificatie})")
        current = self.initial.get("zaaktype_identificatie")
        if current and current not in seen:
            seen[current] = current  # a grant for a case type that no longer exists
        field = self.fields["zaaktype_identificatie"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "---------"), *seen.items()]


class ZaakTypeAutorisatieInline(admin.TabularInline):
    model = ZaakTypeAutorisatie
    form = ZaakTypeAutorisatieForm

    def get_formset(self, request: Any, obj: Any = None, **kwargs: Any) -> Any:
        if obj is not None:
            kwargs["form"] = type(
                "ZaakTypeAutorisatieFormVoorOrganisatie",
                (ZaakTypeAutorisatieForm,),
                {"organisatie_id": obj.organisatie_id},
            )
        return super().get_formset(request, obj, **kwargs)

    extra = 0
    verbose_name = _("zaaktype-autorisatie")
    verbose_name_plural = _("zaaktype-autorisaties (welke zaken mag deze medewerker behandelen)")


class MedewerkerForm(forms.ModelForm):
    rollen = forms.MultipleChoiceField(
        label=_("rollen"),
        choices=Rol.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Medewerker
        fields = (
            "organisatie",
            "user",
            "identificatie",
            "voorletters",
            "voorvoegsel_achternaam",
            "achternaam",
            "email",
            "eenheden",
            "rollen",
            "actief",
        )


@admin.register(Medewerker)
class MedewerkerAdmin(AuditedAdminMixin, OrganisatieScopedAdminMixin, admin.ModelAdmin):
    form = MedewerkerForm
    list_display = ("naam", "identificatie", "organisatie", "user", "rollen_weergave", "actief")
    list_filter = (("organisatie", admin.RelatedOnlyFieldListFilter), "actief")
    search_fields = ("achternaam", "identificatie", "user__username", "email")
    list_select_related = ("organisatie", "user")
    filter_horizontal = ("eenheden",)
    autocomplete_fields = ("user",)
    inlines = [ZaakTypeAutorisatieInline]

    @admin.display(description=_("rollen"))
    def rollen_weergave(self, obj: Medewerker) -> str:
        labels = dict(Rol.choices)
        return ", ".join(str(labels.get(r, r)) for r in obj.rollen)
