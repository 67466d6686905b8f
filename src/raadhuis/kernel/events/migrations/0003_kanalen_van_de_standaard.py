"""The channels the standard APIs publish on, with the kenmerken each specification lists
(Zaken 1.7.0, Documenten 1.7.0, Besluiten 1.1.0, Catalogi 1.3.3, Autorisaties 1.1.0).

The list is copied here, not imported, so the migration keeps its meaning when the code moves.
"""

from django.db import migrations

DOCUMENTATIE = "https://vng-realisatie.github.io/gemma-zaken/standaard"

KANALEN = {
    "zaken": ["bronorganisatie", "zaaktype", "vertrouwelijkheidaanduiding"],
    "documenten": ["bronorganisatie", "informatieobjecttype", "vertrouwelijkheidaanduiding"],
    "besluiten": ["verantwoordelijke_organisatie", "besluittype"],
    "zaaktypen": ["catalogus"],
    "informatieobjecttypen": ["catalogus"],
    "besluittypen": ["catalogus"],
    "autorisaties": [],
}


def kanalen_create(apps, schema_editor):
    Kanaal = apps.get_model("events", "Kanaal")
    for naam, filters in KANALEN.items():
        Kanaal.objects.get_or_create(
            naam=naam, defaults={"documentatie_link": DOCUMENTATIE, "filters": filters}
        )


def kanalen_delete(apps, schema_editor):
    Kanaal = apps.get_model("events", "Kanaal")
    AbonnementKanaal = apps.get_model("events", "AbonnementKanaal")
    in_gebruik = AbonnementKanaal.objects.values_list("kanaal_id", flat=True)
    Kanaal.objects.filter(naam__in=KANALEN).exclude(pk__in=in_gebruik).delete()


class Migration(migrations.Migration):
    dependencies = [("events", "0002_notificaties_kanalen_abonnementen_afleveringen")]

    operations = [migrations.RunPython(kanalen_create, kanalen_delete)]
