"""The auditor's search: the audit trail (who changed what) and the processing log (who saw
whose personal data), each filtered and paged without counting."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from raadhuis.kernel.audit.selectors import audit_acties, audit_search, verwerkingen_search
from raadhuis.kernel.organisations.models import Rol
from raadhuis.web.auth.decorators import staff_required
from raadhuis.web.forms import AuditZoekForm, VerwerkingZoekForm
from raadhuis.web.views.common import page_size_from, render_page_or_partial
from raadhuis.web.views.pagination import keyset_paginate

TABS = ("audittrail", "verwerkingen")


@staff_required(roles=[Rol.AUDITOR])
@require_GET
def audit_view(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    tab = request.GET.get("tab") if request.GET.get("tab") in TABS else "audittrail"
    data = request.GET if tab_has_filters(request) else None
    if tab == "audittrail":
        form = AuditZoekForm(data, acties=audit_acties(actor=actor))
        criteria = form.cleaned_data if data is not None and form.is_valid() else {}
        qs = audit_search(actor=actor, **_only(criteria, AuditZoekForm.field_order))
    else:
        form = VerwerkingZoekForm(data)
        criteria = form.cleaned_data if data is not None and form.is_valid() else {}
        qs = verwerkingen_search(actor=actor, **_only(criteria, VerwerkingZoekForm.field_order))
    if data is not None and not form.is_valid():
        qs = qs.none()  # show the errors, not an unfiltered trail
    page = keyset_paginate(
        qs,
        fields=("tijdstip", "id"),
        size=page_size_from(request, default=50),
        after=request.GET.get("na", ""),
        before=request.GET.get("voor", ""),
    )
    context = {"tab": tab, "form": form, "page": page}
    return render_page_or_partial(
        request, "web/audit/audit.html", "web/audit/_zoeken.html", context
    )


def tab_has_filters(request: HttpRequest) -> bool:
    return any(k not in ("tab", "na", "voor", "page_size") for k in request.GET)


def _only(criteria: dict, names: list[str]) -> dict:
    return {name: criteria[name] for name in names if criteria.get(name) not in (None, "")}
