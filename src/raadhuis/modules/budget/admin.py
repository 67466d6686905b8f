"""The organisation's beheerrekeningen in the Django admin, read-only: they are made with
services.beheerrekening_ensure (audited). Budget accounts, plans and the ledger are client data
and stay out of the admin; consultants use the staff screens."""

from django.contrib import admin

from raadhuis.kernel.audit.admin_mixins import OrganisatieScopedAdminMixin, ReadOnlyAdminMixin
from raadhuis.modules.budget.models import Beheerrekening


@admin.register(Beheerrekening)
class BeheerrekeningAdmin(ReadOnlyAdminMixin, OrganisatieScopedAdminMixin, admin.ModelAdmin):
    list_display = ("naam", "iban", "bic", "actief", "organisatie")
    list_filter = ("actief",)
    search_fields = ("naam", "iban")
    list_select_related = ("organisatie",)
