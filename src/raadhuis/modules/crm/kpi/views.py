"""The KPI screens (namespace crm:kpi): the dashboard, the rows behind each figure with their
CSV/XLSX export, the survey invitations, and the public survey page (no login)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from raadhuis.kernel.exceptions import NietGevonden
from raadhuis.kernel.organisations.models import Rol
from raadhuis.modules.crm.kpi import export, selectors, services
from raadhuis.modules.crm.kpi.forms import EnqueteForm, KpiFilterForm, MetingForm
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import service_errors_add

LEZERS = [Rol.MEDEWERKER, Rol.TEAMLEIDER]
PER_PAGINA = 100


def _filter(request: HttpRequest) -> tuple[KpiFilterForm, selectors.Filter]:
    actor = request.actor
    bereik = selectors.kpi_bereik(actor)
    basis = selectors.Filter(bereik=bereik, periode=selectors.standaard_periode(bereik.tijdzone))
    form = KpiFilterForm(
        request.GET or None,
        afdelingen=selectors.afdelingen_in_bereik(basis),
        tijdzone=bereik.tijdzone,
    )
    try:
        f = selectors.kpi_filter(
            actor=actor, periode=form.periode(), partij_uuid=form.relatie_uuid()
        )
    except NietGevonden as error:
        raise Http404(str(error)) from error
    return form, f


def _query(form: KpiFilterForm, f: selectors.Filter, afdeling_id: int | None) -> str:
    delen = [f"van={f.periode.van.isoformat()}", f"tot={f.periode.tot.isoformat()}"]
    if afdeling_id is not None:
        delen.append(f"afdeling={afdeling_id}")
    if form.relatie_uuid():
        delen.append(f"relatie={form.relatie_uuid()}")
    return "&".join(delen)


@staff_required(roles=LEZERS)
@require_GET
def dashboard_view(request: HttpRequest) -> HttpResponse:
    form, f = _filter(request)
    cijfers = selectors.kpi_cijfers(f)
    gekozen = form.afdeling_id()
    # a matrix: one row per department (the total first), one column per KPI
    regels: dict[int | None, dict[str, Any]] = {}
    for c in cijfers:
        if gekozen is not None and c.afdeling_id not in (None, gekozen):
            continue
        regel = regels.setdefault(
            c.afdeling_id, {"afdeling": c.afdeling, "afdeling_id": c.afdeling_id, "cellen": {}}
        )
        regel["cellen"][c.kpi.code] = {
            "cijfer": c,
            "url": reverse("crm:kpi:rijen", args=[c.kpi.code])
            + "?"
            + _query(form, f, c.afdeling_id),
            "balk": int(c.waarde) if c.kpi.eenheid == "%" and c.waarde is not None else None,
        }
    kpis = list(selectors.KPIS.values())
    for regel in regels.values():
        regel["cellen_lijst"] = [regel["cellen"].get(k.code) for k in kpis]
    context = {
        "form": form,
        "f": f,
        "kpis": kpis,
        "regels": list(regels.values()),
        "contractstatussen": _contractstatussen(f),
        "mag_metingen": request.actor.heeft_rol(Rol.MEDEWERKER),
    }
    return render(request, "crm/kpi/dashboard.html", context)


def _contractstatussen(f: selectors.Filter) -> list[tuple[str, int]]:
    from raadhuis.modules.crm.contracten.termijnen import ContractStatus

    rijen = selectors.kpi_rijen(f, selectors.KPIS["contracten_lopend"])
    return [
        (str(label), sum(r["status"] == waarde for r in rijen))
        for waarde, label in ContractStatus.choices
    ]


def _rijen(request: HttpRequest, code: str) -> tuple[Any, ...]:
    try:
        kpi = selectors.kpi_get(code)
    except NietGevonden as error:
        raise Http404(str(error)) from error
    form, f = _filter(request)
    rijen = selectors.kpi_rijen(f, kpi, form.afdeling_id())
    return form, f, kpi, rijen, selectors.kpi_kolommen(kpi, f.bereik)


@staff_required(roles=LEZERS)
@require_GET
def rijen_view(request: HttpRequest, code: str) -> HttpResponse:
    form, f, kpi, rijen, kolommen = _rijen(request, code)
    pagina = Paginator(rijen, PER_PAGINA).get_page(request.GET.get("pagina"))
    context = {
        "form": form,
        "f": f,
        "kpi": kpi,
        "waarde": kpi.waarde(rijen),
        "aantal": len(rijen),
        "kolommen": kolommen,
        "pagina": pagina,
        "tabel": [[r.get(k) for k, _label in kolommen] for r in pagina.object_list],
        "query": _query(form, f, form.afdeling_id()),
    }
    return render(request, "crm/kpi/rijen.html", context)


def _bestandsnaam(kpi: selectors.Kpi, f: selectors.Filter, extensie: str) -> str:
    return f"kpi-{kpi.code}-{f.periode.van.isoformat()}-{f.periode.tot.isoformat()}.{extensie}"


@staff_required(roles=LEZERS)
@require_GET
def export_csv_view(request: HttpRequest, code: str) -> HttpResponse:
    _form, f, kpi, rijen, kolommen = _rijen(request, code)
    response = HttpResponse(
        export.rijen_csv(kolommen, rijen), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(kpi, f, "csv")}"'
    return response


@staff_required(roles=LEZERS)
@require_GET
def export_xlsx_view(request: HttpRequest, code: str) -> HttpResponse:
    _form, f, kpi, rijen, kolommen = _rijen(request, code)
    response = HttpResponse(
        export.rijen_xlsx(kpi.code, kolommen, rijen),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(kpi, f, "xlsx")}"'
    return response


@staff_required(roles=[Rol.MEDEWERKER])
@require_http_methods(["GET", "POST"])
def tevredenheid_view(request: HttpRequest) -> HttpResponse:
    form = MetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meting = services.meting_voor_referentie(
                actor=request.actor, referentie=form.cleaned_data["referentie"]
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            link = request.build_absolute_uri(reverse("crm:kpi:enquete", args=[meting.token]))
            messages.success(
                request,
                _("Enquête-link voor %(ref)s: %(link)s") % {"ref": meting.referentie, "link": link},
            )
            return redirect("crm:kpi:tevredenheid")
    status = 400 if form.errors else 200
    context = {
        "form": form,
        "metingen": selectors.metingen_recent(actor=request.actor),
    }
    return render(request, "crm/kpi/tevredenheid.html", context, status=status)


@require_http_methods(["GET", "POST"])
def enquete_view(request: HttpRequest, token: str) -> HttpResponse:
    """Public: the client opens the link from the invitation; no login, no names shown."""
    try:
        meting = services.meting_open_get(token)
    except NietGevonden as error:
        raise Http404(str(error)) from error
    if meting.score is not None:
        return render(request, "crm/kpi/enquete_bedankt.html", {"meting": meting})
    form = EnqueteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meting_beantwoorden(
                token=token,
                score=form.cleaned_data["score"],
                opmerking=form.cleaned_data["opmerking"],
            )
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            return redirect("crm:kpi:enquete", token=token)
    status = 400 if form.errors else 200
    return render(request, "crm/kpi/enquete.html", {"form": form, "meting": meting}, status=status)
