from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShvConfig(AppConfig):
    name = "raadhuis.modules.shv"
    label = "shv"
    verbose_name = _("Schuldhulpverlening")

    def ready(self) -> None:
        # Letter templates may use the dossier's, the creditor's and the debt's fields.
        from raadhuis.modules.shv.brieven import merge_fields_register

        merge_fields_register()
        # The creditor register outlives a case on purpose (retention registry).
        from raadhuis.modules.shv.bewaren import shv_bewaarregels_register

        shv_bewaarregels_register()
        _menu_register()
        # A debt case starts with the registration form (it opens the dossier), not with
        # the general "Nieuwe zaak" form.
        from raadhuis.kernel.catalog.intake import eigen_intake_register
        from raadhuis.modules.shv.catalogus import CATALOGUS_DOMEIN

        eigen_intake_register(
            CATALOGUS_DOMEIN, _("Schuldhulpverlening: aanmelding"), "shv:aanmelding"
        )


def _menu_register() -> None:
    from raadhuis.modules.shv.common import heeft_shv_toegang
    from raadhuis.web.menu import MenuItem, menu_item_register

    for item in (
        # Consultants: every debt page belongs to "Schuldhulp" unless a longer prefix claims it.
        MenuItem("shv:caseload", _("Schuldhulp"), "medewerker", heeft_shv_toegang, 10, ("shv:",)),
        MenuItem(
            "shv:signaal_wachtrij", _("Signalen"), "medewerker", heeft_shv_toegang, 11,
            ("shv:signaal_",),
        ),
        MenuItem(
            "shv:vtlb:berekenen", _("VTLB berekenen"), "medewerker", heeft_shv_toegang, 12,
            ("shv:vtlb:bereken",),
        ),
        MenuItem(
            "shv:koppelingen", _("Koppelingen"), "medewerker", heeft_shv_toegang, 13,
            ("shv:koppeling",), onder="shv:caseload",
        ),
        MenuItem("shv:team", _("Team schuldhulp"), "teamleider", secties=("shv:team",)),
        MenuItem(
            "shv:vtlb:normversies", _("VTLB-normen"), "functioneel_beheerder", volgorde=10,
            secties=("shv:vtlb:normversie", "shv:vtlb:normbedrag"),
        ),
        MenuItem(
            "shv:regeling_instellingen", _("Instellingen schuldregeling"), "functioneel_beheerder",
            volgorde=11, secties=("shv:regeling_instellingen",),
        ),
        MenuItem(
            "shv:migratie_overzicht", _("Migratie schuldhulp"), "functioneel_beheerder",
            volgorde=12, secties=("shv:migratie_",),
        ),
        MenuItem(
            "shv:koppelingen", _("Koppelingen schuldhulp"), "functioneel_beheerder",
            volgorde=13, secties=("shv:koppeling",),
        ),
    ):  # fmt: skip
        menu_item_register(item)
