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


# What the desk says to someone who may not do something: one sentence per action, shared by
# the views (which refuse before showing a form) and the services (which check every write).
NO_ROLE = "Your account has no role on the desk yet; ask the desk chief to give you one."
REVIEW_DENIED = (
    "Your role cannot raise or change flags; ask an Editor, Copy editor or Fact-checker."
)
EDIT_DENIED = "Your role cannot edit the text; ask an Editor or a Copy editor."
SUGGESTION_DENIED = "Accepting a suggestion edits the text; ask an Editor or a Copy editor."
ACCEPT_ALL_DENIED = (
    "Only Editors can accept all suggestions at once; accept them one by one instead."
)
IMPORT_DENIED = "Only Editors can import stories; ask an Editor."
REVISE_DENIED = "Only Editors can upload a revised version; ask an Editor."
NAMES_DENIED = "Only Editors can add names to the registry; ask an Editor."
CHECKS_DENIED = "Only Editors, copy editors and fact-checkers can run the checks; ask one of them."
OVERRIDE_DENIED = "Only Editors with the override permission can go past open blockers."
RULES_DENIED = "Only the desk chief (staff) can switch rules."
FACTS_DENIED = "Your role cannot check facts; ask an Editor, Copy editor or Fact-checker."


# One predicate per action. Templates read them through the `desk` context processor,
# views before showing a form, services on every write: each rule is decided here once.


def can_view(user: User) -> bool:
    return user.is_authenticated and user.has_perm("review.view_article")


def can_review(user: User) -> bool:
    """Raise, discuss, resolve and dismiss flags."""
    return user.is_authenticated and user.has_perm("review.add_flag")


def can_check_facts(user: User) -> bool:
    """Tick a fact off the story's worksheet: verify it, mark it wrong (which raises a flag,
    so it is the reviewers' right), or put it back to unchecked."""
    return can_review(user)


def can_edit_text(user: User) -> bool:
    """Edit sentences, accept suggestions, revert, settle edit conflicts."""
    return user.is_authenticated and user.has_perm("review.change_sentence")


def can_accept_all_suggestions(user: User) -> bool:
    """Accept every open suggestion of one kind in a story at once."""
    return can_approve(user)


def can_import(user: User) -> bool:
    return user.is_authenticated and user.has_perm("review.import_article")


def can_revise(user: User) -> bool:
    """Upload a revised manuscript of a story (a re-import)."""
    return can_import(user)


def can_run_checks(user: User) -> bool:
    """Run the automatic checks on a story (the "Re-run checks" button, the admin action and
    the command; imports and revisions run them as the importer)."""
    return can_review(user) or can_import(user)


def can_approve(user: User) -> bool:
    return user.is_authenticated and user.has_perm("review.approve_article")


def can_override_blockers(user: User) -> bool:
    return user.is_authenticated and user.has_perm("review.override_blockers")


def can_manage_names(user: User) -> bool:
    """Add names to the registry, and verify a name flag's spelling."""
    return user.is_authenticated and user.has_perm("review.add_name")


def can_switch_rules(user: User) -> bool:
    """Turn an automatic check on or off (the admin's rule switch)."""
    return user is not None and user.is_authenticated and user.is_staff


def require(allowed: bool, message: str) -> None:
    """Raise PermissionDenied with a sentence the user can act on."""
    if not allowed:
        raise PermissionDenied(message)
