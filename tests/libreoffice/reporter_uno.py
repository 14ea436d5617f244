"""LibreOffice as the reporter: open a desk export, answer in it, save it as .docx.

Run by the system Python (Debian's python3-uno), not the project's venv:

    /usr/bin/python3 reporter_uno.py TASK.json

TASK.json names the input and output files, a profile folder, and the answers:
{"input": ..., "output": ..., "profile": ..., "report": ...,
 "reply": {"to": 3, "text": ..., "author": ...}, "done": 4,
 "accept": {"old": ..., "new": ...}, "reject": {"old": ..., "new": ...},
 "edit": {"old": ..., "new": ...}, "comment": {"words": ..., "text": ..., "author": ...}}

It starts a headless soffice of its own (its own profile, a named pipe, no TCP port), loads
the document as a model, and writes `report`: every comment as LibreOffice read it from the
desk's file (author, text, the words it sits on, done, and its parent in a thread where this
LibreOffice knows threads), before it answers.

The nogui LibreOffice build has no user-interface files, and a document view with comments
needs them (its comment windows do), so there is no view to send Accept/Reject to: a tracked
change is accepted or rejected on the model, by making the same change those commands make
(the chosen words stay as plain text, the others go, no change marks left). A reply is a
comment on the same words, as LibreOffice 7.4 itself stores one (it has no threads); where
the LibreOffice has them (a ParentName property), it is threaded too.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid

import uno  # Debian's python3-uno, for the system Python
from com.sun.star.beans import PropertyValue
from com.sun.star.util import DateTime


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def start_office(profile: str):
    pipe = f"desk-reporter-{uuid.uuid4().hex}"
    proc = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            f"-env:UserInstallation=file://{profile}",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "HOME": profile},
        start_new_session=True,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + 120
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return proc, ctx
        except Exception:
            if time.monotonic() > deadline or proc.poll() is not None:
                os.killpg(proc.pid, signal.SIGKILL)
                raise
            time.sleep(0.3)


def annotations(doc):
    fields = doc.getTextFields().createEnumeration()
    while fields.hasMoreElements():
        field = fields.nextElement()
        if field.supportsService("com.sun.star.text.TextField.Annotation"):
            yield field


def has(field, name: str) -> bool:
    return field.getPropertySetInfo().hasPropertyByName(name)


def flag_annotation(doc, number: int):
    for field in annotations(doc):
        if field.Content.startswith(f"#{number} "):
            return field
    raise SystemExit(f"no comment for flag #{number}")


def now() -> DateTime:
    t = time.gmtime()
    moment = DateTime()
    moment.Year, moment.Month, moment.Day = t.tm_year, t.tm_mon, t.tm_mday
    moment.Hours, moment.Minutes, moment.Seconds = t.tm_hour, t.tm_min, t.tm_sec
    return moment


def new_annotation(doc, author: str, text: str):
    field = doc.createInstance("com.sun.star.text.textfield.Annotation")
    field.setPropertyValue("Author", author)
    field.setPropertyValue("Content", text)
    field.setPropertyValue("DateTimeValue", now())
    return field


def report(doc) -> list[dict]:
    out = []
    for field in annotations(doc):
        out.append(
            {
                "name": field.Name,
                "author": field.Author,
                "text": field.Content,
                "words": field.getAnchor().getString(),
                "done": bool(field.Resolved) if has(field, "Resolved") else None,
                "parent": field.ParentName if has(field, "ParentName") else None,
            }
        )
    return out


def find_words(doc, words: str):
    """A cursor selecting the first occurrence of `words` inside one run of the body's text.
    (A model without a view has no working search, and a range that starts on another
    comment's anchor takes no comment.)"""
    text = doc.getText()
    paragraphs = text.createEnumeration()
    while paragraphs.hasMoreElements():
        paragraph = paragraphs.nextElement()
        if not paragraph.supportsService("com.sun.star.text.Paragraph"):
            continue
        portions = paragraph.createEnumeration()
        while portions.hasMoreElements():
            portion = portions.nextElement()
            if portion.TextPortionType != "Text":
                continue
            at = portion.getString().find(words)
            if at >= 0:
                cursor = text.createTextCursorByRange(portion.getStart())
                cursor.goRight(at, False)
                cursor.goRight(len(words), True)
                return cursor
    raise SystemExit(f"no words {words!r} in the text")


def redline_range(doc, redline):
    text = doc.getText()
    cursor = text.createTextCursorByRange(redline.getPropertyValue("RedlineStart"))
    cursor.gotoRange(redline.getPropertyValue("RedlineEnd"), True)
    return cursor


def find_redline(doc, kind: str, words: str):
    redlines = doc.getRedlines().createEnumeration()
    while redlines.hasMoreElements():
        redline = redlines.nextElement()
        if redline.getPropertyValue("RedlineType") != kind:
            continue
        if redline_range(doc, redline).getString() == words:
            return redline
    raise SystemExit(f"no tracked {kind} of {words!r}")


def decide(doc, old: str, new: str, *, accept: bool) -> None:
    """Accept (keep `new`) or reject (keep `old`) the pair of tracked changes, leaving the
    kept words as plain text inside the comment's range and no change marks."""
    text = doc.getText()
    insertion = find_redline(doc, "Insert", new)
    find_redline(doc, "Delete", old)  # both must be there
    keep = new if accept else old
    # The plain copy goes right after the insertion (the comment's range ends after it).
    at = text.createTextCursorByRange(insertion.getPropertyValue("RedlineEnd"))
    text.insertString(at, keep, False)
    redline_range(doc, find_redline(doc, "Insert", new)).setString("")
    redline_range(doc, find_redline(doc, "Delete", old)).setString("")


def main() -> None:
    with open(sys.argv[1]) as f:
        task = json.load(f)
    proc, ctx = start_office(task["profile"])
    with open(task["profile"] + "/soffice.pid", "w") as f:
        f.write(str(proc.pid))
    try:
        doc = ctx.ServiceManager.createInstanceWithContext("com.sun.star.text.TextDocument", ctx)
        doc.load(
            (
                prop("URL", uno.systemPathToFileUrl(task["input"])),
                prop("FilterName", "MS Word 2007 XML"),
            )
        )
        with open(task["report"], "w") as f:
            json.dump(report(doc), f, ensure_ascii=False, indent=1)
        doc.setPropertyValue("RecordChanges", False)
        text = doc.getText()

        if "reply" in task:
            reply = task["reply"]
            parent = flag_annotation(doc, reply["to"])
            field = new_annotation(doc, reply["author"], reply["text"])
            if has(field, "ParentName"):
                field.setPropertyValue("ParentName", parent.Name)
            # On the flag's words, as LibreOffice anchors a reply.
            text.insertTextContent(find_words(doc, parent.getAnchor().getString()), field, True)
        if "done" in task:
            flag_annotation(doc, task["done"]).setPropertyValue("Resolved", True)
        if "accept" in task:
            decide(doc, task["accept"]["old"], task["accept"]["new"], accept=True)
        if "reject" in task:
            decide(doc, task["reject"]["old"], task["reject"]["new"], accept=False)
        if "edit" in task:
            find_words(doc, task["edit"]["old"]).setString(task["edit"]["new"])
        if "comment" in task:
            comment = task["comment"]
            field = new_annotation(doc, comment["author"], comment["text"])
            text.insertTextContent(find_words(doc, comment["words"]), field, True)

        doc.storeToURL(
            uno.systemPathToFileUrl(task["output"]), (prop("FilterName", "MS Word 2007 XML"),)
        )
        doc.close(True)
    finally:
        # soffice is a launcher script: its office process is a child, in the session that
        # start_new_session gave it; end them all.
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)


if __name__ == "__main__":
    main()
