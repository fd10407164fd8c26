"""Django settings for Concord, read from the environment (see README, "Configuration")."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from concord.env import env_bool, env_int, env_list, env_path, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
DATA_DIR = env_path("CONCORD_DATA_DIR", Path("var"), base=BASE_DIR)
SEEDS_DIR = env_path("CONCORD_SEEDS_DIR", Path("../shared/seeds"), base=BASE_DIR)
# Public reference data: the IATI 2.03 schemas and codelists, the SDG goals and targets.
REFERENCE_DATA_DIR = env_path("CONCORD_REFERENCE_DATA_DIR", Path("../shared/data"), base=BASE_DIR)

_INSECURE_KEY = "django-insecure-concord-development-key-never-use-in-production"
SECRET_KEY = env_str("SECRET_KEY") or (_INSECURE_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set SECRET_KEY (or SECRET_KEY_FILE) to a long random value, "
        "or set DEBUG=1 for local development."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Django's admin with a site that lets in whom the rules allow (concord/accounts/adminsite.py).
    "concord.accounts.apps.ConcordAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "concord.audit",
    "concord.registry",
    "concord.ingestion",
    "concord.reporting",
    "concord.directory",
    "concord.cooperation",
    "concord.indicators",
    "concord.resources",
    "concord.accounts",
    "concord.search",
    "concord.portal",
    "concord.demo",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "concord.accounts.twofactor.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "concord.audit.context.SourceMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during login into a page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "concord.urls"
WSGI_APPLICATION = "concord.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'concord.sqlite3'}",
        conn_max_age=env_int("CONCORD_DB_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # Writers queue for the lock instead of failing with "database is locked" mid-transaction.
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("CONCORD_SQLITE_TIMEOUT", 20, minimum=1),
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": env_str("CONCORD_SQLITE_TEST_NAME") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Checks passwords; grants no permission itself: roles do, through the rules.
    "concord.accounts.backends.PasswordBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:me"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
SESSION_COOKIE_AGE = env_int("CONCORD_SESSION_SECONDS", 8 * 3600, minimum=60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Login throttling: lock a username from an address after repeated failures, for a while.
AXES_FAILURE_LIMIT = env_int("CONCORD_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("CONCORD_LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"

# Two-factor authentication (TOTP): the kinds of role whose holders must use it.
CONCORD_2FA_REQUIRED_ROLES = env_list(
    "CONCORD_2FA_REQUIRED_ROLES", ["cooperation_officer", "central_authority"]
)
OTP_TOTP_ISSUER = env_str("CONCORD_2FA_ISSUER", "Concord")
# Fernet keys (comma-separated) that encrypt cooperation requests at rest; the first encrypts,
# all decrypt. Development has a fixed key, like its SECRET_KEY; production must set its own.
_INSECURE_COOPERATION_KEY = "VXz7ZFUNmn4Nc_sbXWa4xaITY1UptsI_giyujHFgJhs="
CONCORD_COOPERATION_KEYS = [
    key.strip() for key in env_str("CONCORD_COOPERATION_KEYS").split(",") if key.strip()
] or ([_INSECURE_COOPERATION_KEY] if DEBUG else [])

# E-mail (password reset, invitations): printed on the console under DEBUG, sent by SMTP
# otherwise. CONCORD_EMAIL_BACKEND overrides the choice (e.g. the file or dummy backend).
EMAIL_BACKEND = env_str(
    "CONCORD_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("CONCORD_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("CONCORD_EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("CONCORD_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("CONCORD_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("CONCORD_EMAIL_TLS", True)
EMAIL_TIMEOUT = env_int("CONCORD_EMAIL_TIMEOUT", 20, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Concord <concord@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The address people reach Concord at, for the links in e-mails (no request to build them from).
CONCORD_SITE_URL = env_str("CONCORD_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
if not CONCORD_SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(
        f"CONCORD_SITE_URL={CONCORD_SITE_URL!r} is not an address: give one such as "
        "https://concord.example.org."
    )
# Reporting reminders (`concord remind`, daily): this many days before a deadline, and for as
# many days after it has passed.
CONCORD_REMINDER_DAYS = env_int("CONCORD_REMINDER_DAYS", 7, minimum=1)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The six official languages of the United Nations; English is the language of record.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "concord" / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env_path("CONCORD_STATIC_ROOT", DATA_DIR / "static", base=BASE_DIR)
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Production hardening: on unless DEBUG, each can be turned off behind a proxy that does it.
HTTPS = env_bool("CONCORD_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS and env_bool("CONCORD_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^health$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("CONCORD_HSTS_SECONDS", 31536000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0 and env_bool("CONCORD_HSTS_PRELOAD", True)
if env_bool("CONCORD_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("CONCORD_LOG_LEVEL", "INFO")},
}

# Background tasks (ingestion of uploaded documents) through Django's task framework. "db" keeps
# the queue in the database and runs `concord db_worker`; "rq" puts it in Redis for several
# machines and runs `concord rqworker --job-class django_tasks_rq.Job`.
TASKS_BACKEND = env_str("CONCORD_TASKS_BACKEND", "db")
if TASKS_BACKEND == "db":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
elif TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": env_str("CONCORD_REDIS_URL", "redis://127.0.0.1:6379/0")}}
else:
    raise ImproperlyConfigured(
        f"CONCORD_TASKS_BACKEND={TASKS_BACKEND!r} is not a task backend: use db or rq."
    )

# Uploaded source documents: kept under the data directory, never served as static or media.
UPLOADS_DIR = env_path("CONCORD_UPLOADS_DIR", DATA_DIR / "uploads", base=BASE_DIR)
UPLOAD_MAX_BYTES = env_int("CONCORD_UPLOAD_MAX_MB", 20, minimum=1) * 1024 * 1024

# Public data is published under this licence (shown on every open-data download).
OPEN_DATA_LICENCE = env_str("CONCORD_OPEN_DATA_LICENCE", "CC-BY-4.0")
