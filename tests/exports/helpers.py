"""Reading exports back the way their readers do: python-docx's XML and LibreOffice's ODT."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
CHECKER = ROOT / "tests" / "conformance" / "w3c-annotation" / "check_annotations.py"


# ---- python-docx: which words each comment is anchored on -----------------------------------


def docx_anchors(data: bytes) -> dict[int, dict]:
    """comment id → {"words": anchored text, "text": comment text, "author", "date"}.

    "words" reads tracked changes as not yet decided, as the desk's text is: deleted words
    count, inserted ones do not ("accepted" has them the other way round)."""
    document = Document(io.BytesIO(data))
    body = document.element.body
    open_ranges: dict[str, tuple[list[str], list[str]]] = {}
    words: dict[int, str] = {}
    accepted: dict[int, str] = {}
    for el in body.iter():
        if el.tag == qn("w:commentRangeStart"):
            open_ranges[el.get(qn("w:id"))] = ([], [])
        elif el.tag == qn("w:commentRangeEnd"):
            cid = el.get(qn("w:id"))
            now, after = open_ranges.pop(cid)
            words[int(cid)], accepted[int(cid)] = "".join(now), "".join(after)
        elif el.tag in (qn("w:t"), qn("w:delText"), qn("w:br")):
            text = "\n" if el.tag == qn("w:br") else el.text or ""
            inserted = any(a.tag == qn("w:ins") for a in el.iterancestors())
            deleted = any(a.tag == qn("w:del") for a in el.iterancestors())
            for now, after in open_ranges.values():
                if not inserted:
                    now.append(text)
                if not deleted:
                    after.append(text)
    assert not open_ranges, f"comment ranges never closed: {sorted(open_ranges)}"
    out = {}
    for comment in document.comments:
        out[comment.comment_id] = {
            "words": words.get(comment.comment_id),
            "accepted": accepted.get(comment.comment_id),
            "text": comment.text,
            "author": comment.author,
            "date": comment.timestamp,
        }
    return out


def by_number(anchors: dict[int, dict]) -> dict[int, dict]:
    """Flags' comments keyed by the number their first line starts with ("#3 …"); replies,
    which start with their own words, are left out."""
    return {
        int(a["text"].split()[0].lstrip("#")): a
        for a in anchors.values()
        if re.match(r"#\d+ ", a["text"])
    }


# ---- LibreOffice ------------------------------------------------------------------------------

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
DC = "http://purl.org/dc/elements/1.1/"


def soffice_or_skip() -> str:
    """The soffice binary; skip without it, unless REQUIRE_LIBREOFFICE=1 (CI) says fail."""
    binary = shutil.which("soffice")
    if binary is None:
        if os.environ.get("REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("REQUIRE_LIBREOFFICE=1 but soffice is not installed.")
        pytest.skip("LibreOffice (soffice) is not installed.")
    return binary


def convert_to_odt(files: dict[str, bytes], workdir: Path) -> dict[str, bytes]:
    """Convert .docx files with LibreOffice in one run; return name → content.xml."""
    binary = soffice_or_skip()
    src, out = workdir / "in", workdir / "out"
    src.mkdir()
    out.mkdir()
    for name, data in files.items():
        (src / f"{name}.docx").write_bytes(data)
    # A profile of its own: soffice refuses to share one between runs, and root's HOME may be
    # read-only.
    profile = (workdir / "profile").as_uri()
    env = {**os.environ, "HOME": str(workdir)}
    proc = subprocess.run(
        [
            binary,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile}",
            "--convert-to",
            "odt",
            "--outdir",
            str(out),
            *sorted(str(p) for p in src.iterdir()),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        check=False,
    )
    result = {}
    for name in files:
        odt = out / f"{name}.odt"
        assert odt.exists(), f"LibreOffice did not convert {name}: {proc.stdout} {proc.stderr}"
        with zipfile.ZipFile(odt) as archive:
            result[name] = archive.read("content.xml")
    return result


LOEXT = "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"


def odt_annotations(content_xml: bytes) -> list[dict]:
    """Each office:annotation: its author, its text, and the story words it is anchored on."""
    root = etree.fromstring(content_xml)
    body = root.find(f"{{{OFFICE}}}body")
    found: list[dict] = []
    open_by_name: dict[str, dict] = {}

    def emit(text: str | None) -> None:
        if text:
            for a in open_by_name.values():
                a["words"] += text

    def walk(el) -> None:
        if el.tag == f"{{{OFFICE}}}annotation":
            entry = {
                "name": el.get(f"{{{OFFICE}}}name"),
                "author": el.findtext(f"{{{DC}}}creator") or "",
                "text": "\n".join("".join(p.itertext()) for p in el.iter(f"{{{TEXT}}}p")),
                "words": "",
                # LibreOffice's mark for a comment Word calls "done" (resolved).
                "resolved": el.get(f"{{{LOEXT}}}resolved") == "true",
            }
            found.append(entry)
            if entry["name"]:
                open_by_name[entry["name"]] = entry
            return  # the comment's own text is not story text
        if el.tag == f"{{{OFFICE}}}annotation-end":
            open_by_name.pop(el.get(f"{{{OFFICE}}}name"), None)
            return
        if el.tag == f"{{{TEXT}}}s":
            emit(" " * int(el.get(f"{{{TEXT}}}c", "1")))
        elif el.tag == f"{{{TEXT}}}line-break":
            emit("\n")
        elif el.tag == f"{{{TEXT}}}tab":
            emit("\t")
        else:
            emit(el.text)
        for child in el:
            walk(child)
            emit(child.tail)

    walk(body)
    return found


# ---- the W3C checker ----------------------------------------------------------------------------


def run_w3c_checker(data: bytes, tmp_path: Path) -> subprocess.CompletedProcess:
    path = tmp_path / "export.json"
    path.write_bytes(data)
    return subprocess.run(
        [sys.executable, str(CHECKER), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
