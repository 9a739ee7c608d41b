"""Settings shared by every environment.

Everything that differs between machines comes from environment variables; `docs/configuration.md`
lists each one with its default. No secret has a default here: dev and test settings supply
throwaway values, production refuses to start without real ones (see madang.core.checks).
"""

import os
import unicodedata
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO as _django_lang_info
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent.parent
PROJECT_DIR = BASE_DIR / "madang"
VAR_DIR = Path(os.environ.get("MADANG_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# How many reverse proxies (nginx, a load balancer) stand in front of the app servers. Their
# X-Forwarded-For entries are trusted to find the client's address for audit rows, the access
# log, lockout and the admin IP allow-list; 0 means REMOTE_ADDR is the client.
MADANG_TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 0)

# Keys for field-level encryption of personal data (ordinance 제22조②), "id:base64key" pairs
# separated by commas; the first is used to encrypt, all are tried to decrypt.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")
# Key for the blind indexes that let staff find a citizen by phone number or e-mail without
# storing either in the clear (madang.privacy.crypto): base64 of 32 random bytes. Separate from
# FIELD_ENCRYPTION_KEYS so that rotating those leaves every index valid; changing this one means
# rebuilding the indexes (`manage.py rotate_encryption_keys --rebuild-blind-indexes`).
BLIND_INDEX_KEY = os.environ.get("BLIND_INDEX_KEY", "")
# Staff access to personal data is logged and the log kept for two years: 안전성 확보조치 기준
# 제8조① requires 1 year, 2 years for systems holding 고유식별정보 or 민감정보 or data on 50,000
# or more people, which a district's homepage and complaint window do.
PII_ACCESS_LOG_RETENTION_DAYS = env_int("PII_ACCESS_LOG_RETENTION_DAYS", 730)
# The monthly review (제8조②) flags an account that viewed more data subjects than this in one
# day, and any access outside these working hours (Asia/Seoul) or on a weekend or holiday.
PII_ACCESS_DAILY_SUBJECT_THRESHOLD = env_int("PII_ACCESS_DAILY_SUBJECT_THRESHOLD", 50)
PII_ACCESS_WORKING_HOURS = os.environ.get("PII_ACCESS_WORKING_HOURS", "08:00-20:00")

INSTALLED_APPS = [
    "madang.core",
    "madang.accounts",
    "madang.departments",
    "madang.pages",
    "madang.privacy",
    "madang.complaints",
    "madang.open311",
    "madang.boards",
    "madang.search",
    "madang.sitegov",
    "madang.languages",
    "madang.notifications",
    "madang.counselling",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "madang.core.staticfiles.MadangStaticFilesConfig",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.kakao",
    "allauth.socialaccount.providers.naver",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers anonymous readers from the page cache before any session or database work.
    "madang.core.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Staff whose password is older than PASSWORD_MAX_AGE_DAYS_STAFF must change it first.
    "madang.accounts.middleware.PasswordExpiryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A contractor whose contract has ended is signed out with the reason (조례 제5조②).
    "madang.sitegov.middleware.ContractorTermMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "madang.core.middleware.RequestContextMiddleware",
    "madang.accounts.ip_allowlist.AdminIPAllowlistMiddleware",
    "madang.accounts.idle.IdleTimeoutMiddleware",
    "madang.accounts.mfa_middleware.MFARequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it turns a lockout into the response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out account is refused before any password is checked (제24조).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

ROOT_URLCONF = "madang.config.urls"
WSGI_APPLICATION = "madang.config.wsgi.application"
ASGI_APPLICATION = "madang.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "madang.core.context_processors.site_chrome",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'madang.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while the task worker writes; the busy timeout turns brief lock
    # contention into a wait instead of "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# Behind PgBouncer in transaction mode server-side cursors must be off (Django docs).
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool(
    "DATABASE_DISABLE_SERVER_SIDE_CURSORS", False
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "madang"),
            "TIMEOUT": env_int("CACHE_TIMEOUT", 300),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "madang",
            "TIMEOUT": env_int("CACHE_TIMEOUT", 300),
        }
    }

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "wagtailadmin_login"
# Password rules of ordinance 제24조 (→ 국가 정보보안 기본지침) for staff and KISA 「패스워드
# 선택 및 이용 안내서」(2019) for citizens; madang.accounts.password_validation explains each.
# The staff/citizen choice is made from the user being validated (None → citizen rule).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        # Staff 9+ with letters, digits and specials (국가 정보보안 기본지침); citizens 8+ with
        # two kinds or 10+ (KISA 2019, quoted by the 안전성 확보조치 기준 해설서).
        "NAME": "madang.accounts.password_validation.PasswordCompositionValidator",
        "OPTIONS": {
            "staff_min_length": 9,
            "citizen_min_length": 8,
            "citizen_min_kinds": 2,
            "citizen_long_length": 10,
        },
    },
    {"NAME": "madang.accounts.password_validation.PersonalInformationValidator"},
    {"NAME": "madang.accounts.password_validation.RepeatedSequentialCharactersValidator"},
    {"NAME": "madang.accounts.password_validation.PasswordHistoryValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Staff may not reuse their last N passwords, the current one included (국가 정보보안 기본지침
# forbids reuse; 5 is the common public-sector figure). 0 turns the rule off.
PASSWORD_HISTORY_COUNT = env_int("PASSWORD_HISTORY_COUNT", 5)
# Staff must change their password every N days (quarterly: 국가 정보보안 기본지침 practice,
# KOREAN_RULES §2.2). NIST SP 800-63B advises against forced change, hence a setting; 0 = off.
PASSWORD_MAX_AGE_DAYS_STAFF = env_int("PASSWORD_MAX_AGE_DAYS_STAFF", 90)
# Citizens are only reminded, never forced (KISA 2019), after N days (the former 정보통신망법
# 고시's half-year); 0 = no reminder.
PASSWORD_CHANGE_REMINDER_DAYS = env_int("PASSWORD_CHANGE_REMINDER_DAYS", 180)
PASSWORD_HASHERS = [
    # PBKDF2-SHA256 with a salt: on KISA's list of approved one-way functions
    # (안전성 확보조치 기준 제7조). Argon2 can be put first by setting PASSWORD_HASHER=argon2.
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
if os.environ.get("PASSWORD_HASHER", "").lower() == "argon2":
    PASSWORD_HASHERS.reverse()

LANGUAGE_CODE = "ko"
# Foreign-language homepages (조례 제6조): the languages that have a site beside Korean, as
# Django language codes separated by commas. Each is served under /<code>/ and named in its own
# language in the switcher; madang.languages gives each its operating department (제6조③).
MADANG_FOREIGN_LANGUAGES = env_list("MADANG_FOREIGN_LANGUAGES", "en,zh-hans,ja,vi")
LANGUAGES = [("ko", "한국어")]
for _code in MADANG_FOREIGN_LANGUAGES:
    if _code == LANGUAGE_CODE:
        continue
    try:
        _name = unicodedata.normalize("NFC", _django_lang_info[_code]["name_local"])
        LANGUAGES.append((_code, _name))
    except KeyError:
        raise ImproperlyConfigured(
            f"MADANG_FOREIGN_LANGUAGES: '{_code}' is not a language code Django knows "
            "(use e.g. en, zh-hans, ja, vi)"
        ) from None
# The opinion form of each foreign-language site (제6조②): messages accepted from one IP
# address per hour, and days after which the writer's name and e-mail address are erased
# (개인정보 보호법 제21조: kept only as long as the reply needs them).
MADANG_OPINION_PER_IP_PER_HOUR = env_int("OPINION_PER_IP_PER_HOUR", 5)
MADANG_OPINION_CONTACT_RETENTION_DAYS = env_int("OPINION_CONTACT_RETENTION_DAYS", 365)
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [
    PROJECT_DIR / "static",
    # Installed by `npm ci` at build time, never committed (KRDS terms; KOREAN_RULES §10.4).
    ("krds", BASE_DIR / "node_modules" / "krds-uiux" / "resources"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if os.environ.get("MEDIA_STORAGE", "filesystem") == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("MEDIA_S3_BUCKET", ""),
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "access_key": os.environ.get("MEDIA_S3_ACCESS_KEY_ID", ""),
            "secret_key": os.environ.get("MEDIA_S3_SECRET_ACCESS_KEY", ""),
            "default_acl": "private",
            "querystring_auth": True,
        },
    }

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 15)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "동작구청 <no-reply@dongjak.go.kr>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
# Staff are signed out after this many idle minutes (안전성 확보조치 기준 제6조④: automatic
# disconnection after a set idle time). Every request saves the session, so the cookie age is an
# idle time-out; madang.accounts.idle also enforces it server-side and shows the countdown.
STAFF_IDLE_TIMEOUT_MINUTES = env_int("STAFF_IDLE_TIMEOUT_MINUTES", 30)
# Minutes before the end at which the "시간 연장" dialog opens (KWCAG 2.2.1 timing adjustable).
IDLE_WARNING_MINUTES = env_int("IDLE_WARNING_MINUTES", 2)
SESSION_COOKIE_AGE = STAFF_IDLE_TIMEOUT_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "notifications", "maintenance"],
    }
}

