"""CRM configuration in the admin, for a functional administrator: which departments see
every relation (the contact centre) and the tag list. Relations and contact moments hold
personal data and are written only through the services (the CRM screens), never here."""

from __future__ import annotations

from django.contrib import admin

from raadhuis.kernel.audit.admin_mixins import AuditedAdminMixin, OrganisatieScopedAdminMixin
from raadhuis.modules.crm.models import EenheidInstelling, Tag


@admin.register(EenheidInstelling)
class EenheidInstellingAdmin(AuditedAdminMixin, OrganisatieScopedAdminMixin, admin.ModelAdmin):
    list_display = ("eenheid", "ziet_alle_relaties", "organisatie")
    list_filter = ("ziet_alle_relaties",)


@admin.register(Tag)
class TagAdmin(AuditedAdminMixin, OrganisatieScopedAdminMixin, admin.ModelAdmin):
    list_display = ("naam", "organisatie")
    search_fields = ("naam",)
