from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KlachtenConfig(AppConfig):
    name = "raadhuis.modules.crm.klachten"
    label = "crm_klachten"
    verbose_name = _("Klachten")

    def ready(self) -> None:
        # Letter templates may use the complaint's fields (`{{ klacht.onderwerp }}`).
        from raadhuis.modules.crm.klachten.brieven import merge_fields_register

        merge_fields_register()
        # A complaint starts with the complaint intake (it sets the legal term).
        from raadhuis.kernel.catalog.intake import eigen_intake_register
        from raadhuis.modules.crm.klachten.catalogus import CATALOGUS_DOMEIN

        eigen_intake_register(CATALOGUS_DOMEIN, _("Klacht registreren"), "crm:klachten:nieuw")
        _zaakregel_register()
        _relatieblok_register()
        _menu_register()

        # One search box over the CRM (crm.zoeken): complaints within the complaint rule.
        from raadhuis.modules.crm.klachten.selectors import KlachtFilters, klachten_lijst
        from raadhuis.modules.crm.zoeken import SlimFilter, Zoekbron, uuid_url, zoek_register

        zoek_register(
            Zoekbron(
                naam="klachten",
                titel=_("Klachten"),
                volgorde=60,
                basis=lambda actor: klachten_lijst(actor=actor, filters=KlachtFilters()),
                partij_veld="klager",
                tekstvelden=("onderwerp",),
                kenmerk_velden=("zaak__identificatie",),
                select_related=("zaak",),
                velden=("uuid", "onderwerp", "status", "zaak__identificatie"),
                sortering=("-ontvangen_op", "-pk"),
                url_van=lambda k: uuid_url("crm:klachten:detail", k.uuid),
                titel_van=lambda k: f"{k.zaak.identificatie} {k.onderwerp}",
                omschrijving_van=lambda k: f"{k.klager} · {k.get_status_display()}",
                slimme_filters=(
                    SlimFilter(
                        "klachten_over_termijn",
                        _("Klachten over de termijn"),
                        filter=lambda actor, qs, op: qs.filter(
                            pk__in=klachten_lijst(
                                actor=actor, filters=KlachtFilters(termijn="te_laat"), vandaag=op
                            ).values("pk")
                        ),
                    ),
                ),
            )
        )


def _relatieblok_register() -> None:
    try:
        from raadhuis.modules.crm.relatiepagina import relatieblok_register
    except ImportError:  # the crm core is not there (yet)
        return
    from raadhuis.modules.crm.klachten.selectors import klachten_relatieblok

    relatieblok_register(
        "klachten", 40, klachten_relatieblok, "crm/klachten/_relatieblok.html", titel=_("Klachten")
    )


def _menu_register() -> None:
    from raadhuis.kernel.organisations.models import Rol
    from raadhuis.web.menu import MenuItem, menu_item_register

    def medewerker(actor) -> bool:  # noqa: ANN001
        return actor.heeft_rol(Rol.MEDEWERKER)

    menu_item_register(
        MenuItem(
            "crm:klachten:lijst", _("Klachten"), "medewerker", medewerker, 40,
            ("crm:klachten:",), onder="crm:relaties")
    )  # fmt: skip
    for groep in ("teamleider", "functioneel_beheerder"):  # both may read the report
        menu_item_register(
            MenuItem(
                "crm:klachten:rapportage", _("Klachtenrapportage"), groep, volgorde=40,
                secties=("crm:klachten:rapportage",),
            )
        )  # fmt: skip


def _zaakregel_register() -> None:
    """A complaint's case is for the complaint's department, not for everyone with the grant."""
    from raadhuis.kernel.access.policies import zaaktype_regel_register
    from raadhuis.modules.crm.klachten.catalogus import ZAAKTYPE_IDENTIFICATIE
    from raadhuis.modules.crm.klachten.selectors import klachtzaak_regel

    zaaktype_regel_register(ZAAKTYPE_IDENTIFICATIE, klachtzaak_regel)
