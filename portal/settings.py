"""Settings of Passend Portaal, read from the environment in this one place.

No environment at all gives the *embedded default* that `make run` uses: an SQLite file under
``var/`` (WAL mode, busy timeout, IMMEDIATE transactions so the web server, the Celery worker and
beat do not lock each other out), Celery on the ``filesystem://`` broker and e-mail written to files
under ``var/mail``.

``DATABASE_URL`` switches to PostgreSQL, ``REDIS_URL`` to Redis as broker and cache.
``PORTAL_PRODUCTION=1`` switches on the production hardening and refuses to start without a secret
key and allowed hosts. ``REQUIRE_SERVICES=1`` (CI) refuses the embedded fallbacks.
``PORTAL_DEMO=1`` (only ``make run`` sets it) switches off mandatory 2FA and shows a banner; it is
refused in production.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("PORTAL_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

PRODUCTION = env.bool("PORTAL_PRODUCTION", default=False)
DEMO = env.bool("PORTAL_DEMO", default=False)
# The load benchmark (benchmarks/web.py) serves a bare Django view beside the pages, from the same setup.
BENCH = env.bool("PORTAL_BENCH", default=False)
REQUIRE_SERVICES = env.bool("REQUIRE_SERVICES", default=False)

if PRODUCTION and DEMO:
    raise ImproperlyConfigured("PORTAL_DEMO mag niet aan staan in productie (PORTAL_PRODUCTION=1).")
if REQUIRE_SERVICES and not (env.str("DATABASE_URL", default="") and env.str("REDIS_URL", default="")):
    raise ImproperlyConfigured(
        "REQUIRE_SERVICES=1: DATABASE_URL en REDIS_URL zijn verplicht; geen terugval op SQLite of de ingebouwde broker."
    )

DEBUG = env.bool("DJANGO_DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG mag niet aan staan in productie.")


def _dev_secret_key() -> str:
    """A random key kept under var/ for the embedded default; never used in production."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        import secrets

        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


if PRODUCTION:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
    if len(SECRET_KEY) < 40:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY ontbreekt of is te kort (minstens 40 tekens) in productie.")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS ontbreekt in productie.")
else:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="") or _dev_secret_key()
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])

PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
# The Contact of /.well-known/security.txt (RFC 9116): a mailto: or https: URI (portal/core/beveiliging.py, SECURITY.md).
SECURITY_CONTACT = env.str("SECURITY_CONTACT", default="")

INSTALLED_APPS = [
    "portal.core.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # recovery codes (issue #19 §2)
    "csp",
    # the shared core (portal.* never imports a domain app)
    "portal.basis",
    "portal.core",
    "portal.accounts",
    "portal.organisaties",
    "portal.leerlingen",
    "portal.audit",
    "portal.termijnen",
    "portal.meldingen",
    "portal.documenten",
    "portal.zaken",
    "portal.informatie",
    "portal.privacy",
    "portal.monitoring",  # the SWV's monitoring pages (issue #20)
    "portal.api",  # the REST API under /api/v1/ (issue #21): resources registered by each app's api.py
    # not "rest_framework": the API renders JSON only (no browsable API, whose templates are the app's only reason to
    # be installed), and as an installed app its Dutch catalogue would override Django's own for the forms of every
    # page ("Dit veld is vereist." instead of "Dit veld is verplicht."); DRF's messages the API shows are the
    # portal's own Dutch (portal/api/problemen.py) or Django's
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served from here (no CDN)
    "oauth2_provider",
    "portal.invoer",  # a school's administration imported from CSV/XLSX (issue #21 §3)
    "portal.gebeurtenissen",  # signed CloudEvents notifications to subscribed systems (issue #21 §4)
    "portal.sso",  # single sign-on through OpenID Connect (issue #21 §5)
    # the domain apps, in pipeline order
    "aanmelding",
    "ondersteuning",
    "opp",
    "tlv",
    "geschillen",
    "thuiszitters",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.basis.middleware.SessieVerlengMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.basis.middleware.TaalMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.accounts.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.core.middleware.CSPMiddleware",  # django-csp's, with the settings' header built once (issue #23 §5)
    "axes.middleware.AxesMiddleware",
    "portal.core.middleware.EigenNietGevondenMiddleware",  # the own 404 page, also with DEBUG (issue #22)
]
# With DEBUG: Django's technical 404 page instead of the portal's own (for a developer; never in the demo).
TECHNISCHE_404 = env.bool("PORTAL_TECHNISCHE_404", default=False)

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.core.context_processors.portal",
            ],
            # {% formulier_token %} in every POST form without a {% load %} (issue #19, defect 4)
            "builtins": ["portal.basis.templatetags.formulieren"],
        },
    },
]

