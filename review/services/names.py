"""The names registry: verified spellings, trusted by the checks in every article."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from review import permissions
from review.models import Flag, Name
from review.services import flags as flag_services
from review.services.common import save_tracked

NAME_KIND = "name-spelling"


def _clean(full_name: str) -> str:
    name = " ".join((full_name or "").split())
    if not name:
        raise ValidationError(
            {"full_name": "Give the name to register, e.g. “Ana Ortiz”."}, code="required"
        )
    if len(name) > Name._meta.get_field("full_name").max_length:
        raise ValidationError({"full_name": "That name is too long for the registry."}, code="long")
    return name


def _require_manager(actor) -> None:
    permissions.require(permissions.can_manage_names(actor), permissions.NAMES_DENIED)


def name_add(*, full_name: str, actor, note: str = "") -> Name:
    """Register a verified spelling. Raises ValidationError if it is empty or already there."""
    _require_manager(actor)
    name = _clean(full_name)
    with transaction.atomic():
        if Name.objects.filter(full_name__iexact=name).exists():
            raise ValidationError(
                {"full_name": f"“{name}” is already in the names registry."}, code="duplicate"
            )
        entry = Name(full_name=name, verified_by=actor, note=(note or "").strip())
        save_tracked(entry, actor=actor, reason="name registered")
    return entry


def _name_of(flag: Flag, full_name: str | None) -> str:
    """The spelling a "verify" click means: given, else the flag's suggestion or its words
    when they are a full name (two words or more)."""
    if full_name and full_name.strip():
        return full_name
    for candidate in (flag.suggestion, flag.quote):
        words = candidate.split()
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            return candidate
    raise ValidationError(
        {"full_name": "This flag does not name a full name; type the spelling to register."},
        code="no_name",
    )


def name_verify(*, flag: Flag, actor, full_name: str | None = None) -> Name:
    """ "Verify this spelling" on a name flag: register the name and resolve the flag."""
    _require_manager(actor)
    if flag.kind_id is not None and flag.kind.slug != NAME_KIND:
        raise ValidationError("Only name-spelling flags can verify a name.", code="kind")
    if flag.status != Flag.Status.OPEN:
        raise ValidationError(
            f"This flag is already {flag.status}; reopen it first to verify the name.",
            code="state",
        )
    name = _clean(_name_of(flag, full_name))
    with transaction.atomic():
        entry = Name.objects.filter(full_name__iexact=name).first()
        if entry is None:
            entry = Name(
                full_name=name, verified_by=actor, note=f"Verified from flag {flag.label}."
            )
            save_tracked(entry, actor=actor, reason="name verified on a flag")
        flag_services.flag_resolve(flag=flag, actor=actor, note="spelling verified")
    return entry
