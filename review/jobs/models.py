"""A background job the user can follow: its kind, its step, and its result when done."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from review.models import Article, TrackedManager


class Job(models.Model):
    class Kind(models.TextChoices):
        IMPORT = "import", "Import"
        CHECKS = "checks", "Automatic checks"
        EXPORT = "export", "Export"
        REVISE = "revise", "Revision"
        ANSWERS = "answers", "The reporter's answers"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    article = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="jobs",
        help_text="The story worked on (for an import: the story it made, once saved).",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    params = models.JSONField(default=dict, blank=True, help_text="What was asked for.")
    payload = models.TextField(
        blank=True,
        help_text="An import's or a revision's text (a returned Word file's bytes as base64), "
        "until it is applied.",
    )
    step = models.PositiveSmallIntegerField(default=0)
    steps = models.PositiveSmallIntegerField(default=1)
    stage = models.CharField(max_length=200, blank=True, help_text="What it is doing now.")
    message = models.TextField(blank=True, help_text="The outcome, or why it failed.")
    result = models.BinaryField(null=True, blank=True, editable=False)
    result_name = models.CharField(max_length=200, blank=True)
    result_type = models.CharField(max_length=200, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = TrackedManager()
    # The text and the file are not history: a 5 MB story would be copied into every row.
    history = HistoricalRecords(excluded_fields=["payload", "result"])

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.get_status_display().lower()})"

    def get_absolute_url(self) -> str:
        return reverse("review:job_detail", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * min(self.step, self.steps) / max(self.steps, 1))