# --- database ---------------------------------------------------------------------------------
if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
    DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # `make test` runs the browser, worker and fault tests beside the rest, each group on its own test database
    # (tests/draai.py sets the suffix for the second group).
    if env.str("TEST_DATABASE_SUFFIX", default=""):
        DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}{env.str('TEST_DATABASE_SUFFIX')}"}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "portal.sqlite3",
            "OPTIONS": {
                # WAL lets readers and one writer work side by side (web + worker + beat);
                # IMMEDIATE takes the write lock up front, so two writers queue instead of deadlocking.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache ------------------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Redis down is no 500 (issue #19 §3): a failed read is a miss, a failed write is skipped, Redis is left alone for
    # PAUZE seconds after a failure, the outage is one warning (not a trace per request), and on recovery the cached
    # sessions are dropped so none ended during the outage comes back (portal/basis/cache.py says why not django-redis).
    CACHES = {"default": {"BACKEND": "portal.basis.cache.StoringsbestendigeRedisCache", "LOCATION": REDIS_URL,
                          "OPTIONS": {"socket_connect_timeout": env.float("REDIS_CONNECT_TIMEOUT", default=1.0),
                                      "socket_timeout": env.float("REDIS_TIMEOUT", default=2.0),
                                      "PAUZE": env.float("CACHE_STORING_PAUZE", default=5.0)}}}
    # Sessions read from the shared cache, written through to the database (issue #14); with Redis down they are
    # read from the database. Only with a cache all processes share: a per-process cache would keep a session alive
    # in one worker after logout in another.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- accounts, sessions, 2FA, throttling -------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # single sign-on through OpenID Connect (issue #21 §5): only for a provider's callback (portal.sso.backends)
    "portal.sso.backends.PortalOIDCBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "portal.accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Idle sessions end after an hour; every request extends it. Closing the browser ends it too.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60)
# Sliding idle timeout without a write per request: the session is extended at most once a minute
# (portal.basis.middleware.SessieVerlengMiddleware, issue #14).
SESSION_SAVE_EVERY_REQUEST = False
SESSIE_VERLENG_NA = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Re-authentication before irreversible acts (signing a decision) is valid this long.
PORTAL_REAUTH_SECONDS = env.int("PORTAL_REAUTH_SECONDS", default=10 * 60)

# Login throttling (issue #19 §1, portal/accounts/throttling.py): an account is locked after AXES_FAILURE_LIMIT
# failures from anywhere (any IP, any browser); a network (IPv4 address or IPv6 /64) after AXES_IP_FAILURE_LIMIT
# failures across accounts, whatever browser it claims to be. Each for AXES_COOLOFF_TIME.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_IP_FAILURE_LIMIT = env.int("AXES_IP_FAILURE_LIMIT", default=50)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "portal.accounts.throttling.InlogRemHandler"
# The login form posts "username" (the user model's field is "email"); the callable lower-cases and strips it.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "portal.accounts.throttling.gebruikersnaam"
AXES_CLIENT_IP_CALLABLE = "portal.accounts.throttling.client_ip"
AXES_LOCKOUT_CALLABLE = "portal.accounts.throttling.blokkade_antwoord"
# A successful login forgets only that account's failures from that network (InlogRemHandler.reset_user_attempts).
AXES_RESET_ON_SUCCESS = True
# Attempts during a lock are refused without extending it: the lock ends AXES_COOLOFF_TIME after it began, also for
# the real user who tries again meanwhile.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_VERBOSE = False
# Behind a reverse proxy: the number of trusted proxies; the client's address is the N-th X-Forwarded-For entry
# from the right (portal.accounts.throttling.client_ip). 0: REMOTE_ADDR.
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)

