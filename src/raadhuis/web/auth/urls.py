"""Login routes, included into the `web` namespace by raadhuis.web.urls."""

from django.urls import path

from raadhuis.web import oidc
from raadhuis.web.auth import signals, views

# URLs load before any request reaches a view, so every login attempt is logged.
# (A better home would be an AppConfig.ready() of raadhuis.web.)
signals.security_log_connect()

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/tweede-factor/", views.totp_view, name="login_totp"),
    path("login/tweede-factor/instellen/", views.totp_setup_view, name="login_totp_setup"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("organisatie/", views.organisatie_kiezen_view, name="organisatie_kiezen"),
    # OpenID Connect; the views answer 404 unless RAADHUIS_OIDC_ENABLED=1.
    path(
        "oidc/authenticate/",
        oidc.authenticate_view,
        name="oidc_authentication_init",
    ),
    path(
        "oidc/callback/",
        oidc.callback_view,
        name="oidc_authentication_callback",
    ),
]
