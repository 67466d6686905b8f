"""Versions now carry all metadata of the Documenten API; fill the new per-version fields of
existing versions from their document, and point each document at its latest version."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def versies_vullen(apps, schema_editor):
    InformatieObject = apps.get_model("documents", "InformatieObject")
    InformatieObjectVersie = apps.get_model("documents", "InformatieObjectVersie")
    document = InformatieObject.objects.filter(pk=OuterRef("informatieobject_id"))
    # Queryset.update: historical models have no immutability guard, and this is a backfill.
    InformatieObjectVersie.objects.filter(informatieobjecttype__isnull=True).update(
        identificatie=Subquery(document.values("identificatie")[:1]),
        bronorganisatie=Subquery(document.values("bronorganisatie")[:1]),
        creatiedatum=Subquery(document.values("creatiedatum")[:1]),
        informatieobjecttype_id=Subquery(document.values("informatieobjecttype_id")[:1]),
    )
    laatste = InformatieObjectVersie.objects.filter(informatieobject_id=OuterRef("pk")).order_by(
        "-versie"
    )
    InformatieObject.objects.filter(laatste_versie__isnull=True).update(
        laatste_versie_id=Subquery(laatste.values("pk")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_documenten_api_velden")]

    operations = [migrations.RunPython(versies_vullen, migrations.RunPython.noop)]
