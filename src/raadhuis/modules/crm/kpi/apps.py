from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KpiConfig(AppConfig):
    name = "raadhuis.modules.crm.kpi"
    label = "crm_kpi"
    verbose_name = _("KPI's en rapportages")

    def ready(self) -> None:
        from raadhuis.kernel.organisations.models import Rol
        from raadhuis.web.menu import MenuItem, menu_item_register

        def medewerker(actor) -> bool:  # noqa: ANN001
            return actor.heeft_rol(Rol.MEDEWERKER)

        def teamleider(actor) -> bool:  # noqa: ANN001
            return actor.heeft_rol(Rol.TEAMLEIDER)

        for groep, zichtbaar in (("medewerker", medewerker), ("teamleider", teamleider)):
            menu_item_register(
                MenuItem(
                    "crm:kpi:dashboard",
                    _("KPI's CRM"),
                    groep=groep,
                    zichtbaar=zichtbaar,
                    volgorde=160,
                    secties=("crm:kpi:",),
                    onder="crm:relaties" if groep == "medewerker" else "",
                )
            )
