"""Load, once, what every request would otherwise load the first time it is needed.

gunicorn loads the application in its master process (`preload_app`) and forks the workers
from it, so what is loaded here is shared by every worker and by every worker that replaces
a recycled one (`max_requests`): the compiled templates, the URL patterns, and the checks'
word lists. Without it each new worker spent about 0.6 s of CPU importing the application
and compiling on its first requests, a cost paid again every thousand requests per worker.

Nothing here touches the database: a connection opened before the fork would be shared by
every worker. The caller closes any connection all the same.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.template.loader import get_template
from django.urls import get_resolver

log = logging.getLogger(__name__)

_SAMPLE = (
    "The council said on Tuesday, Feb. 13, 2018, that 17 people, aged 19 to 54, lost $3bn, "
    "the largest loss on record, according to a report."
)


def template_names() -> list[str]:
    """Every template the Django engines can find in their folders (HTML and text)."""
    names: set[str] = set()
    for engine in engines.all():
        for folder in engine.template_dirs:
            root = Path(folder)
            if not root.is_dir():
                continue
            for path in root.rglob("*"):
                if path.is_file() and path.suffix in (".html", ".txt"):
                    names.add(path.relative_to(root).as_posix())
    return sorted(names)


def warm() -> dict[str, int]:
    """Compile the templates, build the URL patterns, read the checks' word lists.
    Returns what was loaded (for the log)."""
    compiled = 0
    for name in template_names():
        try:
            get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError) as exc:
            # Not ours to fix here: it fails on use exactly as it would have without warming.
            log.warning("Template %s did not compile: %s", name, exc)
            continue
        compiled += 1
    resolver = get_resolver()
    patterns = len(resolver.url_patterns)
    _warm_checks()
    return {"templates": compiled, "url_patterns": patterns}


def _warm_checks() -> None:
    from review.checks import RULES, run_checks
    from review.checks.base import CheckInput, CheckSentence
    from review.checks.document import Document
    from review.checks.facts import extract_facts

    data = CheckInput(
        sentences=(CheckSentence(key=0, position=0, paragraph=0, text=_SAMPLE),),
        registry=(),
    )
    doc = Document(data)
    run_checks(data, enabled={rule.id for rule in RULES}, doc=doc)
    extract_facts(data, doc=doc)
