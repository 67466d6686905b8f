"""The catalogue in the Django admin, for functional administrators (issue 2: "Django admin may
serve for now, in Dutch"). Every save and delete is audited (AuditedAdminMixin)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from raadhuis.kernel.audit.admin_mixins import (
    AuditedAdminMixin,
    OrganisatieScopedAdminMixin,
    admin_actor,
    scoped_choices,
)
from raadhuis.kernel.catalog.models import (
    BesluitType,
    Catalogus,
    EigenschapType,
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from raadhuis.kernel.catalog.services import zaaktype_publish


class PublishedReadOnlyInline(admin.TabularInline):
    """The types under a published case type are fixed: a change is made in a new version."""

    def _concept(self, obj: Any) -> bool:
        return obj is None or getattr(obj, "concept", True)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._concept(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._concept(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._concept(obj) and super().has_delete_permission(request, obj)


class StatusTypeInline(PublishedReadOnlyInline):
    model = StatusType
    extra = 0
    fields = ("volgnummer", "omschrijving", "statustekst", "informeren", "doorlooptijd")
    ordering = ("volgnummer",)


class RolTypeInline(PublishedReadOnlyInline):
    model = RolType
    extra = 0
    fields = ("omschrijving", "omschrijving_generiek")


# The Catalogi API stores full URLs; say so rather than guess "http://".
URL_FIELDS: dict[type[models.Field], dict[str, Any]] = {models.URLField: {"assume_scheme": "https"}}


class ResultaatTypeInline(PublishedReadOnlyInline):
    model = ResultaatType
    extra = 0
    formfield_overrides = URL_FIELDS
    fields = (
        "omschrijving",
        "archiefnominatie",
        "archiefactietermijn",
        "afleidingswijze",
        "datumkenmerk",
        "procestermijn",
    )


class EigenschapTypeInline(PublishedReadOnlyInline):
    model = EigenschapType
    extra = 0
    fields = ("naam", "definitie", "formaat", "lengte", "kardinaliteit")


class ZaakTypeInformatieObjectTypeInline(PublishedReadOnlyInline):
    model = ZaakTypeInformatieObjectType
    extra = 0
    fields = ("informatieobjecttype", "volgnummer", "richting", "statustype")
    verbose_name = _("documenttype bij dit zaaktype")
    verbose_name_plural = _("documenttypen bij dit zaaktype")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # noqa: ANN001, ANN201
        # Only this case type's status types; the object id comes from the change URL.
        if db_field.name == "statustype" and request.resolver_match:
            object_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = StatusType.objects.filter(zaaktype_id=object_id or 0)
        elif (scoped := scoped_choices(db_field.related_model, request)) is not None:
            kwargs["queryset"] = scoped
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Catalogus)
class CatalogusAdmin(AuditedAdminMixin, OrganisatieScopedAdminMixin, admin.ModelAdmin):
    list_display = ("naam", "domein", "rsin", "organisatie", "versie")
    search_fields = ("naam", "domein", "rsin")
    list_filter = (("organisatie", admin.RelatedOnlyFieldListFilter),)


@admin.register(ZaakType)
class ZaakTypeAdmin(AuditedAdminMixin, OrganisatieScopedAdminMixin, admin.ModelAdmin):
    organisatie_path = "catalogus__organisatie"
    formfield_overrides = URL_FIELDS
    list_display = (
        "identificatie",
        "omschrijving",
        "versiedatum",
        "concept",
        "begin_geldigheid",
        "einde_geldigheid",
        "catalogus",
    )
    list_filter = (
        "concept",
        ("catalogus", admin.RelatedOnlyFieldListFilter),
        "vertrouwelijkheidaanduiding",
    )
    search_fields = ("identificatie", "omschrijving")
    list_select_related = ("catalogus",)
    ordering = ("catalogus", "identificatie", "-versiedatum")
    actions = ["publiceren"]
    inlines = [
        StatusTypeInline,
        RolTypeInline,
        ResultaatTypeInline,
        EigenschapTypeInline,
        ZaakTypeInformatieObjectTypeInline,
    ]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "catalogus",
                    "identificatie",
                    "omschrijving",
                    "omschrijving_generiek",
                    "vertrouwelijkheidaanduiding",
                    "doel",
                    "aanleiding",
                    "toelichting",
                )
            },
        ),
        (
            _("Termijnen"),
            {
                "fields": (
                    "doorlooptijd",
                    "servicenorm",
                    "doorlooptijd_in_werkdagen",
                    "opschorting_en_aanhouding_mogelijk",
                    "verlenging_mogelijk",
                    "verlengingstermijn",
                )
            },
        ),
        (
            _("Versie en publicatie"),
            {"fields": ("versiedatum", "begin_geldigheid", "einde_geldigheid", "concept")},
        ),
        (
            _("Overige kenmerken (Catalogi API)"),
            {
                "classes": ("collapse",),
                "fields": (
                    "indicatie_intern_of_extern",
                    "handeling_initiator",
                    "onderwerp",
                    "handeling_behandelaar",
                    "trefwoorden",
                    "publicatie_indicatie",
                    "publicatietekst",
                    "verantwoordingsrelatie",
                    "producten_of_diensten",
                    "selectielijst_procestype",
                    "referentieproces_naam",
                    "referentieproces_link",
                    "verantwoordelijke",
                    "deelzaaktypen",
                ),
            },
        ),
    )
    filter_horizontal = ("deelzaaktypen",)

    def get_readonly_fields(self, request: HttpRequest, obj: ZaakType | None = None) -> Any:
        """A published version is fixed (open cases rely on it); only its end of validity may
        still be set. A change is made as a new version."""
        if obj is not None and not obj.concept:
            editable = {"einde_geldigheid"}
            return [f.name for f in obj._meta.fields if f.name not in editable] + ["deelzaaktypen"]
        return super().get_readonly_fields(request, obj)

    @admin.action(description=_("Geselecteerde zaaktypen publiceren"))
    def publiceren(self, request: HttpRequest, queryset) -> None:  # noqa: ANN001
        """A published case type can be used for new cases; a concept cannot."""
        aantal = 0
        for zaaktype in queryset.filter(concept=True).select_related("catalogus__organisatie"):
            actor = admin_actor(request, zaaktype.catalogus.organisatie)
            if actor is None:
                continue
            try:
                zaaktype_publish(actor=actor, zaaktype=zaaktype)
            except ValidationError as error:
                self.message_user(
                    request,
                    _("%(zaaktype)s is niet gepubliceerd: %(reden)s")
                    % {"zaaktype": zaaktype, "reden": " ".join(error.messages)},
                    messages.ERROR,
                )
                continue
            aantal += 1
        self.message_user(
            request,
            ngettext("%(n)d zaaktype gepubliceerd.", "%(n)d zaaktypen gepubliceerd.", aantal)
            % {"n": aantal},
            messages.SUCCESS,
        )


@admin.register(InformatieObjectType)
class InformatieObjectTypeAdmin(AuditedAdminMixin, OrganisatieScopedAdminMixin, admin.ModelAdmin):
    organisatie_path = "catalogus__organisatie"
    list_display = (
        "omschrijving",
        "vertrouwelijkheidaanduiding",
        "informatieobjectcategorie",
        "concept",
        "catalogus",
    )
    list_filter = ("concept", ("catalogus", admin.RelatedOnlyFieldListFilter))
    search_fields = ("omschrijving",)


@admin.register(BesluitType)
class BesluitTypeAdmin(AuditedAdminMixin, OrganisatieScopedAdminMixin, admin.ModelAdmin):
    organisatie_path = "catalogus__organisatie"
    list_display = ("omschrijving", "besluitcategorie", "reactietermijn", "concept", "catalogus")
    list_filter = ("concept", ("catalogus", admin.RelatedOnlyFieldListFilter))
    search_fields = ("omschrijving",)
    filter_horizontal = ("zaaktypen",)
