"""The rows the desk cannot work without: the five fixed flag kinds and the four roles.

A data migration creates them; tests that flush the database (live-server browser tests,
concurrency tests) call `ensure_reference_data()` to put them back. Idempotent.
"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.utils import timezone

from review.permissions import ROLE_PERMISSIONS

# slug, name, colour, default severity, description
KINDS = [
    (
        "name-spelling",
        "Name spelling",
        "#f4a3a3",
        "major",
        "A name spelled two ways, unlike the registry, in lower case, or first-name only.",
    ),
    (
        "unverified-claim",
        "Unverified claim",
        "#ffd27f",
        "major",
        "A claim that needs a named source or a check: vague attribution, hedges, figures.",
    ),
    (
        "dangling-text",
        "Dangling text",
        "#c5b3f0",
        "major",
        "An incomplete sentence, a stray fragment, leftover boilerplate or promo text.",
    ),
    (
        "style",
        "Style",
        "#9fd3f5",
        "minor",
        "House style (AP): numerals, abbreviations, punctuation.",
    ),
    ("other", "Other", "#c8e6a0", "minor", "Anything else an editor wants to raise."),
]


# The change reason of the history rows the desk writes for itself, with no user: the fixed
# kinds exist before any user does.
SYSTEM_REASON = "created with the desk (reference data)"


def ensure_kind_history(apps=global_apps) -> int:
    """Give every flag kind without history its first history row (made by the system), as
    every other row on the desk has. Returns how many were written."""
    FlagKind = apps.get_model("review", "FlagKind")
    HistoricalFlagKind = apps.get_model("review", "HistoricalFlagKind")
    missing = FlagKind.objects.exclude(pk__in=HistoricalFlagKind.objects.values("id"))
    fields = [f.attname for f in FlagKind._meta.concrete_fields]
    now = timezone.now()
    rows = [
        HistoricalFlagKind(
            **{name: getattr(kind, name) for name in fields},
            history_date=now,
            history_type="+",
            history_user=None,
            history_change_reason=SYSTEM_REASON,
        )
        for kind in missing
    ]
    HistoricalFlagKind.objects.bulk_create(rows)
    return len(rows)


def ensure_reference_data(apps=global_apps) -> None:
    """Create whatever of the kinds (with their history), permissions and roles is missing
    (`apps`: a migration's historical registry, or the live one)."""
    FlagKind = apps.get_model("review", "FlagKind")
    HistoricalFlagKind = apps.get_model("review", "HistoricalFlagKind")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    slugs = [k[0] for k in KINDS]
    complete = (
        FlagKind.objects.filter(slug__in=slugs).count() == len(KINDS)
        and HistoricalFlagKind.objects.filter(slug__in=slugs).values("id").distinct().count()
        == len(KINDS)
        and Group.objects.filter(name__in=ROLE_PERMISSIONS).count() == len(ROLE_PERMISSIONS)
        and Permission.objects.filter(content_type__app_label="review").exists()
    )
    if complete:
        return
    for order, (slug, name, colour, severity, description) in enumerate(KINDS):
        if FlagKind.objects.filter(slug=slug).exists():
            continue
        kind = FlagKind(
            slug=slug,
            name=name,
            colour=colour,
            default_severity=severity,
            description=description,
            order=order * 10,
        )
        kind._change_reason = SYSTEM_REASON  # the live model writes its history row itself
        kind.save()
    ensure_kind_history(apps)
    # Permissions are normally created after all migrations; roles need them now.
    for app_config in apps.get_app_configs():
        needs_flag = getattr(app_config, "models_module", None) is None
        if needs_flag:
            app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        if needs_flag:
            app_config.models_module = None
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="review", codename__in=codenames)
        )
