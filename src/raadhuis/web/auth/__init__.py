"""Staff login for the Raadhuis UI.

The steps: password (or OpenID Connect, see raadhuis.web.oidc), then a TOTP code when the
user has set one up or one of their organisations demands it (with enrolment the first time),
then the choice of organisation when the user works for several. Until every step is done the
user is *not* logged in: the password step only leaves a short-lived pending login in the
session, so no view, API or admin page ever sees a half-authenticated user.

Views that need a logged-in member of staff use `raadhuis.web.auth.decorators.staff_required`.
"""
