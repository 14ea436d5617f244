"""The workflow table as templates see it: the steps a user may take, whether text may change.

Templates ask here rather than naming statuses themselves, so the workflow is written once
(services.workflow) and a step added to its table gets its button with no template change.
"""

from __future__ import annotations

from django import template

from review.services import workflow

register = template.Library()


@register.simple_tag
def available_transitions(article, user) -> list[workflow.Transition]:
    """{% available_transitions article request.user as steps %}"""
    return workflow.available_transitions(article, user)


@register.filter
def editable(status: str) -> bool:
    """{% if article.status|editable %}: the story's text may still change."""
    return workflow.is_editable(status)
