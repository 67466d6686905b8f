from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeadsConfig(AppConfig):
    name = "raadhuis.modules.crm.leads"
    label = "crm_leads"
    verbose_name = _("Leads en kansen")

    def ready(self) -> None:
        # Quotation templates may use the lead's fields (`{{ lead.titel }}`).
        from raadhuis.modules.crm.leads.brieven import merge_fields_register

        merge_fields_register()
        _relatieblok_register()
        _menu_register()

        # One search box over the CRM (crm.zoeken): leads within the lead rule.
        from raadhuis.modules.crm.leads.selectors import Leadfilter, leads_zichtbaar, leads_zoeken
        from raadhuis.modules.crm.zoeken import (
            TEL_GRENS,
            SlimFilter,
            Zoekbron,
            uuid_url,
            zoek_register,
        )

        zoek_register(
            Zoekbron(
                naam="leads",
                titel=_("Leads"),
                volgorde=40,
                basis=leads_zichtbaar,
                partij_veld="partij",
                tekstvelden=("titel",),
                kenmerk_velden=("kenmerk",),
                per_partij_grens=TEL_GRENS,
                select_related=("fase",),
                velden=("uuid", "kenmerk", "titel", "fase__naam"),
                sortering=("-aangemaakt_op", "-pk"),
                url_van=lambda lead: uuid_url("crm:leads:detail", lead.uuid),
                titel_van=lambda lead: f"{lead.kenmerk} {lead.titel}",
                omschrijving_van=lambda lead: f"{lead.partij} · {lead.fase.naam}",
                slimme_filters=(
                    SlimFilter(
                        "leads_zonder_contact_30",
                        _("Leads zonder contact in 30 dagen"),
                        rijen=lambda actor, op, limit: [
                            r.lead
                            for r in leads_zoeken(
                                actor=actor,
                                filters=Leadfilter(zonder_contact_dagen=30),
                                limit=limit,
                            )
                        ],
                    ),
                ),
            )
        )


def _relatieblok_register() -> None:
    from raadhuis.modules.crm.leads.relatieblok import leads_relatieblok
    from raadhuis.modules.crm.relatiepagina import relatieblok_register

    relatieblok_register(
        "leads", 45, leads_relatieblok, "crm/leads/_relatieblok.html", titel=_("Leads")
    )


def _menu_register() -> None:
    from raadhuis.kernel.organisations.models import Rol
    from raadhuis.web.menu import MenuItem, menu_item_register

    def medewerker(actor) -> bool:  # noqa: ANN001
        return actor.heeft_rol(Rol.MEDEWERKER)

    def beheerder(actor) -> bool:  # noqa: ANN001
        return actor.heeft_rol(Rol.FUNCTIONEEL_BEHEERDER, Rol.BEHEERDER)

    menu_item_register(
        MenuItem(
            "crm:leads:bord",
            _("Leads"),
            "medewerker",
            medewerker,
            45,
            ("crm:leads:",),
            onder="crm:relaties",
        )
    )
    menu_item_register(
        MenuItem(
            "crm:leads:conversie", _("Leadconversie"), "teamleider", volgorde=45,
            secties=("crm:leads:conversie",),
        )
    )  # fmt: skip
    for groep in ("functioneel_beheerder", "beheerder"):  # both may set up the pipelines
        menu_item_register(
            MenuItem(
                "crm:leads:pipelines", _("Pijplijnen (leads)"), groep, beheerder,
                60, ("crm:leads:pipeline",),
            )
        )  # fmt: skip
