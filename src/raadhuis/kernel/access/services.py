"""Writes on API applications and their autorisaties (the Autorisaties API, the staff UI and the
`raadhuis api-client` command all come here)."""

from __future__ import annotations

import secrets as secrets_module
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from raadhuis.kernel.access.actor import Actor
from raadhuis.kernel.access.models import Applicatie, ApplicatieClient, Autorisatie, Component
from raadhuis.kernel.access.policies import require_role
from raadhuis.kernel.audit.services import audit_entry_record
from raadhuis.kernel.common import Vertrouwelijkheid
from raadhuis.kernel.events.services import event_queue
from raadhuis.kernel.exceptions import ToegangGeweigerd
from raadhuis.kernel.organisations.models import Rol

# Every scope of the standard, per component: what `--all-scopes` grants one by one.
SCOPES: dict[str, tuple[str, ...]] = {
    Component.ZRC.value: (
        "zaken.lezen",
        "zaken.aanmaken",
        "zaken.bijwerken",
        "zaken.verwijderen",
        "zaken.heropenen",
        "zaken.geforceerd-bijwerken",
        "zaken.statussen.toevoegen",
    ),
    Component.ZTC: ("catalogi.lezen", "catalogi.schrijven", "catalogi.geforceerd-schrijven"),
    Component.DRC: (
        "documenten.lezen",
        "documenten.aanmaken",
        "documenten.bijwerken",
        "documenten.verwijderen",
        "documenten.lock",
        "documenten.geforceerd-unlock",
        "documenten.geforceerd-bijwerken",
    ),
    Component.BRC: (
        "besluiten.lezen",
        "besluiten.aanmaken",
        "besluiten.bijwerken",
        "besluiten.verwijderen",
    ),
    Component.AC: ("autorisaties.lezen", "autorisaties.bijwerken"),
    Component.NRC: ("notificaties.consumeren", "notificaties.publiceren"),
}

TYPE_FIELD: dict[str, str] = {
    Component.ZRC.value: "zaaktype",
    Component.DRC.value: "informatieobjecttype",
}


@dataclass
class AutorisatieData:
    component: str
    scopes: list[str]
    zaaktype: str = ""
    informatieobjecttype: str = ""
    besluittype: str = ""
    max_vertrouwelijkheidaanduiding: str = ""
    errors: dict[str, str] = field(default_factory=dict, compare=False)


def _validate_autorisatie(data: AutorisatieData, index: int) -> dict[str, ValidationError]:
    """The standard's rules for one autorisatie, with its error codes (`required` for a type or
    level the component needs)."""
    prefix = f"autorisaties.{index}"
    errors: dict[str, ValidationError] = {}
    if data.component not in Component.values:
        errors[f"{prefix}.component"] = ValidationError(
            _("Onbekende component."), code="invalid_choice"
        )
        return errors
    if not data.scopes:
        errors[f"{prefix}.scopes"] = ValidationError(_("Geef minstens één scope."), code="required")
    type_field = TYPE_FIELD.get(data.component)
    verplicht = _("Verplicht voor component %(component)s.") % {"component": data.component}
    if type_field and not getattr(data, type_field):
        errors[f"{prefix}.{type_field}"] = ValidationError(verplicht, code="required")
    if type_field and not data.max_vertrouwelijkheidaanduiding:
        errors[f"{prefix}.maxVertrouwelijkheidaanduiding"] = ValidationError(
            verplicht, code="required"
        )
    elif (
        data.max_vertrouwelijkheidaanduiding
        and data.max_vertrouwelijkheidaanduiding not in Vertrouwelijkheid.values
    ):
        errors[f"{prefix}.maxVertrouwelijkheidaanduiding"] = ValidationError(
            _("Onbekende vertrouwelijkheid."), code="invalid_choice"
        )
    if data.component == Component.BRC and not data.besluittype:
        errors[f"{prefix}.besluittype"] = ValidationError(verplicht, code="required")
    return errors


def _client_id_error(
    client_ids: list[str], applicatie: Applicatie | None
) -> ValidationError | None:
    """A client_id belongs to one application only (across all organisations)."""
    if not client_ids:
        return ValidationError(_("Geef minstens één client-id."), code="required")
    if len(set(client_ids)) != len(client_ids):
        return ValidationError(_("Een client-id staat er twee keer in."), code="unique")
    taken = ApplicatieClient.objects.filter(client_id__in=client_ids)
    if applicatie is not None:
        taken = taken.exclude(applicatie=applicatie)
    bezet = sorted(taken.values_list("client_id", flat=True))
    if bezet:
        return ValidationError(
            _("Client-id %(ids)s hoort al bij een andere applicatie.") % {"ids": ", ".join(bezet)},
            code="clientId-exists",
        )
    return None


