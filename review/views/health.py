"""`/health/` for the proxy or the orchestrator: is the database reachable, are all
migrations applied? 200 with JSON when both hold, 503 otherwise. No login, no session."""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from review.outage import is_outage

# Once every migration was seen applied, later checks only ask the database to answer:
# migrations are not un-applied under a running server, and loading them costs ~0.1 s.
_migrated: set[str] = set()


def _pending_migrations(alias: str) -> list[str]:
    if alias in _migrated:
        return []
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    pending = [f"{migration.app_label}.{migration.name}" for migration, _ in plan]
    if not pending:
        _migrated.add(alias)
    return pending


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    alias = DEFAULT_DB_ALIAS
    report: dict[str, object] = {"database": "ok", "migrations": "ok"}
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        pending = _pending_migrations(alias)
    except Exception as exc:
        if not is_outage(exc):
            raise
        report.update(database=f"unreachable: {type(exc).__name__}", migrations="unknown")
        connections[alias].close()  # the next check starts from a fresh connection
    else:
        if pending:
            report["migrations"] = f"{len(pending)} not applied: {', '.join(pending[:5])}"
    ok = report == {"database": "ok", "migrations": "ok"}
    report["status"] = "ok" if ok else "unavailable"
    response = JsonResponse(report, status=200 if ok else 503)
    if not ok:
        response["Retry-After"] = "10"
    return response


urlpatterns = [path("health/", health, name="health")]
