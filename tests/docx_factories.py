"""Word documents for the import tests, written here (never committed as binaries).

`WordFile` writes a .docx the way Word does with python-docx plus the OOXML python-docx does not
write (tracked changes, threaded replies in commentsExtended, done marks); `libreoffice_docx`
has LibreOffice itself write one, from a flat ODF text we give it.
"""

from __future__ import annotations

import io
import os
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.text.run import Run

from tests.exports.helpers import soffice_or_skip

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
WHEN = datetime(2026, 12, 1, 10, 3, tzinfo=UTC)


def _x(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class WordFile:
    """A document built paragraph by paragraph; comments on runs, threads, tracked changes."""

    def __init__(self):
        self.doc = Document()
        self._threads: list[tuple[object, object | None, bool]] = []  # (comment, parent, done)
        self._next_change = 900

    def title(self, text: str):
        return self.doc.add_paragraph(text, style="Title")

    def heading(self, text: str, level: int = 1):
        return self.doc.add_heading(text, level=level)

    def paragraph(self, *parts):
        """Parts: plain strings, ("ins", text, author) and ("del", text, author) for tracked
        changes. Returns the paragraph's runs (tracked ones included), in order."""
        paragraph = self.doc.add_paragraph()
        runs = []
        for part in parts:
            if isinstance(part, str):
                runs.append(paragraph.add_run(part))
                continue
            kind, text, author = part
            tag = "w:t" if kind == "ins" else "w:delText"
            self._next_change += 1
            element = parse_xml(
                f'<w:{kind} {W_NS} w:id="{self._next_change}" w:author="{author}" '
                f'w:date="2026-12-01T09:00:00Z"><w:r><{tag} xml:space="preserve">{_x(text)}'
                f"</{tag}></w:r></w:{kind}>"
            )
            paragraph._p.append(element)
            runs.append(Run(element[0], paragraph))
        return runs

    def comment(self, runs, text: str, *, author: str = "Rita Reporter", when=WHEN, done=False):
        runs = runs if isinstance(runs, list) else [runs]
        comment = self.doc.add_comment(runs, text=text, author=author, initials="RR")
        if when is not None:
            comment._comment_elm.date = when
        self._threads.append((comment, None, done))
        return comment

    def reply(self, parent, runs, text: str, *, author: str, when=WHEN):
        """A reply as Word writes one: a comment on the same words, threaded under `parent`."""
        runs = runs if isinstance(runs, list) else [runs]
        comment = self.doc.add_comment(runs, text=text, author=author, initials="X")
        comment._comment_elm.date = when
        self._threads.append((comment, parent, False))
        return comment

    def table(self, rows: list[list[str]]):
        table = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        return table

    def bytes(self) -> bytes:
        if self._threads:
            entries = []
            ids = {}
            for n, (comment, _, _) in enumerate(self._threads, 1):
                pid = f"{0x20000000 + n:08X}"
                comment._comment_elm.findall(qn("w:p"))[-1].set(f"{{{W14}}}paraId", pid)
                ids[id(comment)] = pid
            for comment, parent, done in self._threads:
                link = f' w15:paraIdParent="{ids[id(parent)]}"' if parent is not None else ""
                entries.append(
                    f'<w15:commentEx w15:paraId="{ids[id(comment)]}"{link} '
                    f'w15:done="{1 if done else 0}"/>'
                )
            xml = f'<w15:commentsEx xmlns:w15="{W15}">{"".join(entries)}</w15:commentsEx>'
            part = Part(
                PackURI("/word/commentsExtended.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml."
                "commentsExtended+xml",
                xml.encode(),
                self.doc.part.package,
            )
            self.doc.part.relate_to(
                part, "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
            )
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def zip_of(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def replace_part(docx: bytes, name: str, data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    parts[name] = data
    return zip_of(parts)


# ---- LibreOffice writes the file ---------------------------------------------------------------

FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>{title}</dc:title></office:meta>
<office:body><office:text>{tracked}
"""
FODT_TAIL = "</office:text></office:body></office:document>"


def annotation(name: str, author: str, text: str, *, resolved: bool = False) -> str:
    flag = ' loext:resolved="true"' if resolved else ""
    return (
        f'<office:annotation office:name="{name}"{flag}><dc:creator>{_x(author)}</dc:creator>'
        f"<dc:date>2026-12-01T10:03:00</dc:date><text:p>{_x(text)}</text:p></office:annotation>"
    )


def annotation_end(name: str) -> str:
    return f'<office:annotation-end office:name="{name}"/>'


def libreoffice_docx(body: str, tmp_path: Path, *, title: str = "", tracked: str = "") -> bytes:
    """Have LibreOffice write a .docx from a flat ODF text (`body`: text:p/text:h elements)."""
    binary = soffice_or_skip()
    work = tmp_path / "lo-docx"
    work.mkdir(exist_ok=True)
    source = work / "story.fodt"
    source.write_text(FODT_HEAD.format(title=_x(title), tracked=tracked) + body + FODT_TAIL)
    profile = (work / "profile").as_uri()
    proc = subprocess.run(
        [
            binary,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(work),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "HOME": str(work)},
        check=False,
    )
    out = work / "story.docx"
    assert out.exists(), f"LibreOffice wrote no .docx: {proc.stdout} {proc.stderr}"
    return out.read_bytes()


# ---- answering a desk export as Word does --------------------------------------------------


class WordAnswer:
    """Edit a desk export the way Word saves a reporter's answers: a threaded reply, a done
    mark, an accepted or rejected tracked change, an edited sentence, a new comment."""

    def __init__(self, docx: bytes):
        from lxml import etree

        self._etree = etree
        with zipfile.ZipFile(io.BytesIO(docx)) as archive:
            self.parts = {n: archive.read(n) for n in archive.namelist()}
        self.document = etree.fromstring(self.parts["word/document.xml"])
        self.comments = etree.fromstring(self.parts["word/comments.xml"])
        self.extended = etree.fromstring(self.parts["word/commentsExtended.xml"])
        self._next = 5000

    def _comment_of(self, number: int):
        for comment in self.comments.findall(qn("w:comment")):
            text = "".join(t.text or "" for t in comment.iter(qn("w:t")))
            if text.startswith(f"#{number} "):
                return comment
        raise KeyError(number)

    def _para_id(self, comment) -> str:
        return comment.findall(qn("w:p"))[-1].get(f"{{{W14}}}paraId")

    def _add_comment(self, text: str, author: str, when: str, para_id: str):
        self._next += 1
        cid = str(self._next)
        comment = self._etree.SubElement(self.comments, qn("w:comment"))
        comment.set(qn("w:id"), cid)
        comment.set(qn("w:author"), author)
        comment.set(qn("w:date"), when)
        p = self._etree.SubElement(comment, qn("w:p"))
        p.set(f"{{{W14}}}paraId", para_id)
        r = self._etree.SubElement(p, qn("w:r"))
        t = self._etree.SubElement(r, qn("w:t"))
        t.text = text
        return cid

    def _entry(self, para_id: str, parent: str | None = None, done: bool = False) -> None:
        entry = self._etree.SubElement(self.extended, f"{{{W15}}}commentEx")
        entry.set(f"{{{W15}}}paraId", para_id)
        if parent:
            entry.set(f"{{{W15}}}paraIdParent", parent)
        entry.set(f"{{{W15}}}done", "1" if done else "0")

    def reply(
        self,
        number: int,
        text: str,
        *,
        author: str,
        when="2026-12-03T08:00:00Z",
        threaded: bool = True,
    ):
        """A reply on flag `number`'s words; `threaded=False` saves it as LibreOffice 7.4
        does, with no thread (no paraIdParent)."""
        parent = self._comment_of(number)
        pid = f"{0x30000000 + self._next:08X}"
        cid = self._add_comment(text, author, when, pid)
        self._entry(pid, parent=self._para_id(parent) if threaded else None)
        # On the parent's words, as Word anchors a reply.
        pcid = parent.get(qn("w:id"))
        for el in list(self.document.iter(qn("w:commentRangeStart"))):
            if el.get(qn("w:id")) == pcid:
                el.addnext(self._marker("commentRangeStart", cid))
        for el in list(self.document.iter(qn("w:commentRangeEnd"))):
            if el.get(qn("w:id")) == pcid:
                el.addnext(self._marker("commentRangeEnd", cid))

    def _marker(self, tag: str, cid: str):
        el = self._etree.Element(qn(f"w:{tag}"))
        el.set(qn("w:id"), cid)
        return el

    def done(self, number: int) -> None:
        pid = self._para_id(self._comment_of(number))
        for entry in self.extended:
            if entry.get(f"{{{W15}}}paraId") == pid:
                entry.set(f"{{{W15}}}done", "1")

    def _changes_of(self, number: int):
        """The w:del and w:ins inside flag `number`'s comment range."""
        cid = self._comment_of(number).get(qn("w:id"))
        inside, found = False, []
        for el in self.document.iter():
            if el.tag == qn("w:commentRangeStart") and el.get(qn("w:id")) == cid:
                inside = True
            elif el.tag == qn("w:commentRangeEnd") and el.get(qn("w:id")) == cid:
                break
            elif inside and el.tag in (qn("w:del"), qn("w:ins")):
                found.append(el)
        return found

    @staticmethod
    def _unwrap(el) -> None:
        parent, index = el.getparent(), el.getparent().index(el)
        for child in list(el):
            parent.insert(index, child)
            index += 1
        parent.remove(el)

    def accept(self, number: int) -> None:
        for el in self._changes_of(number):
            if el.tag == qn("w:del"):
                # Range markers inside the deletion stay; the deleted runs go.
                for run in el.findall(qn("w:r")):
                    el.remove(run)
            self._unwrap(el)

    def reject(self, number: int) -> None:
        for el in self._changes_of(number):
            if el.tag == qn("w:ins"):
                for run in el.findall(qn("w:r")):
                    el.remove(run)
            else:
                for t in el.iter(qn("w:delText")):
                    t.tag = qn("w:t")
            self._unwrap(el)

    def replace_text(self, old: str, new: str) -> None:
        """Edit the story where one w:t holds `old`."""
        for t in self.document.iter(qn("w:t")):
            if t.text and old in t.text:
                t.text = t.text.replace(old, new, 1)
                return
        raise KeyError(old)

    def comment_on(self, words: str, text: str, *, author: str, when="2026-12-03T08:05:00Z"):
        """A new comment on `words` (inside one run's text: the run is split around them)."""
        import copy

        for r in list(self.document.iter(qn("w:r"))):
            ts = r.findall(qn("w:t"))
            if len(ts) != 1 or words not in (ts[0].text or ""):
                continue
            before, _, after = ts[0].text.partition(words)
            pieces = []
            for piece in (before, words, after):
                run = copy.deepcopy(r)
                run.find(qn("w:t")).text = piece
                pieces.append(run)
            for run in pieces:
                r.addprevious(run)
            r.getparent().remove(r)
            pid = f"{0x30000000 + self._next:08X}"
            cid = self._add_comment(text, author, when, pid)
            self._entry(pid)
            pieces[1].addprevious(self._marker("commentRangeStart", cid))
            pieces[1].addnext(self._marker("commentRangeEnd", cid))
            return
        raise KeyError(words)

    def bytes(self) -> bytes:
        tostring = self._etree.tostring
        parts = dict(self.parts)
        parts["word/document.xml"] = tostring(self.document, xml_declaration=True, encoding="UTF-8")
        parts["word/comments.xml"] = tostring(self.comments, xml_declaration=True, encoding="UTF-8")
        parts["word/commentsExtended.xml"] = tostring(
            self.extended, xml_declaration=True, encoding="UTF-8"
        )
        return zip_of(parts)
