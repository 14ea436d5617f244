from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = "Review desk"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from review import system_checks  # noqa: F401  (registers the deploy checks)
