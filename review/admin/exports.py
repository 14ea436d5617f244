"""Admin action: a zip of every export format for the selected articles.

ArticleAdmin picks `export_zip_action` up by name (review/admin/articles.py).
"""

from __future__ import annotations

import io
import zipfile

from django.contrib import admin
from django.http import HttpResponse
from django.utils import timezone

from review import permissions
from review.exports import FORMATS
from review.selectors.exports import export_file, site_url


@admin.action(description="Export selected articles (zip of docx, html, md, json, txt)")
def export_zip_action(modeladmin, request, queryset) -> HttpResponse | None:
    if not permissions.can_view(request.user):
        modeladmin.message_user(
            request, "Your account cannot read articles, so it cannot export them.", level="error"
        )
        return None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for article in queryset.order_by("slug"):
            for fmt in FORMATS:
                export = export_file(article, fmt, base_url=site_url(request))
                # One folder per article: the dated file names already say what each file is.
                archive.writestr(f"{article.slug}/{export.filename}", export.data)
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{stamp}-review-exports.zip"'
    return response
