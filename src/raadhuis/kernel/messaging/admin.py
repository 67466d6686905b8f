"""The letter outbox in the admin, read-only: every delivery with its status, attempts and last
error, for the beheerder who looks into a failing mail server. Offering a failed e-mail again is
done by a case worker on the case (services.verzending_retry, audited)."""

from __future__ import annotations

from django.contrib import admin

from raadhuis.kernel.audit.admin_mixins import OrganisatieScopedAdminMixin, ReadOnlyAdminMixin
from raadhuis.kernel.messaging.models import Verzending


@admin.register(Verzending)
class VerzendingAdmin(ReadOnlyAdminMixin, OrganisatieScopedAdminMixin, admin.ModelAdmin):
    list_display = ("aangemaakt_op", "kanaal", "status", "pogingen", "volgende_poging_op")
    list_filter = ("status", "kanaal", ("organisatie", admin.RelatedOnlyFieldListFilter))
    # The recipient's name and address stay on the case: only the delivery facts here.
    fields = (
        "uuid",
        "organisatie",
        "kanaal",
        "status",
        "pogingen",
        "volgende_poging_op",
        "verzonden_op",
        "geprint_op",
        "laatste_fout",
    )
    readonly_fields = fields
    date_hierarchy = "aangemaakt_op"