# Single sign-on (issue #21 §5, portal/sso, mozilla-django-oidc). The providers (issuer, client id and secret, scopes,
# organisations) are configured by the beheerder in /beheer/, not here; these are the library's defaults for all.
OIDC_TIMEOUT = env.float("OIDC_TIMEOUT", default=10.0)
OIDC_VERIFY_SSL = True
OIDC_USE_NONCE = True
OIDC_CREATE_USER = False  # staff and parents are matched to an existing account, never created
OIDC_STORE_ACCESS_TOKEN = False  # nothing of the provider's tokens is kept in the session
OIDC_STORE_ID_TOKEN = False
OIDC_AUTHENTICATION_CALLBACK_URL = "sso:terug"
# The discovery document (endpoints, algorithms) is kept this long in the cache.
SSO_DISCOVERY_SECONDEN = env.int("SSO_DISCOVERY_SECONDEN", default=3600)
# An issuer over plain http (the local test provider) only outside production.
SSO_HTTP_ISSUER_TOEGESTAAN = not PRODUCTION

OTP_TOTP_ISSUER = "Passend Portaal"
# The second factor is set up through a link e-mailed to the account's own address (or sent by the beheerder's
# reset): valid this long, used once (issue #19 §2, portal/accounts/tweestaps.py).
TWEESTAPS_LINK_GELDIG = timedelta(hours=env.int("TWEESTAPS_LINK_UREN", default=24))

# --- i18n ---------------------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English"), ("ar", "العربية")]
# Issue #22 §1: languages of the public pages only (no login; the set is portal/basis/talen.py OPENBARE_PAGINAS). Not
# an account's language (User.taal stays nl/en); elsewhere the page falls back to Dutch and says so in both languages.
TALEN_ALLEEN_OPENBAAR = ["ar"]
# The catalogues (.po) live in locale/ (makemessages writes there); `manage.py vertalingen` compiles them with Babel
# into var/locale/ (runtime files stay under var/; no GNU gettext needed).
LOCALE_PATHS = [BASE_DIR / "locale", VAR_DIR / "locale"]
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- static and media ---------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"


def _bootstrap_dir() -> str:
    import xstatic.pkg.bootstrap as xb

    return xb.BASE_DIR


STATICFILES_DIRS = [BASE_DIR / "static", ("bootstrap", _bootstrap_dir())]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": VAR_DIR / "media"}},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Widget templates come from the project's template dirs too (the dag/maand/jaar date, issue #8).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- e-mail ---------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Passend Portaal <noreply@passendportaal.nl>")
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"

