"""Downloads: the annotated draft in each export format (review/exports/)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from review.exports import FORMATS
from review.selectors.exports import export_file, site_url
from review.views.review_page import get_article_for_user


@login_required
@require_GET
def article_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """`?open_only=1` leaves resolved and dismissed flags out."""
    article = get_article_for_user(request, slug)
    if fmt not in FORMATS:
        raise Http404(f"There is no export format “{fmt}”; choose one of {', '.join(FORMATS)}.")
    open_only = request.GET.get("open_only") in {"1", "true", "yes", "on"}
    export = export_file(article, fmt, open_only=open_only, base_url=site_url(request))
    response = HttpResponse(export.data, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    if fmt == "html":
        # The page is self-contained; even if opened from the desk's origin it may run nothing.
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


urlpatterns = [
    path("articles/<slug:slug>/export/<str:fmt>/", article_export, name="article_export"),
]
