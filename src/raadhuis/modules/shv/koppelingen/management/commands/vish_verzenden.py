"""`raadhuis vish-verzenden`: send the waiting and failed VISH (de)registrations (from cron)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from raadhuis.modules.shv.koppelingen.vish import vish_verzenden


class Command(BaseCommand):
    help = _("Verstuur wachtende en mislukte aan- en afmeldingen naar de VISH.")

    def handle(self, *args: object, **options: object) -> None:
        telling = vish_verzenden()
        self.stdout.write(
            _("VISH: %(gelukt)s gelukt, %(mislukt)s mislukt (wordt later opnieuw geprobeerd).")
            % telling
        )