WAGTAIL_SITE_NAME = os.environ.get("MADANG_SITE_NAME", "동작구청")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "core.MadangImage"
WAGTAILDOCS_DOCUMENT_MODEL = "core.MadangDocument"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_EXTENSIONS = [
    "hwp", "hwpx", "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "txt",
    "csv", "zip",
    "vtt", "mp4", "webm",  # captions and video files of video pages (madang.pages.models.media)
]  # fmt: skip
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# The district this installation serves. Names come from here, never from code, because every
# district has a near-identical ordinance (ARCHITECTURE.md).
MADANG_DISTRICT_NAME = os.environ.get("MADANG_DISTRICT_NAME", "서울특별시 동작구")
MADANG_ORDINANCE_NAME = os.environ.get(
    "MADANG_ORDINANCE_NAME", "서울특별시 동작구 홈페이지 및 소셜미디어 운영에 관한 조례"
)
MADANG_PRODUCTION = False
MADANG_BENCH_VIEWS = env_bool("MADANG_BENCH_VIEWS", False)
# Homepage content (madang.pages). 조례 제7조 asks departments to keep their pages current; it
# names no period, so a page is due for review this many months after its last publication or
# review (six months, the common practice of 지자체 homepages).
MADANG_CONTENT_REVIEW_MONTHS = env_int("CONTENT_REVIEW_MONTHS", 6)
# The cookie holding the reader's text size and contrast ("lg.high"; madang.pages.display). The
# server renders it onto <html>, so a page cache must key anonymous responses on its value.
MADANG_DISPLAY_PREFERENCE_COOKIE = "madang_display"
# Full-page cache for anonymous readers (madang.core.cache; docs/decisions/0011). 0 turns it
# off. Entries are invalidated on publish; this bounds anything published without a signal.
MADANG_PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
MADANG_PAGE_CACHE_ALIAS = "default"
# Query parameters a cached page may vary on (news lists); any other parameter skips the cache.
MADANG_PAGE_CACHE_QUERY_PARAMS = ("page", "category")
# Functions giving a normalised per-reader value the server renders into every page (the text
# size and contrast cookie); each value is a separate entry. Raw cookie values are never keys.
MADANG_PAGE_CACHE_VARIANTS = ("madang.pages.cache.display_variant",)
# Models ("app_label.ModelName") besides pages, settings and snippets whose change empties it.
MADANG_PAGE_CACHE_INVALIDATING_MODELS = ()
# Page satisfaction answers (조례 제3조②) accepted from one IP address per hour (anti-abuse).
MADANG_PAGE_FEEDBACK_PER_IP_PER_HOUR = env_int("PAGE_FEEDBACK_PER_IP_PER_HOUR", 60)
# Department code of the homepage operating department (receives site feedback, 제3조②).
MADANG_HOMEPAGE_DEPARTMENT_CODE = os.environ.get("HOMEPAGE_DEPARTMENT_CODE", "public-relations")
# Department code of the IT department (정보화부서); with the homepage operating department it
# agrees to every new sub-site before Madang creates it (조례 제4조②).
MADANG_IT_DEPARTMENT_CODE = os.environ.get("IT_DEPARTMENT_CODE", "it-policy")
# Contractors (조례 제5조②, 제6조③): the report flags contracts ending within this many days.
MADANG_CONTRACTOR_WARNING_DAYS = env_int("CONTRACTOR_WARNING_DAYS", 30)
# Editorial workflow (조례 제7조): department editors submit, this group of the homepage operating
# department approves and publishes.
MADANG_EDITORIAL_APPROVERS_GROUP = os.environ.get(
    "EDITORIAL_APPROVERS_GROUP", "누리집 운영부서 승인자"
)
MADANG_EDITORIAL_WORKFLOW_NAME = os.environ.get("EDITORIAL_WORKFLOW_NAME", "누리집 운영부서 승인")
MADANG_EDITORIAL_TASK_NAME = os.environ.get("EDITORIAL_TASK_NAME", "누리집 운영부서 검토")
# The Wagtail admin sign-in form refuses contractors outside their contract term.
WAGTAILADMIN_USER_LOGIN_FORM = "madang.sitegov.forms.StaffLoginForm"
# 전자민원창구 (madang.complaints). Processing periods of 민원 처리에 관한 법률 시행령; each is a
# string deadlines.parse_period accepts ("7d", "14d", "3h", "즉시"). Defaults are statutory.
# 질의민원, 법령의 설명·해석: 14일 (시행령 제14조제1호).
COMPLAINT_PERIOD_INQUIRY_LAW = os.environ.get("COMPLAINT_PERIOD_INQUIRY_LAW", "14d")
# 질의민원, 제도·절차 등 법령 외의 사항: 7일 (시행령 제14조제2호).
COMPLAINT_PERIOD_INQUIRY_OTHER = os.environ.get("COMPLAINT_PERIOD_INQUIRY_OTHER", "7d")
# 건의민원: 14일 (시행령 제15조).
COMPLAINT_PERIOD_SUGGESTION = os.environ.get("COMPLAINT_PERIOD_SUGGESTION", "14d")
# 기타민원: 즉시 = 3 근무시간 (시행령 제16조①, 제19조); 제16조③ lets the district set its own.
COMPLAINT_PERIOD_OTHER = os.environ.get("COMPLAINT_PERIOD_OTHER", "즉시")
# 고충민원: 7일 (시행령 제17조①); 현장조사 time is a pause, not part of the period (제17조④⑤).
COMPLAINT_PERIOD_GRIEVANCE = os.environ.get("COMPLAINT_PERIOD_GRIEVANCE", "7d")
# 법정민원 without a 처리기준표 row (법 제17조 makes the agency publish one per type); our choice.
COMPLAINT_PERIOD_STATUTORY_DEFAULT = os.environ.get("COMPLAINT_PERIOD_STATUTORY_DEFAULT", "7d")
# Attachments: size per file, number per 민원 (시행령 제7조: ask only for what is needed).
COMPLAINT_ATTACHMENT_MAX_BYTES = env_int("COMPLAINT_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
COMPLAINT_ATTACHMENT_MAX_COUNT = env_int("COMPLAINT_ATTACHMENT_MAX_COUNT", 5)
# Guest identity check: 6-digit code lifetime and wrong tries before a new code is needed.
COMPLAINT_VERIFICATION_CODE_MINUTES = env_int("COMPLAINT_VERIFICATION_CODE_MINUTES", 10)
COMPLAINT_VERIFICATION_MAX_ATTEMPTS = env_int("COMPLAINT_VERIFICATION_MAX_ATTEMPTS", 5)
# Limits on code requests and wrong codes per address and per e-mail/phone, in a window
# (시행령 제11조의2: abuse of the 전자민원창구 may be restricted).
COMPLAINT_VERIFICATION_LIMIT_WINDOW_SECONDS = env_int(
    "COMPLAINT_VERIFICATION_LIMIT_WINDOW_SECONDS", 3600
)
COMPLAINT_VERIFICATION_SENDS_PER_IP = env_int("COMPLAINT_VERIFICATION_SENDS_PER_IP", 10)
COMPLAINT_VERIFICATION_SENDS_PER_TARGET = env_int("COMPLAINT_VERIFICATION_SENDS_PER_TARGET", 5)
COMPLAINT_VERIFICATION_FAILURES_PER_IP = env_int("COMPLAINT_VERIFICATION_FAILURES_PER_IP", 20)
COMPLAINT_VERIFICATION_FAILURES_PER_TARGET = env_int(
    "COMPLAINT_VERIFICATION_FAILURES_PER_TARGET", 10
)
# Filing drafts (and their uploaded files) nobody confirmed are deleted after this many days.
COMPLAINT_DRAFT_RETENTION_DAYS = env_int("COMPLAINT_DRAFT_RETENTION_DAYS", 7)
# Handling (madang.complaints.handling). 이송 limits in 근무시간 (시행령 제13조): 민원실 →
# department 1 (3 where the offices are far apart), from a wrong department 3, to another
# agency 8. 중간 통지 every 30 days (시행령 제23조). Default 보완 기한 in days (법 제22조 says
# only "상당한 기간"); 현장조사 of a 고충민원 at most 14일 (시행령 제17조④). A guest's notice
# link opens their 민원 for this many days.
COMPLAINT_TRANSFER_HOURS_FIRST = env_int("COMPLAINT_TRANSFER_HOURS_FIRST", 1)
COMPLAINT_TRANSFER_HOURS_INTERNAL = env_int("COMPLAINT_TRANSFER_HOURS_INTERNAL", 3)
COMPLAINT_TRANSFER_HOURS_AGENCY = env_int("COMPLAINT_TRANSFER_HOURS_AGENCY", 8)
COMPLAINT_PROGRESS_NOTICE_DAYS = env_int("COMPLAINT_PROGRESS_NOTICE_DAYS", 30)
COMPLAINT_SUPPLEMENT_DAYS = env_int("COMPLAINT_SUPPLEMENT_DAYS", 7)
COMPLAINT_INSPECTION_DAYS = env_int("COMPLAINT_INSPECTION_DAYS", 14)
# ... extendable once by up to 7일 (시행령 제17조⑤).
COMPLAINT_INSPECTION_EXTENSION_DAYS = env_int("COMPLAINT_INSPECTION_EXTENSION_DAYS", 7)
COMPLAINT_ACCESS_LINK_DAYS = env_int("COMPLAINT_ACCESS_LINK_DAYS", 180)
# Open311 GeoReport v2 at /open311/v2/ (docs/developers/open311.md). The one jurisdiction_id
# clients may send; empty = the host of WAGTAILADMIN_BASE_URL without "www.".
OPEN311_JURISDICTION_ID = os.environ.get("OPEN311_JURISDICTION_ID", "")
# GET requests: most requests in one answer, and the widest (and default) date range.
OPEN311_MAX_REQUESTS = env_int("OPEN311_MAX_REQUESTS", 1000)
OPEN311_MAX_SPAN_DAYS = env_int("OPEN311_MAX_SPAN_DAYS", 90)
# Per key (or per address without one), per window: reads, and POSTs filing a 민원.
OPEN311_RATE_LIMIT_WINDOW_SECONDS = env_int("OPEN311_RATE_LIMIT_WINDOW_SECONDS", 60)
OPEN311_RATE_LIMIT_READS = env_int("OPEN311_RATE_LIMIT_READS", 120)
OPEN311_RATE_LIMIT_WRITES = env_int("OPEN311_RATE_LIMIT_WRITES", 30)
# Service discovery's "contact" and "key_service" sentences; empty = built-in Korean text.
OPEN311_CONTACT = os.environ.get("OPEN311_CONTACT", "")
OPEN311_KEY_SERVICE = os.environ.get("OPEN311_KEY_SERVICE", "")
# 개인정보 수집·이용 동의 notice (개인정보 보호법 제15조②, 제22조); empty = the built-in text.
COMPLAINT_PRIVACY_NOTICE = os.environ.get("COMPLAINT_PRIVACY_NOTICE", "")
# How long finished background-task results are kept before the nightly prune.
MADANG_TASK_RESULT_RETENTION_DAYS = env_int("TASK_RESULT_RETENTION_DAYS", 30)

# Notifications (madang.notifications): e-mail through EMAIL_*, SMS and 카카오 알림톡 through
# NHN Cloud's APIs. A failed message is tried again after BACKOFF, 2×, 4×… (capped at
# BACKOFF_MAX) seconds, at most MAX_ATTEMPTS times, then left "given up" for staff to resend.
MADANG_NOTIFY_MAX_ATTEMPTS = env_int("NOTIFY_MAX_ATTEMPTS", 5)
MADANG_NOTIFY_BACKOFF_SECONDS = env_int("NOTIFY_BACKOFF_SECONDS", 60)
MADANG_NOTIFY_BACKOFF_MAX_SECONDS = env_int("NOTIFY_BACKOFF_MAX_SECONDS", 3600)
# The periodic job re-dispatches a message whose task has waited this long past its due time,
# and one left "sending" this long by a worker that died.
MADANG_NOTIFY_REDISPATCH_GRACE_SECONDS = env_int("NOTIFY_REDISPATCH_GRACE_SECONDS", 120)
MADANG_NOTIFY_SENDING_LEASE_SECONDS = env_int("NOTIFY_SENDING_LEASE_SECONDS", 600)
# Days after its delivery (or last attempt, once given up) that a notification keeps its
# recipient, subject, text and 알림톡 variables; then the nightly job blanks them and keeps only
# purpose, channel, status and dates for statistics (개인정보 보호법 제21조①: 파기 without delay
# once the purpose is served). madang/notifications/retention.py.
MADANG_NOTIFICATION_RETENTION_DAYS = env_int("NOTIFICATION_RETENTION_DAYS", 180)
# Connect and read time-out for the SMS / 알림톡 HTTP APIs, in seconds.
MADANG_NOTIFY_HTTP_TIMEOUT = float(os.environ.get("NOTIFY_HTTP_TIMEOUT", "10"))
# NHN Cloud Notification SMS API v3.0 (appKey and X-Secret-Key from the NHN Cloud console; the
# sender number must be registered there, 전기통신사업법 제84조의2).
NHN_SMS_BASE_URL = os.environ.get("NHN_SMS_BASE_URL", "https://api-sms.cloud.toast.com")
NHN_SMS_APP_KEY = os.environ.get("NHN_SMS_APP_KEY", "")
NHN_SMS_SECRET_KEY = os.environ.get("NHN_SMS_SECRET_KEY", "")
NHN_SMS_SENDER_NO = os.environ.get("NHN_SMS_SENDER_NO", "")
# NHN Cloud KakaoTalk Bizmessage 알림톡 API v2.3 (appkey, X-Secret-Key, the 발신 프로필 senderKey).
NHN_ALIMTALK_BASE_URL = os.environ.get(
    "NHN_ALIMTALK_BASE_URL", "https://api-alimtalk.cloud.toast.com"
)
NHN_ALIMTALK_APP_KEY = os.environ.get("NHN_ALIMTALK_APP_KEY", "")
NHN_ALIMTALK_SECRET_KEY = os.environ.get("NHN_ALIMTALK_SECRET_KEY", "")
NHN_ALIMTALK_SENDER_KEY = os.environ.get("NHN_ALIMTALK_SENDER_KEY", "")
# Phone notices to citizens that go by 알림톡: "purpose=templateCode" pairs, comma-separated
# (e.g. "complaint.receipt=DJ_RECEIPT_01,complaint.answered=DJ_ANSWER_01"), each the code of a
# template Kakao approved with the text in madang/notifications/alimtalk.py. Others go by SMS.
MADANG_ALIMTALK_TEMPLATES = {
    purpose.strip(): code.strip()
    for purpose, _sep, code in (item.partition("=") for item in env_list("ALIMTALK_TEMPLATES"))
    if purpose.strip() and code.strip()
}

# Boards (조례 제8조·제11조·제12조). The ordinance sets no numbers for boards; these are
# operating choices, each adjustable per installation.
# After this many distinct users report a post or comment it is hidden pending review (제8조).
BOARD_REPORT_HIDE_THRESHOLD = env_int("BOARD_REPORT_HIDE_THRESHOLD", 3)
# Deleted posts keep their original text this many days, for objections and audits, before the
# nightly purge erases it (제8조 deletions must stay explainable; 개인정보 보호법 제21조 limits it).
BOARD_DELETED_RETENTION_DAYS = env_int("BOARD_DELETED_RETENTION_DAYS", 365)
# 제8조 제8호 (repeated posting): the same author's posts within this many days are compared.
BOARD_REPEAT_WINDOW_DAYS = env_int("BOARD_REPEAT_WINDOW_DAYS", 7)
BOARD_REPEAT_SIMILARITY = float(os.environ.get("BOARD_REPEAT_SIMILARITY", "0.8"))
# Posting rate limits: at most N posts (and comments) per window, per account and per IP.
BOARD_RATE_LIMIT_WINDOW_SECONDS = env_int("BOARD_RATE_LIMIT_WINDOW_SECONDS", 600)
BOARD_RATE_LIMIT_PER_ACCOUNT = env_int("BOARD_RATE_LIMIT_PER_ACCOUNT", 5)
BOARD_RATE_LIMIT_PER_IP = env_int("BOARD_RATE_LIMIT_PER_IP", 20)
BOARD_POSTS_PER_PAGE = env_int("BOARD_POSTS_PER_PAGE", 15)
# Upper bound for any board's attachment size setting, in megabytes.
BOARD_MAX_ATTACHMENT_MB = env_int("BOARD_MAX_ATTACHMENT_MB", 20)
# Longest edge of a re-encoded image attachment, in pixels.
BOARD_IMAGE_MAX_EDGE = env_int("BOARD_IMAGE_MAX_EDGE", 4000)
# Board attachments live outside MEDIA_ROOT and are served only through a view that checks
# who may read the post (secret posts, deletions under 제8조).
BOARD_ATTACHMENT_ROOT = Path(os.environ.get("BOARD_ATTACHMENT_ROOT", VAR_DIR / "board-attachments"))
# 민원 files (filing and 보완) likewise: personal data, downloaded only by the citizen and the
# officials handling the 민원 (each staff download logged), never under MEDIA_URL.
COMPLAINT_ATTACHMENT_ROOT = Path(
    os.environ.get("COMPLAINT_ATTACHMENT_ROOT", VAR_DIR / "complaint-attachments")
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# django-allauth: citizen sign-up and Kakao/Naver sign-in (the accounts issue refines these).
# Citizens give no e-mail to allauth: contact details live only in privacy.PersonalProfile
# (encrypted); see madang/accounts/signup_services.py and docs/decisions/0007-under-14.md.
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "madang.accounts.adapters.MadangAccountAdapter"
ACCOUNT_FORMS = {
    "login": "madang.accounts.forms.CitizenLoginForm",
    "signup": "madang.accounts.forms.CitizenSignupForm",
    "reset_password": "madang.accounts.forms.CitizenResetPasswordForm",
}
ACCOUNT_LOGOUT_ON_GET = False
SOCIALACCOUNT_ADAPTER = "madang.accounts.adapters.MadangSocialAccountAdapter"
SOCIALACCOUNT_FORMS = {"signup": "madang.accounts.forms.CitizenSocialSignupForm"}
SOCIALACCOUNT_AUTO_SIGNUP = False  # every new Kakao/Naver user sees the consent step (제22조)
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_PROVIDERS: dict = {}
# Kakao/Naver sign-in appears only when its client id is set in the environment.
for _provider, _prefix in (("kakao", "KAKAO"), ("naver", "NAVER")):
    if os.environ.get(f"{_prefix}_CLIENT_ID"):
        SOCIALACCOUNT_PROVIDERS[_provider] = {
            "APPS": [
                {
                    "client_id": os.environ[f"{_prefix}_CLIENT_ID"],
                    "secret": os.environ.get(f"{_prefix}_CLIENT_SECRET", ""),
                    "key": "",
                }
            ],
        }
# 본인확인 (identity verification) gateway: docs/developers/identity-verification.md. Empty
# MADANG_IDENTITY_PROVIDER turns real-name features off.
MADANG_IDENTITY_PROVIDER = os.environ.get("IDENTITY_PROVIDER", "")
MADANG_IDENTITY_GATEWAY_URL = os.environ.get("IDENTITY_GATEWAY_URL", "")
MADANG_IDENTITY_GATEWAY_CLIENT_ID = os.environ.get("IDENTITY_GATEWAY_CLIENT_ID", "")
MADANG_IDENTITY_GATEWAY_SECRET = os.environ.get("IDENTITY_GATEWAY_SECRET", "")
# How long one 본인확인 counts for real-name actions in the same session (our choice: 30 min).
MADANG_IDENTITY_MAX_AGE_SECONDS = env_int("IDENTITY_MAX_AGE_SECONDS", 1800)
# Adult age for is_adult: 민법 제4조 (만 19세).
MADANG_ADULT_AGE = 19
# Minimum age for signing up without a legal representative: 개인정보 보호법 제22조의2 (만 14세).
MADANG_SIGNUP_MIN_AGE = 14

# django-axes: lock sign-in after repeated failures (ordinance 제24조; 안전성 확보조치 기준
# 제5조⑥ requires a limit without fixing it). madang.accounts.lockout explains the policy.
# An account locks after LOGIN_FAILURE_LIMIT failures (5: public-sector RFPs; KISA's 기반시설
# 기준 U-03 asks for 10 or fewer) for LOGIN_LOCKOUT_MINUTES (30, our choice; the 2024 안내서
# accepts a retry-time limit as a control); 0 minutes = locked until an administrator unlocks.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
MADANG_LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 30)
AXES_COOLOFF_TIME = MADANG_LOGIN_LOCKOUT_MINUTES / 60 if MADANG_LOGIN_LOCKOUT_MINUTES else None
# "ip_address" is a separate group with its own, much higher limit (MadangAxesHandler): all
# staff share the office's NAT address and mobile citizens share carrier NAT, so an IP must not
# lock at 5. It still stops a spray over many accounts from one address.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
MADANG_LOGIN_FAILURE_LIMIT_PER_IP = env_int("LOGIN_FAILURE_LIMIT_PER_IP", 100)
AXES_HANDLER = "madang.accounts.lockout.MadangAxesHandler"
AXES_USERNAME_CALLABLE = "madang.accounts.lockout.lockout_username"
AXES_CLIENT_IP_CALLABLE = "madang.accounts.lockout.client_ip"
AXES_LOCKOUT_CALLABLE = "madang.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Failures during a lockout do not push the unlock time back, so the time we show holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Failed sign-ins are kept as access records (안전성 확보조치 기준 제8조); passwords are masked.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# allauth's own failed-login limit (5 per 5 minutes per login) would answer before axes with a
# different message and no unlock time; axes is the one lockout, allauth keeps its per-IP brake.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip"}

# Second factor for staff and contractors (안전성 확보조치 기준 제5조⑤⑥, 제6조②): TOTP with
# single-use recovery codes; see madang.accounts.mfa. Wrong codes are throttled (1, 2, 4, 8 … s)
# and MFA_LOCKOUT_FAILURES in a row sign the session out.
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
MFA_LOCKOUT_FAILURES = env_int("MFA_LOCKOUT_FAILURES", 5)
MFA_RECOVERY_CODE_COUNT = 10
# Optional allow-list for the admin and staff sign-in (안전성 확보조치 기준 제6조①): CIDRs
# separated by commas, e.g. "10.20.0.0/16,2001:db8::/32"; empty switches it off.
ADMIN_IP_ALLOWLIST = env_list("ADMIN_IP_ALLOWLIST")
