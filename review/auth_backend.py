"""Django's model backend, reading a user's permissions in one plain query instead of two.

Every page asks at least one permission (`view_article`), so `ModelBackend` reads the
user's own permissions and their groups' permissions, two queries, on every request. Here
both come from one statement, written once as SQL: building it through the ORM cost ten
times what running it does (about 0.5 ms of CPU per request, on every request the desk
answers). The answer is cached on the user object for the request, as `ModelBackend` does,
and is read afresh on the next one, so a role changed in the admin takes effect at once."""

from __future__ import annotations

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router


@functools.cache
def _statements() -> tuple[str, str]:
    """(everyone's permissions, one user's own and through their roles): table and column
    names from the models' metadata, the user's id twice as a parameter."""
    user_model = get_user_model()
    own = user_model._meta.get_field("user_permissions").remote_field.through._meta
    roles = user_model._meta.get_field("groups").remote_field.through._meta
    granted = Group._meta.get_field("permissions").remote_field.through._meta
    perm, ctype = Permission._meta, ContentType._meta

    def col(meta, name: str) -> str:
        return meta.get_field(name).column

    every = (
        f"SELECT ct.{col(ctype, 'app_label')}, p.{col(perm, 'codename')} "  # noqa: S608
        f"FROM {perm.db_table} p JOIN {ctype.db_table} ct "
        f"ON ct.{ctype.pk.column} = p.{col(perm, 'content_type')}"
    )
    mine = (
        f"{every} WHERE p.{perm.pk.column} IN ("  # noqa: S608
        f"SELECT {col(own, 'permission')} FROM {own.db_table} WHERE {col(own, 'user')} = %s "
        f"UNION SELECT g.{col(granted, 'permission')} FROM {granted.db_table} g "
        f"JOIN {roles.db_table} r ON r.{col(roles, 'group')} = g.{col(granted, 'group')} "
        f"WHERE r.{col(roles, 'user')} = %s)"
    )
    return every, mine


class DeskModelBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            every, mine = _statements()
            alias = router.db_for_read(Permission)
            with connections[alias].cursor() as cursor:
                if user_obj.is_superuser:
                    cursor.execute(every)
                else:
                    cursor.execute(mine, [user_obj.pk, user_obj.pk])
                pairs = cursor.fetchall()
            user_obj._perm_cache = {f"{app}.{codename}" for app, codename in pairs}
        return user_obj._perm_cache