# --- security -----------------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = True
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^health$"]  # the load balancer's probe speaks plain HTTP
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# --- REST API (issue #21; portal/api) ---------------------------------------------------------------
# Only an organisation's system calls the API, with an OAuth2 client-credentials token (portal.api.authenticatie);
# a logged-in person uses the pages. Errors are RFC 9457 problem details in Dutch (portal.api.problemen).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["portal.api.authenticatie.KoppelingAuthenticatie"],
    "DEFAULT_PERMISSION_CLASSES": ["portal.api.rechten.HeeftScope"],
    "DEFAULT_THROTTLE_CLASSES": ["portal.api.throttling.KoppelingThrottle"],
    "DEFAULT_PAGINATION_CLASS": "portal.api.paginering.Paginering",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "portal.api.problemen.probleem_handler",
}
# Calls per client (or per address without a token) per minute; above it 429 with Retry-After.
API_RATE = env.str("API_RATE", default="600/min")
SPECTACULAR_SETTINGS = {
    "TITLE": "Passend Portaal API",
    "DESCRIPTION": "De API van Passend Portaal voor de systemen van scholen, besturen en samenwerkingsverbanden. "
                   "Toegang met OAuth2 client credentials; fouten als problem details (RFC 9457).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PUBLIC": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # no badge from validator.swagger.io: the page loads nothing from outside (CSP img-src 'self')
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "portal.api.schema.probleem_antwoorden"],
    # three fields named "soort" with different choices: each its own name in the schema
    "ENUM_NAME_OVERRIDES": {"SchoolSoortEnum": "portal.organisaties.models.SchoolSoort",
                            "InschrijvingSoortEnum": "portal.leerlingen.models.InschrijvingSoort",
                            "ProfielOnderdeelSoortEnum": "portal.organisaties.models.ProfielOnderdeelSoort"},
}
OAUTH2_PROVIDER = {
    # Tokens are checked in the database on every call (no cache), so revoking a client works at once (§2).
    "ACCESS_TOKEN_EXPIRE_SECONDS": env.int("API_TOKEN_SECONDEN", default=3600),
    "OAUTH2_VALIDATOR_CLASS": "portal.api.oauth.KoppelingValidator",
    "SCOPES_BACKEND_CLASS": "portal.api.oauth.ScopesBackend",
    # RFC 9700 (OAuth 2.0 Security BCP) throughout, ahead of django-oauth-toolkit 4.0's defaults: tokens stored
    # hashed, only in the Authorization header, no implicit or password grant (check --deploy warns otherwise).
    **dict.fromkeys([f"COMPLIANT_BCP_RFC9700_{x}" for x in (
        "IMPLICIT_GRANT", "PASSWORD_GRANT", "PKCE_METHOD", "ACCESS_TOKEN_TRANSPORT", "AUTHZ_RESPONSE_ISS",
        "TOKEN_STORAGE", "REFRESH_TOKEN", "REDIRECT_URI_SCHEME", "REDIRECT_URI_MATCHING", "PKCE_REQUIRED")], True),
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
}
# Named, because portal.api's Koppeling points at it (a swappable model needs its setting for the migration).
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"

# --- Celery ---------------------------------------------------------------------------------------
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing from a request must not hang on a broker that is down (issue #19 §3): one quick retry (a pooled connection
# gone stale after a Redis restart), short connect timeout; portal.celery.verstuur leaves the rest to the safety nets.
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=2.0)
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
                                       "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT}
else:
    # Embedded broker: messages are files under var/celery, so `make run` needs no Redis.
    # Everything the broker writes lives under var/ — including its control folder, which kombu would
    # otherwise create in the working directory (issue #8: runtime files never touch tracked files).
    _queue = VAR_DIR / "celery" / "queue"
    _processed = VAR_DIR / "celery" / "processed"
    _control = VAR_DIR / "celery" / "control"
    for _folder in (_queue, _processed, _control):
        _folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://localhost//"  # a host named, so kombu does not warn about a missing one
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue),
        "data_folder_out": str(_queue),
        "processed_folder": str(_processed),
        "control_folder": str(_control),
        "store_processed": False,
    }

