"""Who may do what. Roles are Django groups (made by a data migration) holding permissions;
the checks below ask for permissions, never group names, so the desk chief can tune roles
in the admin."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied

User = AbstractBaseUser | AnonymousUser

ROLE_EDITOR = "Editor"
ROLE_COPY_EDITOR = "Copy editor"
ROLE_FACT_CHECKER = "Fact-checker"
ROLE_VIEWER = "Viewer"
ROLES = (ROLE_EDITOR, ROLE_COPY_EDITOR, ROLE_FACT_CHECKER, ROLE_VIEWER)

# codenames in the "review" app, per role; used by the data migration and by tests.
VIEW = ["view_article", "view_sentence", "view_flag", "view_comment", "view_name", "view_flagkind"]
REVIEW = ["add_flag", "change_flag", "add_comment", "change_comment"]
ROLE_PERMISSIONS = {
    ROLE_VIEWER: VIEW,
    ROLE_FACT_CHECKER: VIEW + REVIEW,
    ROLE_COPY_EDITOR: VIEW + REVIEW + ["change_sentence"],
    ROLE_EDITOR: VIEW
    + REVIEW
    + [
        "change_sentence",
        "add_article",
        "change_article",
        "import_article",
        "approve_article",
        "override_blockers",
        "add_name",
        "change_name",
    ],
}


def can_view(user: User) -> bool:
    return user.is_authenticated and user.has_perm("review.view_article")


def can_review(user: User) -> bool:
    """Raise, discuss, resolve and dismiss flags."""
    return user.is_authenticated and user.has_perm("review.add_flag")


def can_edit_text(user: User) -> bool:
    return user.is_authenticated and user.has_perm("review.change_sentence")


def can_import(user: User) -> bool:
    return user.is_authenticated and user.has_perm("review.import_article")


def can_approve(user: User) -> bool:
    return user.is_authenticated and user.has_perm("review.approve_article")


def can_override_blockers(user: User) -> bool:
    return user.is_authenticated and user.has_perm("review.override_blockers")


def can_manage_names(user: User) -> bool:
    return user.is_authenticated and user.has_perm("review.add_name")


def require(allowed: bool, message: str) -> None:
    """Raise PermissionDenied with a sentence the user can act on."""
    if not allowed:
        raise PermissionDenied(message)
