"""Roles, object variants and outcomes of the URL/role matrix (tests/test_url_role_matrix.py)."""

from __future__ import annotations

# --- roles, object variants and outcomes ----------------------------------------------------

ANON, MW_A, MW_B, TL, AUD, FB, BEH = ROLES = (
    "anoniem",
    "medewerker_a",  # organisation A, granted KLACHT only
    "medewerker_b",  # organisation B, granted B's KLACHT
    "teamleider",  # organisation A
    "auditor",  # organisation A
    "functioneel_beheerder",  # organisation A, is_staff with the catalogue permissions
    "beheerder",  # organisation A, is_staff and is_superuser
)
# Which object fills the path: A's KLACHT case, A's VERLOF case, B's case (and their document,
# task and initiator); "-" for URLs without an object.
A_KLACHT, A_VERLOF, B = "a_klacht", "a_verlof", "b"
OBJECT_VARIANTS = (A_KLACHT, A_VERLOF, B)

OK = "200"
REDIRECT = "302"  # a redirect somewhere other than a login page
FORBIDDEN = "403"
NOT_FOUND = "404"
NOT_ALLOWED = "405"
LOGIN = "login"  # 302 to /login/?next=…
ADMIN_LOGIN = "admin-login"  # 302 to /admin/login/?next=…
# POST outcomes: DONE = the write happened (at least one new AuditEntry); every other outcome
# must leave the audit trail, the cases, tasks and documents exactly as they were.
DONE = "done"
INVALID = "400"  # the form is shown again with errors


def each(a_klacht: str, a_verlof: str, b: str) -> dict[str, str]:
    """The outcome per object variant."""
    return {A_KLACHT: a_klacht, A_VERLOF: a_verlof, B: b}


def row(anon, mw_a, mw_b, tl, aud, fb, beh) -> dict[str, str | dict[str, str]]:  # noqa: ANN001
    return dict(zip(ROLES, (anon, mw_a, mw_b, tl, aud, fb, beh), strict=True))


def everyone(outcome: str) -> dict[str, str]:
    return dict.fromkeys(ROLES, outcome)


# medewerker A may open A's KLACHT objects only; medewerker B only B's; for other objects the
# selectors answer 404 ("not there" and "not yours" look the same).
A_ONLY = each(OK, NOT_FOUND, NOT_FOUND)
B_ONLY = each(NOT_FOUND, NOT_FOUND, OK)
F = FORBIDDEN
# API-koppelingen: administrators of A open both applications of A (the A_KLACHT and A_VERLOF
# variants), never B's.
APPS_A = each(OK, OK, NOT_FOUND)
# The ZGW APIs answer only a ZGW JWT; a staff session is no credential there.
API_401 = "401"
# The six ZGW APIs (their URL namespaces), one rule for all their routes (api_expected); what
# an application may do there is tests/apis/test_api_access_matrix.py.
API_NAMESPACES = ("zaken", "catalogi", "documenten", "besluiten", "autorisaties", "notificaties")
# The public pages of every API: the schema, its reference page and the error reference pages;
# any other path under an API is a 404 Fout.
API_PUBLIC_PAGES = {
    "schema": OK,
    "schema-reference": OK,
    "error-detail": OK,
    "not-found": NOT_FOUND,
}

# An API's create: 201 and the write happened (at least one new AuditEntry).
CREATED = "201"
