from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrmConfig(AppConfig):
    name = "raadhuis.modules.crm"
    label = "crm"
    verbose_name = _("Relatiebeheer")

    def ready(self) -> None:
        from raadhuis.kernel.organisations.models import Rol
        from raadhuis.modules.crm.vernietiging import crm_vernietiging_register
        from raadhuis.modules.crm.zoekbronnen import kern_zoekbronnen_register
        from raadhuis.web.menu import MenuItem, menu_item_register

        # Contact moments and surveys about a destroyed case go with it.
        crm_vernietiging_register()
        # The search box's own sources; the sub-apps add theirs in their ready().
        kern_zoekbronnen_register()
        # Contract and follow-up cases start from a contract or a contact moment.
        from raadhuis.kernel.catalog.intake import eigen_intake_register
        from raadhuis.modules.crm.catalogus import CATALOGUS_DOMEIN

        eigen_intake_register(
            CATALOGUS_DOMEIN, _("CRM: contract vastleggen"), "crm:contracten:nieuw"
        )

        def medewerker(actor: object) -> bool:
            return Rol.MEDEWERKER in getattr(actor, "rollen", ())

        # Every CRM page belongs to "Relaties" unless a part (klachten, contracten…) claims it.
        menu_item_register(
            MenuItem("crm:relaties", _("Relaties"), "medewerker", medewerker, 30, ("crm:",))
        )
