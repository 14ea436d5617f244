"""Done means: LibreOffice itself, driven through its UNO bridge, answers a desk export as a
reporter would, saves it as .docx, and the desk takes every answer in where it belongs, once."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from review.models import Article, Comment, Flag, Sentence
from review.selectors.exports import export_file
from review.selectors.history import timeline
from review.services.comments import comment_add
from review.services.flags import flag_create
from review.services.roundtrip import article_answers_apply
from tests.exports.helpers import soffice_or_skip

pytestmark = [pytest.mark.libreoffice, pytest.mark.django_db]

SCRIPT = Path(__file__).with_name("reporter_uno.py")
SYSTEM_PYTHON = "/usr/bin/python3"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
TEXT = (
    "Sheriff Scot Peterson resigned on Thursday. Officials said he did nothing.\n\n"
    "The deputy waited outside for four minutes. Students hid in classrooms.\n\n"
    "Email In Touch at"
)


def uno_or_skip() -> None:
    soffice_or_skip()
    probe = (
        subprocess.run(
            [SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, check=False, timeout=60
        )
        if os.path.exists(SYSTEM_PYTHON)
        else None
    )
    if probe is None or probe.returncode != 0:
        if os.environ.get("REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("REQUIRE_LIBREOFFICE=1 but python3-uno is not installed.")
        pytest.skip("LibreOffice's Python bridge (python3-uno) is not installed.")


def as_reporter(data: bytes, task: dict, tmp_path: Path) -> tuple[bytes, list[dict]]:
    """Run the UNO script on `data`; return the file LibreOffice saved and its report."""
    uno_or_skip()
    work = tmp_path / "reporter"
    work.mkdir()
    (work / "export.docx").write_bytes(data)
    profile = work / "profile"
    profile.mkdir()
    task = {
        **task,
        "input": str(work / "export.docx"),
        "output": str(work / "answered.docx"),
        "profile": str(profile),
        "report": str(work / "report.json"),
    }
    (work / "task.json").write_text(json.dumps(task))
    try:
        proc = subprocess.run(
            [SYSTEM_PYTHON, str(SCRIPT), str(work / "task.json")],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    except subprocess.TimeoutExpired:
        # The script did not get to stop its soffice: stop it here (its own session).
        pid_file = profile / "soffice.pid"
        if pid_file.exists():
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(int(pid_file.read_text()), signal.SIGKILL)
        raise
    assert proc.returncode == 0, proc.stdout + proc.stderr
    answered = (work / "answered.docx").read_bytes()
    shutil.rmtree(profile, ignore_errors=True)
    return answered, json.loads((work / "report.json").read_text())


def _words(sentence, words):
    start = sentence.text.index(words)
    return {"start": start, "end": start + len(words)}


@pytest.fixture
def story(make_article, editor, copy_editor):
    article = make_article(TEXT, slug="deputy", title="Deputy")
    s = {x.position: x for x in article.sentences.all()}
    flags = {
        "scot": flag_create(
            sentence=s[0],
            kind="name-spelling",
            actor=editor,
            suggestion="Scott Peterson",
            **_words(s[0], "Scot Peterson"),
        ),
        "minutes": flag_create(
            sentence=s[2],
            kind="unverified-claim",
            actor=editor,
            suggestion="six minutes",
            **_words(s[2], "four minutes"),
        ),
        "officials": flag_create(
            sentence=s[1],
            kind="unverified-claim",
            actor=editor,
            note="Which officials?",
            **_words(s[1], "Officials said"),
        ),
        "promo": flag_create(sentence=s[4], kind="dangling-text", actor=editor),
    }
    comment_add(flag=flags["officials"], actor=copy_editor, body="Please name them.")
    article.test_flags = flags
    return article


def test_libreoffice_answers_the_export_and_every_answer_lands_once(story, editor, tmp_path):
    flags = story.test_flags
    exported = export_file(story, "docx").data
    answered, read_back = as_reporter(
        exported,
        {
            "reply": {
                "to": flags["officials"].number,
                "text": "The sheriff's office, on record.",
                "author": "Rita Reporter",
            },
            "done": flags["promo"].number,
            "accept": {"old": "four minutes", "new": "six minutes"},
            "reject": {"old": "Scot Peterson", "new": "Scott Peterson"},
            "edit": {
                "old": "Students hid in classrooms.",
                "new": "Students hid in two classrooms.",
            },
            "comment": {
                "words": "resigned on Thursday",
                "text": "It was Friday.",
                "author": "Rita Reporter",
            },
        },
        tmp_path,
    )

    # LibreOffice read the desk's thread: the reply is a comment of its own, by its author, on
    # the flag's words (and threaded under the flag's comment where it knows threads).
    officials = next(c for c in read_back if c["text"].startswith(f"#{flags['officials'].number} "))
    [reply] = [c for c in read_back if c["text"] == "Please name them."]
    assert (
        (reply["author"], reply["words"])
        == ("copyed", officials["words"])
        == (
            "copyed",
            "Officials said",
        )
    )
    if reply["parent"] is not None:
        assert reply["parent"] == officials["name"]

    result = article_answers_apply(
        article=story, data=answered, file_name="deputy-lo.docx", actor=editor, run_checks=False
    )
    now = {k: Flag.objects.get(pk=f.pk) for k, f in flags.items()}
    thread = list(now["officials"].comments.order_by("pk").values_list("author_name", "body"))
    assert thread == [
        ("", "Please name them."),
        ("Rita Reporter", "The sheriff's office, on record."),
    ]
    assert now["promo"].status == "resolved"
    assert now["minutes"].status == "resolved"  # accepted
    assert now["scot"].status == "dismissed"  # rejected
    texts = list(
        Sentence.objects.filter(article=story).order_by("position").values_list("text", flat=True)
    )
    assert texts == [
        "Sheriff Scot Peterson resigned on Thursday.",
        "Officials said he did nothing.",
        "The deputy waited outside for six minutes.",
        "Students hid in two classrooms.",
        "Email In Touch at",
    ]
    new = Flag.objects.get(article=story, origin="import")
    assert (new.quote, new.note.split(": ", 1)[1]) == ("resigned on Thursday", "It was Friday.")
    assert new.note.startswith("Rita Reporter in Word")
    assert (result.replies, result.resolved, result.accepted, result.rejected) == (1, 1, 1, 1)
    assert (result.new_flags, result.revised) == (1, True)
    assert timeline(story).changes[0].reasons == ["answers from the reporter (deputy-lo.docx)"]

    # Once: the same file again changes nothing.
    counts = (Comment.objects.count(), Flag.objects.count(), Sentence.history.count())
    again = article_answers_apply(
        article=story, data=answered, file_name="deputy-lo.docx", actor=editor, run_checks=False
    )
    assert again.applied == 0
    assert (Comment.objects.count(), Flag.objects.count(), Sentence.history.count()) == counts
    assert Article.objects.get(pk=story.pk).version == story.version


def test_the_export_threads_replies_in_comments_extended(story):
    data = export_file(story, "docx").data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        extended = etree.fromstring(archive.read("word/commentsExtended.xml"))
    parents = [e.get(f"{W15}paraIdParent") for e in extended]
    assert sum(p is not None for p in parents) == 1  # the one reply, under its flag's comment
    ids = {e.get(f"{W15}paraId") for e in extended}
    assert {p for p in parents if p} <= ids
