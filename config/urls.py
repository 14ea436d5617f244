from django.contrib import admin
from django.urls import include, path

from review import accounts

urlpatterns = [
    path("admin/", admin.site.urls),
    *accounts.urlpatterns,
    path("", include("review.urls")),
]

# A database failure outside a view (a middleware saving the session) is a 503, not a 500.
handler500 = "review.outage.server_error"

# Refused and missing pages say why, in the desk's layout (htmx requests get a fragment
# instead: review.middleware.HtmxErrorMiddleware).
handler403 = "review.views.errors.permission_denied"
handler404 = "review.views.errors.page_not_found"