def _validate(
    client_ids: list[str],
    autorisaties: list[AutorisatieData],
    heeft_alle_autorisaties: bool,
    applicatie: Applicatie | None,
) -> None:
    errors: dict[str, ValidationError] = {}
    client_id_error = _client_id_error(client_ids, applicatie)
    if client_id_error is not None:
        errors["clientIds"] = client_id_error
    for index, data in enumerate(autorisaties):
        errors.update(_validate_autorisatie(data, index))
    if heeft_alle_autorisaties and autorisaties:
        errors["nonFieldErrors"] = ValidationError(
            _("Geef óf 'heeft alle autorisaties', óf losse autorisaties, niet allebei."),
            code="ambiguous-authorizations-specified",
        )
    if not heeft_alle_autorisaties and not autorisaties:
        errors["nonFieldErrors"] = ValidationError(
            _("Geef 'heeft alle autorisaties' of minstens één autorisatie."),
            code="missing-authorizations",
        )
    if errors:
        raise ValidationError(errors)


def _write_children(
    applicatie: Applicatie,
    client_ids: list[str],
    secrets: dict[str, str],
    autorisaties: Iterable[AutorisatieData],
) -> None:
    existing = {c.client_id: c for c in applicatie.clients.all()}
    for client_id, client in existing.items():
        if client_id not in client_ids:
            client.delete()
        elif client_id in secrets:
            client.secret = secrets[client_id]
            client.save(update_fields=["secret"])
    for client_id in client_ids:
        if client_id not in existing:
            # A client registered without a secret (the Autorisaties API has no secret field)
            # gets an unguessable one: an empty key must never verify a JWT.
            ApplicatieClient.objects.create(
                applicatie=applicatie,
                client_id=client_id,
                secret=secrets.get(client_id) or secret_generate(),
            )
    applicatie.autorisaties.all().delete()
    Autorisatie.objects.bulk_create(
        Autorisatie(
            applicatie=applicatie,
            component=a.component,
            scopes=list(a.scopes),
            zaaktype=a.zaaktype,
            informatieobjecttype=a.informatieobjecttype,
            besluittype=a.besluittype,
            max_vertrouwelijkheidaanduiding=a.max_vertrouwelijkheidaanduiding,
        )
        for a in autorisaties
    )


def secret_generate() -> str:
    """A new random JWT secret (HS256 wants at least 32 bytes of key)."""
    return secrets_module.token_urlsafe(32)


def require_applicatiebeheer(actor: Actor) -> None:
    """Administrators manage API applications; so does an application holding the Autorisaties
    API's `autorisaties.bijwerken` scope (the standard's way of registering consumers)."""
    if actor.type == "applicatie":
        if not actor.heeft_scope("autorisaties.bijwerken"):
            raise ToegangGeweigerd("Je hebt niet de scope autorisaties.bijwerken.")
        return
    require_role(actor, Rol.BEHEERDER, Rol.FUNCTIONEEL_BEHEERDER)


def _summary(applicatie: Applicatie) -> dict[str, object]:
    return {
        "label": applicatie.label,
        "clientIds": sorted(applicatie.clients.values_list("client_id", flat=True)),
        "heeftAlleAutorisaties": applicatie.heeft_alle_autorisaties,
        "autorisaties": [
            ":".join(
                [
                    a.component,
                    ",".join(a.scopes),
                    a.zaaktype or a.informatieobjecttype or a.besluittype,
                    a.max_vertrouwelijkheidaanduiding,
                ]
            )
            for a in applicatie.autorisaties.all()
        ],
    }


def _event(actor: Actor, applicatie: Applicatie, actie: str) -> None:
    event_queue(
        organisatie=actor.organisatie,
        kanaal="autorisaties",
        resource="applicatie",
        actie=actie,
        resource_uuid=applicatie.uuid,
        hoofd_object_uuid=applicatie.uuid,
    )


