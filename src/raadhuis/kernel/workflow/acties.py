"""The registry of automatic action kinds, and the kernel's own kinds.

A process step carries actions ("at the start of the step: create task X"; "after 10 working
days in the step: remind the case's behandelaar"). Each action names a kind registered here,
with its parameters as data. A kind is a code, a Dutch label, the fields a functional
administrator fills in (rendered as a form by the process editor, checked on save and on
import), and a handler that does the work.

Other apps register their kinds from their AppConfig.ready(), e.g. messaging::

    from raadhuis.kernel.workflow.acties import Parameter, register_actie_soort

    register_actie_soort(
        "brief_versturen",
        _("Brief versturen"),
        brief_versturen_handler,
        [Parameter("sjabloon", _("Briefsjabloon"), soort="keuze", keuzes=sjabloon_keuzes)],
    )

A handler runs inside the transaction that records its run (ActieUitvoering), in a savepoint:
what it writes commits together with "done", or not at all. So it must only write to the
database (queue an e-mail in an outbox, never send it directly) and raise on failure; the
runner then retries it later. It is given a system actor ("Procesautomaat") that may act on
every case of the organisation.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from raadhuis.kernel.access.actor import Actor
    from raadhuis.kernel.cases.models import Zaak
    from raadhuis.kernel.catalog.models import ZaakType
    from raadhuis.kernel.organisations.models import Organisatie
    from raadhuis.kernel.workflow.models import ActieUitvoering, ProcesStap

# Kinds of parameter field; the editor renders each as a form field of that kind.
TEKST = "tekst"  # one line, up to max_lengte characters
TEKST_LANG = "tekst_lang"  # a text area
GETAL = "getal"  # a whole number between minimum and maximum
KEUZE = "keuze"  # one of `keuzes` (stored: the value, never the label)
JA_NEE = "ja_nee"  # a checkbox
PARAMETER_SOORTEN = (TEKST, TEKST_LANG, GETAL, KEUZE, JA_NEE)


@dataclass(frozen=True)
class KeuzeContext:
    """What the choices of a parameter may depend on: the organisation (its teams, its letter
    templates) and the process's case type (its status types), newest version; None when not
    known."""

    organisatie: Organisatie
    zaaktype: ZaakType | None = None


# A label: a str, or a lazy translation (gettext_lazy) that follows the user's language.
Tekst = str | Promise
Keuzes = Sequence[tuple[str, Tekst]] | Callable[[KeuzeContext], Sequence[tuple[str, Tekst]]]


@dataclass(frozen=True)
class Parameter:
    """One field of an action kind. `keuzes` is a list of (value, label) or a function of a
    KeuzeContext returning one (for choices per organisation or case type)."""

    naam: str
    label: Tekst
    soort: str = TEKST
    verplicht: bool = True
    hulptekst: Tekst = ""
    keuzes: Keuzes | None = None
    minimum: int | None = None
    maximum: int | None = None
    max_lengte: int = 200
    standaard: Any = None

    def __post_init__(self) -> None:
        if self.soort not in PARAMETER_SOORTEN:
            raise ValueError(f"unknown parameter kind {self.soort!r}")
        if self.soort == KEUZE and self.keuzes is None:
            raise ValueError(f"parameter {self.naam!r} of kind keuze needs keuzes")

    def keuzes_voor(self, context: KeuzeContext | None) -> list[tuple[str, str]]:
        """(value, label) pairs, labels in the active language."""
        if self.keuzes is None:
            return []
        if callable(self.keuzes):
            paren = self.keuzes(context) if context is not None else []
        else:
            paren = self.keuzes
        return [(str(w), str(label)) for w, label in paren]


@dataclass(frozen=True)
class ActieResultaat:
    """What a handler may return: a short Dutch description for the case's history and the
    uuid of what it made (a task, a letter), if anything."""

    omschrijving: str
    object_uuid: uuid.UUID | None = None


@dataclass(frozen=True)
class ActieContext:
    """Everything a handler gets. `zaak` is locked for the duration of the run."""

    actor: Actor
    zaak: Zaak
    parameters: Mapping[str, Any]
    stap: ProcesStap
    uitvoering: ActieUitvoering
    vandaag: date

    @property
    def organisatie(self) -> Organisatie:
        return self.zaak.organisatie


Handler = Callable[[ActieContext], "ActieResultaat | str | None"]
Validator = Callable[[dict[str, Any], KeuzeContext | None], Mapping[str, str]]
Samenvatting = Callable[[dict[str, Any], KeuzeContext | None], str]


@dataclass(frozen=True)
class ActieSoort:
    code: str
    label: Tekst
    handler: Handler
    parameters: tuple[Parameter, ...] = field(default_factory=tuple)
    valideren: Validator | None = None
    samenvatting: Samenvatting | None = None

    def parameter(self, naam: str) -> Parameter | None:
        return next((p for p in self.parameters if p.naam == naam), None)


_REGISTER: dict[str, ActieSoort] = {}


def register_actie_soort(
    code: str,
    label: Tekst,
    handler: Handler,
    parameters: Sequence[Parameter] = (),
    *,
    valideren: Validator | None = None,
    samenvatting: Samenvatting | None = None,
) -> ActieSoort:
    """Make an action kind available to every process. Registering the same code again with
    the same handler replaces the entry (a reloaded app); another handler is an error."""
    if not code or not code.replace("_", "").isalnum() or code != code.lower():
        raise ValueError(f"action kind code {code!r}: lower case letters, digits and _ only")
    namen = [p.naam for p in parameters]
    if len(set(namen)) != len(namen):
        raise ValueError(f"action kind {code!r} has duplicate parameter names")
    bestaand = _REGISTER.get(code)
    if bestaand is not None and _naam(bestaand.handler) != _naam(handler):
        raise ValueError(f"action kind {code!r} is already registered by {_naam(bestaand.handler)}")
    soort = ActieSoort(
        code=code,
        label=label,
        handler=handler,
        parameters=tuple(parameters),
        valideren=valideren,
        samenvatting=samenvatting,
    )
    _REGISTER[code] = soort
    return soort


def _naam(func: Callable[..., Any]) -> str:
    return f"{getattr(func, '__module__', '?')}.{getattr(func, '__qualname__', repr(func))}"


def actie_soorten() -> list[ActieSoort]:
    """Every registered kind, by label."""
    return sorted(_REGISTER.values(), key=lambda s: str(s.label).lower())


def actie_soort_get(code: str) -> ActieSoort | None:
    return _REGISTER.get(code)


def actie_soort_label(code: str) -> str:
    soort = _REGISTER.get(code)
    if soort is None:
        return _("Onbekende actie (%(code)s)") % {"code": code}
    return str(soort.label)


def actie_parameters_valideren(
    code: str, parameters: Mapping[str, Any], *, context: KeuzeContext | None
) -> dict[str, Any]:
    """The parameters of an action of kind `code`, checked and normalised (numbers as int,
    text stripped, only known names). Raises ValidationError with a Dutch message per field
    (key: the parameter name; `soort` for an unknown kind)."""
    soort = _REGISTER.get(code)
    if soort is None:
        raise ValidationError(
            {"soort": _("Onbekende soort actie: ‘%(code)s’.") % {"code": code}}, code="onbekend"
        )
    errors: dict[str, str] = {}
    schoon: dict[str, Any] = {}
    for naam in parameters:
        if soort.parameter(naam) is None:
            errors[naam] = _("Deze actie kent de instelling ‘%(naam)s’ niet.") % {"naam": naam}
    for parameter in soort.parameters:
        try:
            waarde = _waarde_valideren(parameter, parameters.get(parameter.naam), context)
        except ValidationError as error:
            errors[parameter.naam] = error.messages[0]
            continue
        if waarde is not None:
            schoon[parameter.naam] = waarde
    if not errors and soort.valideren is not None:
        errors.update(soort.valideren(schoon, context))
    if errors:
        raise ValidationError({naam: ValidationError(tekst) for naam, tekst in errors.items()})
    return schoon


def _leeg(waarde: Any) -> bool:
    return waarde is None or (isinstance(waarde, str) and not waarde.strip())


def _waarde_valideren(parameter: Parameter, waarde: Any, context: KeuzeContext | None) -> Any:  # noqa: ANN401 - the value's type is the parameter's kind
    if _leeg(waarde) and parameter.standaard is not None:
        waarde = parameter.standaard  # a parameter left out gets its default
    if parameter.soort == JA_NEE:
        if isinstance(waarde, str):
            return waarde.strip().lower() in ("1", "true", "on", "ja")
        return bool(waarde)
    if _leeg(waarde):
        if parameter.verplicht:
            melding = _("Maak een keuze bij ‘%(label)s’.") if parameter.soort == KEUZE else None
            raise ValidationError(
                (melding or _("Vul ‘%(label)s’ in.")) % {"label": parameter.label}
            )
        return None
    if parameter.soort == GETAL:
        return _getal(parameter, waarde)
    tekst = str(waarde).strip()
    if parameter.soort == KEUZE:
        toegestaan = [w for w, _label in parameter.keuzes_voor(context)]
        if tekst not in toegestaan:
            raise ValidationError(
                _("Kies een van de mogelijkheden bij ‘%(label)s’.") % {"label": parameter.label}
            )
        return tekst
    if len(tekst) > parameter.max_lengte:
        raise ValidationError(
            _("‘%(label)s’ is maximaal %(n)d tekens.")
            % {"label": parameter.label, "n": parameter.max_lengte}
        )
    return tekst


def _getal(parameter: Parameter, waarde: Any) -> int:  # noqa: ANN401
    if isinstance(waarde, bool):
        raise ValidationError(_("Vul een geheel getal in."))
    try:
        getal = int(str(waarde).strip())
    except ValueError as error:
        raise ValidationError(_("Vul een geheel getal in.")) from error
    if parameter.minimum is not None and getal < parameter.minimum:
        raise ValidationError(
            _("‘%(label)s’ is minimaal %(n)d.") % {"label": parameter.label, "n": parameter.minimum}
        )
    if parameter.maximum is not None and getal > parameter.maximum:
        raise ValidationError(
            _("‘%(label)s’ is maximaal %(n)d.") % {"label": parameter.label, "n": parameter.maximum}
        )
    return getal


def actie_samenvatting(code: str, parameters: dict[str, Any], context: KeuzeContext | None) -> str:
    """One Dutch line that says what an action does, for lists and the history."""
    soort = _REGISTER.get(code)
    if soort is None:
        return actie_soort_label(code)
    if soort.samenvatting is not None:
        return soort.samenvatting(parameters, context)
    delen = []
    for parameter in soort.parameters:
        waarde = parameters.get(parameter.naam)
        if _leeg(waarde) or parameter.soort == TEKST_LANG:
            continue
        if parameter.soort == KEUZE:
            waarde = dict(parameter.keuzes_voor(context)).get(str(waarde), waarde)
        elif parameter.soort == JA_NEE:
            waarde = _("ja") if waarde else _("nee")
        delen.append(f"{str(parameter.label).lower()}: {waarde}")
    return str(soort.label) + (f" ({'; '.join(delen)})" if delen else "")


# Labels used by the built-in kinds (lazy: this module is imported before a language is active).
TOEWIJZINGEN = (
    ("behandelaar", gettext_lazy("De behandelaar van de zaak")),
    ("zaakcoordinator", gettext_lazy("De zaakcoördinator van de zaak")),
    ("adviseur", gettext_lazy("De adviseur van de zaak")),
    ("beslisser", gettext_lazy("De beslisser van de zaak")),
    ("klantcontacter", gettext_lazy("De klantcontacter van de zaak")),
    ("team", gettext_lazy("Een team")),
)
