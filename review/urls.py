"""Routes, gathered from each feature's views module so features stay self-contained."""

from review.views import (
    articles,
    checks,
    editing,
    exports,
    facts,
    flags,
    health,
    history,
    inbox,
    jobs,
    people,
    review_page,
    roundtrip,
    workflow,
)

app_name = "review"

urlpatterns = [
    *articles.urlpatterns,
    *review_page.urlpatterns,
    *flags.urlpatterns,
    *facts.urlpatterns,
    *inbox.urlpatterns,
    *editing.urlpatterns,
    *history.urlpatterns,
    *workflow.urlpatterns,
    *exports.urlpatterns,
    *checks.urlpatterns,
    *health.urlpatterns,
    *jobs.urlpatterns,
    *roundtrip.urlpatterns,
    *people.urlpatterns,
]
