"""Every model with personal data follows a destruction: the registry check.

A model holds personal data here when it points at a kernel party (Partij) or has a field for a
BSN, an IBAN or an e-mail address. It must either go with its case by CASCADE (directly or
through rows that do), or have a retention rule (kernel/retention/hooks.py): a destruction hook
deletes or blanks it, it is a register with its own retention that keeps its party, or its
e-mail/IBAN is the organisation's or staff's. A new model without any of these fails here, so
nobody forgets the client's data when adding one (security and privacy by design)."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models

from raadhuis.kernel.retention.hooks import (
    Bewaarregel,
    bewaarregel_register,
    bewaarregels,
    unregister_vernietiging_hook,
    vernietiging_hooks,
)
from raadhuis.modules.budget.vernietiging import budget_vernietigen, budget_vernietiging_register
from raadhuis.modules.crm.vernietiging import crm_vernietigen, crm_vernietiging_register

# The destruction of a case deletes these itself (kernel/retention/vernietigen.py).
MET_DE_ZAAK = (("cases", "Zaak"), ("cases", "Besluit"), ("documents", "InformatieObject"))
# The party's own data (erased by partijen_wissen) and the audit trail (audit_anonimiseren).
EIGEN_MECHANISME = ("parties", "audit")
VELDNAMEN = ("bsn", "iban", "email", "e_mail")
# Models of other owners that still need a rule in their own app: the owner registers one
# (bewaarregel_register from their AppConfig.ready()) and deletes the line. Only shrinks.
NOG_ZONDER_REGEL: dict[str, str] = {}


@pytest.fixture(autouse=True)
def regels_geregistreerd():
    """The lead wires these into the crm and budget AppConfig.ready(); until then the test
    does, and unregisters only the hooks it added itself."""
    erbij = [h for h in (crm_vernietigen, budget_vernietigen) if h not in vernietiging_hooks()]
    crm_vernietiging_register()
    budget_vernietiging_register()
    yield
    for hook in erbij:
        unregister_vernietiging_hook(hook)


def _eigen_modellen() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("raadhuis.")]


def _persoonsgegevens(model: type[models.Model]) -> list[str]:
    partij = apps.get_model("parties", "Partij")
    velden = []
    for veld in model._meta.concrete_fields:
        naar_partij = veld.is_relation and isinstance(veld.related_model, type)
        if naar_partij and issubclass(veld.related_model, partij):
            velden.append(veld.name)
        elif isinstance(veld, models.EmailField) or any(n in veld.name.lower() for n in VELDNAMEN):
            velden.append(veld.name)
    return velden


def _gaan_mee_met_de_zaak() -> set[type[models.Model]]:
    """Models whose rows go when their case goes: CASCADE from a case, a decision or a
    document, followed through every level."""
    weg = {apps.get_model(app, naam) for app, naam in MET_DE_ZAAK}
    modellen = _eigen_modellen()
    erbij = True
    while erbij:
        erbij = False
        for model in modellen:
            if model in weg:
                continue
            if any(
                veld.is_relation
                and veld.related_model in weg
                and veld.remote_field.on_delete is models.CASCADE
                for veld in model._meta.concrete_fields
            ):
                weg.add(model)
                erbij = True
    return weg


def _zonder_regel() -> dict[str, list[str]]:
    mee = _gaan_mee_met_de_zaak()
    regels = bewaarregels()
    return {
        model._meta.label_lower: velden
        for model in _eigen_modellen()
        if model._meta.app_label not in EIGEN_MECHANISME
        and (velden := _persoonsgegevens(model))
        and model not in mee
        and model._meta.label_lower not in regels
    }


def test_every_model_with_personal_data_follows_the_destruction_of_its_case():
    zonder = {k: v for k, v in _zonder_regel().items() if k not in NOG_ZONDER_REGEL}
    assert not zonder, (
        "These models hold personal data but neither cascade from the case nor have a "
        "retention rule (register_vernietiging_hook(..., behandelt=...) or "
        f"bewaarregel_register in the app's ready()): {zonder}"
    )


def test_the_list_of_models_still_without_a_rule_only_shrinks():
    assert not sorted(set(NOG_ZONDER_REGEL) - set(_zonder_regel()))


def test_the_complaint_and_the_contact_moment_are_covered():
    """Worked examples: the complaint goes by CASCADE since ADR 0005, the contact moment by
    the CRM hook, the organisation's bank account is no client data."""
    mee = {m._meta.label_lower for m in _gaan_mee_met_de_zaak()}
    regels = bewaarregels()
    assert "crm_klachten.klacht" in mee
    assert regels["crm.klantcontact"][0] == Bewaarregel.HOOK
    assert regels["budget.betaalvoorstel"][0] == Bewaarregel.HOOK
    assert regels["budget.beheerrekening"][0] == Bewaarregel.GEEN_CLIENTGEGEVENS
    assert regels["crm_mailing.afmelding"][0] == Bewaarregel.EIGEN_REGISTER


def test_a_rule_needs_a_known_kind_and_a_reason():
    with pytest.raises(ValueError):
        bewaarregel_register("x.y", "weggooien", "reden")
    with pytest.raises(ValueError):
        bewaarregel_register("x.y", Bewaarregel.HOOK, " ")