def applicatie_create(
    actor: Actor,
    *,
    label: str,
    client_ids: list[str],
    secrets: dict[str, str] | None = None,
    heeft_alle_autorisaties: bool = False,
    alleen_is_gereed_voor_publicatie: bool = False,
    autorisaties: list[AutorisatieData] | None = None,
    toelichting: str = "",
) -> Applicatie:
    """Register an API consumer with its client ids (and their JWT secrets) and autorisaties."""
    require_applicatiebeheer(actor)
    autorisaties = autorisaties or []
    label = label.strip()
    if not label:
        raise ValidationError({"label": _("Geef de applicatie een naam.")})
    _validate(client_ids, autorisaties, heeft_alle_autorisaties, None)
    with transaction.atomic():
        applicatie = Applicatie.objects.create(
            organisatie=actor.organisatie,
            label=label,
            heeft_alle_autorisaties=heeft_alle_autorisaties,
            alleen_is_gereed_voor_publicatie=alleen_is_gereed_voor_publicatie,
        )
        _write_children(applicatie, client_ids, secrets or {}, autorisaties)
        audit_entry_record(
            actor=actor,
            actie="applicatie_aangemaakt",
            obj=applicatie,
            wijzigingen={k: [None, v] for k, v in _summary(applicatie).items()},
            toelichting=toelichting,
        )
        _event(actor, applicatie, "create")
    return applicatie


def applicatie_update(
    actor: Actor,
    applicatie: Applicatie,
    *,
    label: str | None = None,
    client_ids: list[str] | None = None,
    secrets: dict[str, str] | None = None,
    heeft_alle_autorisaties: bool | None = None,
    alleen_is_gereed_voor_publicatie: bool | None = None,
    autorisaties: list[AutorisatieData] | None = None,
    toelichting: str = "",
) -> Applicatie:
    """Change an application; fields left None keep their value. Autorisaties, when given,
    replace the current set (as a PUT of the standard does)."""
    require_applicatiebeheer(actor)
    if applicatie.organisatie_id != actor.organisatie.pk:
        raise ValidationError(_("Deze applicatie hoort bij een andere organisatie."))
    with transaction.atomic():
        applicatie = Applicatie.objects.select_for_update().get(pk=applicatie.pk)
        before = _summary(applicatie)
        if client_ids is None:
            client_ids = list(applicatie.clients.values_list("client_id", flat=True))
        if autorisaties is None:
            autorisaties = [
                AutorisatieData(
                    component=a.component,
                    scopes=list(a.scopes),
                    zaaktype=a.zaaktype,
                    informatieobjecttype=a.informatieobjecttype,
                    besluittype=a.besluittype,
                    max_vertrouwelijkheidaanduiding=a.max_vertrouwelijkheidaanduiding,
                )
                for a in applicatie.autorisaties.all()
            ]
        if label is not None:
            applicatie.label = label.strip()
            if not applicatie.label:
                raise ValidationError({"label": _("Geef de applicatie een naam.")})
        if heeft_alle_autorisaties is not None:
            applicatie.heeft_alle_autorisaties = heeft_alle_autorisaties
        if alleen_is_gereed_voor_publicatie is not None:
            applicatie.alleen_is_gereed_voor_publicatie = alleen_is_gereed_voor_publicatie
        _validate(client_ids, autorisaties, applicatie.heeft_alle_autorisaties, applicatie)
        applicatie.save()
        _write_children(applicatie, client_ids, secrets or {}, autorisaties)
        after = _summary(applicatie)
        wijzigingen: dict[str, object] = {
            k: [before[k], v] for k, v in after.items() if before[k] != v
        }
        if secrets:  # which secrets changed, never the secrets themselves
            wijzigingen["secretVernieuwd"] = [None, sorted(secrets)]
        audit_entry_record(
            actor=actor,
            actie="applicatie_gewijzigd",
            obj=applicatie,
            wijzigingen=wijzigingen,
            toelichting=toelichting,
        )
        _event(actor, applicatie, "update")
    return applicatie


def applicatie_delete(actor: Actor, applicatie: Applicatie, *, toelichting: str = "") -> None:
    require_applicatiebeheer(actor)
    if applicatie.organisatie_id != actor.organisatie.pk:
        raise ValidationError(_("Deze applicatie hoort bij een andere organisatie."))
    with transaction.atomic():
        audit_entry_record(
            actor=actor,
            actie="applicatie_verwijderd",
            obj=applicatie,
            wijzigingen={k: [v, None] for k, v in _summary(applicatie).items()},
            toelichting=toelichting,
        )
        _event(actor, applicatie, "destroy")
        applicatie.delete()
