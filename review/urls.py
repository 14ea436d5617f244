"""Routes, gathered from each feature's views module so features stay self-contained."""

from review.views import articles, editing, exports, flags, review_page

app_name = "review"

urlpatterns = [
    *articles.urlpatterns,
    *review_page.urlpatterns,
    *flags.urlpatterns,
    *editing.urlpatterns,
    *exports.urlpatterns,
]
