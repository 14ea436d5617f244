"""The desk chief's admin. One module per area; importing them registers their ModelAdmins."""

from importlib import import_module

for _module in ("articles", "flags", "facts", "checks", "jobs", "answers"):
    try:
        import_module(f"review.admin.{_module}")
    except ModuleNotFoundError as exc:  # an area not built yet must not break the admin
        if exc.name != f"review.admin.{_module}":
            raise