# How often beat runs the deadline sweep and the outbox (seconds).
TERMIJNEN_SWEEP_INTERVAL = env.int("TERMIJNEN_SWEEP_INTERVAL", default=5 * 60)
MELDINGEN_OUTBOX_INTERVAL = env.int("MELDINGEN_OUTBOX_INTERVAL", default=60)
# The beheerder is warned when no sweep has completed for this long (issue #3 §6).
TERMIJNEN_SWEEP_STALE_AFTER = timedelta(minutes=env.int("TERMIJNEN_SWEEP_STALE_MINUTES", default=15))
CELERY_BEAT_SCHEDULE = {
    # The periodic schedule lives in code; tests/test_celery_beat.py imports every task named here.
    "termijnen-sweep": {"task": "portal.termijnen.tasks.sweep_due_clocks", "schedule": float(TERMIJNEN_SWEEP_INTERVAL)},
    "meldingen-outbox": {"task": "portal.meldingen.tasks.process_outbox", "schedule": float(MELDINGEN_OUTBOX_INTERVAL)},
    "termijnen-sweep-health": {"task": "portal.termijnen.tasks.check_sweep_health", "schedule": 300.0},
    # Letters are rendered by a task given their id after commit; this only catches a lost message.
    "documenten-brieven-vangnet": {"task": "portal.documenten.tasks.render_wachtende_brieven", "schedule": 300.0},
    # A dossier asked for is rendered by a task given its id; this catches a lost message and clears old copies.
    "documenten-exports-vangnet": {"task": "portal.documenten.tasks.render_wachtende_exports", "schedule": 120.0},
    "zaken-verzoeken-verlopen": {"task": "portal.zaken.tasks.verzoeken_verlopen", "schedule": 3600.0},
    # The double-submit guard's form tokens are kept Inzending.BEWAAR_DAGEN days (issue #19 defect 4).
    "zaken-inzendingen-opruimen": {"task": "portal.zaken.tasks.inzendingen_opruimen", "schedule": 86400.0},
    # C-7 (WPO 18a lid 13): health data of a TLV file deleted 3 years after the decision; once a day.
    "tlv-gezondheidsgegevens": {"task": "tlv.tasks.gezondheidsgegevens_verwijderen", "schedule": 86400.0},
    # C-5: the school gets the reminder of a TLV's last school year the sweep gives the SWV; once a day.
    "tlv-einde-scholen": {"task": "tlv.tasks.einde_herinneringen_scholen", "schedule": 86400.0},
    # AVG (issue #19): inzage copies deleted after their week; retention (G-2) deletes only when the setting below is on.
    "privacy-inzages-opruimen": {"task": "portal.privacy.tasks.inzages_opruimen_taak", "schedule": 86400.0},
    "privacy-inzages-vangnet": {"task": "portal.privacy.tasks.inzages_vangnet_taak", "schedule": 300.0},
    "privacy-bewaartermijnen": {"task": "portal.privacy.tasks.bewaartermijnen_taak", "schedule": 86400.0},
    # Event notifications (issue #21 §4): the outbox's safety net and the retries whose time has come; a commit that
    # wrote an event asks the worker at once.
    "gebeurtenissen-verwerk": {"task": "portal.gebeurtenissen.tasks.verwerk", "schedule": 60.0},
}
# Event notifications (issue #21 §4, portal/gebeurtenissen): the CloudEvents ``source`` (NL GOV profile: a URN in the
# nld namespace, naming organisation and system — put the operator's OIN in it), tries and backoff.
GEBEURTENISSEN_BRON = env.str("GEBEURTENISSEN_BRON", default="urn:nld:passendportaal:systeem:portaal")
GEBEURTENISSEN_MAX_POGINGEN = env.int("GEBEURTENISSEN_MAX_POGINGEN", default=10)
GEBEURTENISSEN_BACKOFF_SECONDEN = env.int("GEBEURTENISSEN_BACKOFF_SECONDEN", default=60)
# G-2 retention by the daily task: off by default, the beheerder runs it after the dry run (issue #19).
PRIVACY_BEWAREN_AUTOMATISCH = env.bool("PRIVACY_BEWAREN_AUTOMATISCH", default=False)
# Uploaded documents: a PDF that parses or an image that decodes, at most this size.
DOCUMENTEN_MAX_UPLOAD = env.int("DOCUMENTEN_MAX_UPLOAD", default=10 * 1024 * 1024)
# A dossier is made in the worker (issue #19 defect 8): new ones per reader per hour, and how long a copy is kept.
DOCUMENTEN_EXPORTS_PER_UUR = env.int("DOCUMENTEN_EXPORTS_PER_UUR", default=5)
DOCUMENTEN_EXPORT_BEWAAR_DAGEN = env.int("DOCUMENTEN_EXPORT_BEWAAR_DAGEN", default=30)
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
TERMIJNEN_SWEEP_BATCH = env.int("TERMIJNEN_SWEEP_BATCH", default=1000)
# Only rules DOMAIN marks as secondary-sourced may be overridden, and reminder offsets of any rule:
# e.g. {"D-4": {"lengte": 6}, "A-6": {"herinneringen": [10, 3]}}. Checked at start-up.
TERMIJNEN_OVERRIDES = env.json("TERMIJNEN_OVERRIDES", default={})

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
