"""`staff_required`: the one gate in front of every staff page.

Usage on a function view::

    from raadhuis.kernel.organisations.models import Rol
    from raadhuis.web.auth.decorators import staff_required

    @staff_required
    def werkvoorraad(request):
        ...  # request.medewerker and request.actor are set

    @staff_required(roles=[Rol.TEAMLEIDER])
    def team_overview(request):
        ...  # 403 unless request.actor has at least one of the roles

Usage on a class-based view::

    class ZaakDetailView(StaffRequiredMixin, View):
        staff_roles = (Rol.MEDEWERKER,)  # optional; empty means any role

What it checks, in order:

1. logged in, else a redirect to the login page with ``?next=`` (htmx requests get an
   ``HX-Redirect`` so the whole page goes there, not a fragment);
2. a TOTP code was given in this session when the user must give one (they have a device, or
   one of their organisations demands it), else a redirect to the code or enrolment step;
3. the user is an active medewerker of an organisation (``request.medewerker``, set by
   ``raadhuis.web.middleware.CurrentOrganisationMiddleware``), else 403;
4. with ``roles=``: ``request.actor`` has at least one of them, else 403.

Access to data (which cases, which organisation) is still decided by the selectors; this gate
only decides who may open a staff page at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django_htmx.http import HttpResponseClientRedirect

from raadhuis.web.auth.selectors import second_factor_required
from raadhuis.web.auth.session import second_factor_redirect, user_is_verified

View = Callable[..., HttpResponse]


def staff_gate(request: HttpRequest, roles: Iterable[str] = ()) -> HttpResponse | None:
    """None when the request may pass; otherwise the response to send instead."""
    if not request.user.is_authenticated:
        response = redirect_to_login(request.get_full_path())
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(response["Location"])
        return response
    if not user_is_verified(request.user) and _second_factor_required(request):
        response = second_factor_redirect(request.user, request.get_full_path())
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(response["Location"])
        return response
    if getattr(request, "medewerker", None) is None:
        raise PermissionDenied("Je bent geen medewerker van een organisatie.")
    roles = tuple(roles)
    if roles and not request.actor.heeft_rol(*roles):
        raise PermissionDenied("Je hebt geen rol die deze pagina mag openen.")
    return None


def _second_factor_required(request: HttpRequest) -> bool:
    """Read with the medewerker by CurrentOrganisationMiddleware (no query); asked of the
    database only for a user without a medewerker record or a request the middleware skipped."""
    required = getattr(request, "second_factor_required", None)
    if required is None:
        required = second_factor_required(user=request.user)
    return required


def staff_required(view: View | None = None, *, roles: Iterable[str] = ()) -> View:
    """Only logged-in, (if required) TOTP-verified medewerkers get through; see the module
    docstring for the full list of checks.

    ::

        @staff_required
        def werkvoorraad(request): ...

        @staff_required(roles=[Rol.TEAMLEIDER])  # 403 without one of these roles
        def team_overview(request): ...
    """
    roles = tuple(roles)

    def decorator(func: View) -> View:
        @wraps(func)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            refusal = staff_gate(request, roles)
            if refusal is not None:
                return refusal
            return func(request, *args, **kwargs)

        return wrapper

    if view is not None:
        return decorator(view)
    return decorator


class StaffRequiredMixin:
    """Class-based twin of `staff_required`; set `staff_roles` to demand roles."""

    staff_roles: tuple[str, ...] = ()

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        refusal = staff_gate(request, self.staff_roles)
        if refusal is not None:
            return refusal
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
