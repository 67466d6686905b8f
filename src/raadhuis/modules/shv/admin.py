"""The creditor register in the Django admin, read-only: changes go through the staff screens
(services with audit). Dossiers, debts and households are client data and stay out of the admin."""

from django.contrib import admin

from raadhuis.kernel.audit.admin_mixins import OrganisatieScopedAdminMixin, ReadOnlyAdminMixin
from raadhuis.modules.shv.models import Schuldeiser


@admin.register(Schuldeiser)
class SchuldeiserAdmin(ReadOnlyAdminMixin, OrganisatieScopedAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "rangorde", "iban", "email_correspondentie", "actief", "organisatie")
    list_filter = ("rangorde", "actief")
    search_fields = ("partij__weergavenaam", "partij__identificatie", "iban")
    list_select_related = ("partij", "organisatie")
