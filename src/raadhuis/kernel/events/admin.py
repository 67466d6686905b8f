"""Notifications in the admin: channels, subscriptions, the outbox and every delivery with its
attempts, read-only. A beheerder can offer a failed delivery again (through the service, which
audits it). Subscriptions are managed through the Notificaties API."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from raadhuis.kernel.audit.admin_mixins import (
    OrganisatieScopedAdminMixin,
    ReadOnlyAdminMixin,
    admin_actor,
)
from raadhuis.kernel.events.models import (
    Abonnement,
    AbonnementKanaal,
    Aflevering,
    Kanaal,
    OutboxEvent,
)
from raadhuis.kernel.events.services import aflevering_retry
from raadhuis.kernel.organisations.models import Medewerker, Rol


@admin.register(Kanaal)
class KanaalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("naam", "documentatie_link", "filters")
    search_fields = ("naam",)


class AbonnementKanaalInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = AbonnementKanaal
    fields = ("kanaal", "filters")
    extra = 0


@admin.register(Abonnement)
class AbonnementAdmin(ReadOnlyAdminMixin, OrganisatieScopedAdminMixin, admin.ModelAdmin):
    list_display = ("callback_url", "organisatie", "aangemaakt_op")
    list_filter = (("organisatie", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("callback_url",)
    # `auth` is the subscriber's secret: never shown.
    fields = ("uuid", "organisatie", "callback_url", "aangemaakt_op")
    readonly_fields = fields
    inlines = [AbonnementKanaalInline]


@admin.register(OutboxEvent)
class OutboxEventAdmin(ReadOnlyAdminMixin, OrganisatieScopedAdminMixin, admin.ModelAdmin):
    list_display = ("aangemaakt_op", "kanaal", "resource", "actie", "status", "organisatie")
    list_filter = (
        "status",
        "kanaal",
        "resource",
        ("organisatie", admin.RelatedOnlyFieldListFilter),
    )
    date_hierarchy = "aangemaakt_op"
    show_full_result_count = False


def _mag_opnieuw_aanbieden(request: HttpRequest) -> bool:
    """Superusers, and staff who are beheerder in at least one organisation."""
    if request.user.is_superuser:
        return True
    user_pk = request.user.pk
    return user_pk is not None and any(
        Rol.BEHEERDER in m.rollen for m in Medewerker.objects.filter(user_id=user_pk, actief=True)
    )


@admin.register(Aflevering)
class AfleveringAdmin(ReadOnlyAdminMixin, OrganisatieScopedAdminMixin, admin.ModelAdmin):
    organisatie_path = "abonnement__organisatie"
    list_display = (
        "aangemaakt_op",
        "kanaal",
        "resource",
        "actie",
        "abonnement",
        "status",
        "pogingen",
        "http_status",
        "volgende_poging_op",
        "laatste_fout_kort",
    )
    list_filter = (
        "status",
        "http_status",
        "outbox_event__kanaal",
        ("abonnement", admin.RelatedOnlyFieldListFilter),
        ("abonnement__organisatie", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("outbox_event", "abonnement")
    date_hierarchy = "aangemaakt_op"
    show_full_result_count = False
    actions = ["opnieuw_aanbieden"]

    @admin.display(description=_("kanaal"))
    def kanaal(self, obj: Aflevering) -> str:
        return obj.outbox_event.kanaal

    @admin.display(description=_("resource"))
    def resource(self, obj: Aflevering) -> str:
        return obj.outbox_event.resource

    @admin.display(description=_("actie"))
    def actie(self, obj: Aflevering) -> str:
        return obj.outbox_event.actie

    @admin.display(description=_("laatste fout"))
    def laatste_fout_kort(self, obj: Aflevering) -> str:
        return obj.laatste_fout[:120]

    def has_opnieuw_aanbieden_permission(self, request: HttpRequest) -> bool:
        return _mag_opnieuw_aanbieden(request)

    @admin.action(
        description=_("Mislukte afleveringen opnieuw aanbieden"),
        permissions=["opnieuw_aanbieden"],
    )
    def opnieuw_aanbieden(self, request: HttpRequest, queryset: QuerySet[Aflevering]) -> None:
        gelukt, fouten = 0, []
        for aflevering in queryset.select_related("abonnement__organisatie"):
            actor = admin_actor(request, aflevering.abonnement.organisatie)
            try:
                if actor is None:
                    raise PermissionDenied
                aflevering_retry(actor=actor, aflevering=aflevering)
                gelukt += 1
            except (PermissionDenied, ValidationError) as exc:
                fouten.append(f"{aflevering}: {' '.join(getattr(exc, 'messages', [str(exc)]))}")
        if gelukt:
            self.message_user(
                request,
                ngettext(
                    "%(n)d aflevering opnieuw aangeboden.",
                    "%(n)d afleveringen opnieuw aangeboden.",
                    gelukt,
                )
                % {"n": gelukt},
                messages.SUCCESS,
            )
        for fout in fouten:
            self.message_user(request, fout, messages.WARNING)
