"""`manage.py check --deploy` checks of the desk's own settings (Django checks its own)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

PLACEHOLDER = "CHANGE-ME"


@register(Tags.security, deploy=True)
def check_production_environment(app_configs=None, **kwargs) -> list:
    problems = []
    if PLACEHOLDER in settings.SECRET_KEY:
        problems.append(
            Error(
                "DJANGO_SECRET_KEY is still the example's placeholder.",
                hint="Generate one: python3 -c 'import secrets; print(secrets.token_urlsafe(64))'",
                id="review.E001",
            )
        )
    if getattr(settings, "HTTPS", False) and not settings.REVIEW_SITE_URL.startswith("https://"):
        problems.append(
            Warning(
                "DJANGO_HTTPS is on but REVIEW_SITE_URL is not an https:// address.",
                hint="E-mail links and exported annotation ids use REVIEW_SITE_URL.",
                id="review.W001",
            )
        )
    if settings.EMAIL_BACKEND_NAME.endswith(("console.EmailBackend", "locmem.EmailBackend")):
        problems.append(
            Warning(
                "Mail goes to the console: notifications and password resets reach nobody.",
                hint="Set DJANGO_EMAIL_BACKEND to the SMTP backend (or dummy, on purpose).",
                id="review.W002",
            )
        )
    return problems
