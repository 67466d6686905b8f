"""The audit trail and the processing log in the admin: read-only, for everyone."""

from __future__ import annotations

from django.contrib import admin

from raadhuis.kernel.audit.admin_mixins import OrganisatieScopedAdminMixin, ReadOnlyAdminMixin
from raadhuis.kernel.audit.models import AuditEntry, VerwerkingsLog


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, OrganisatieScopedAdminMixin, admin.ModelAdmin):
    list_display = ("tijdstip", "actor_weergave", "actie", "object_type", "object_weergave")
    list_filter = ("actor_type", "actie", ("organisatie", admin.RelatedOnlyFieldListFilter))
    search_fields = ("actor_weergave", "object_weergave", "toelichting", "request_id")
    date_hierarchy = "tijdstip"
    show_full_result_count = False  # no COUNT(*) over the whole trail


@admin.register(VerwerkingsLog)
class VerwerkingsLogAdmin(ReadOnlyAdminMixin, OrganisatieScopedAdminMixin, admin.ModelAdmin):
    list_display = ("tijdstip", "actor_weergave", "partij_weergave", "zaak_identificatie", "doel")
    list_filter = ("actor_type", ("organisatie", admin.RelatedOnlyFieldListFilter))
    search_fields = ("actor_weergave", "partij_weergave", "zaak_identificatie", "handeling")
    date_hierarchy = "tijdstip"
    show_full_result_count = False
