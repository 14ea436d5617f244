"""Opening a .docx safely: what it is, whether it may be read, and its parts as bytes.

A .docx is a zip of XML parts. Before anything is parsed, the bytes are checked: a Word
97–2003 .doc and a password-protected .docx are both OLE compound files (told apart by the
"EncryptedPackage" stream an encrypted one holds), an RTF file or anything else that is not a
zip is refused, a file over the size limit is refused, and a part that would unpack to more
than the unpack limit (a zip bomb) is refused before it is inflated. XML is parsed without
entities, DTDs or network access.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field

from lxml import etree

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
)
WORD_MAIN_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
# Strict Open XML names the same things with other namespaces; read it as transitional.
STRICT = {
    b"http://purl.oclc.org/ooxml/wordprocessingml/main": (
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    ),
    b"http://purl.oclc.org/ooxml/officeDocument/relationships": (
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ),
}
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=True
)


class DocxError(ValueError):
    """The file cannot be read as a Word document; the message says what to do instead."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


@dataclass
class DocxPackage:
    """The parts the reader needs, as bytes (None when the file has no such part)."""

    document: bytes
    comments: bytes | None = None
    comments_extended: bytes | None = None
    styles: bytes | None = None
    core: bytes | None = None
    custom: bytes | None = None
    custom_xml: list[bytes] = field(default_factory=list)


def parse_xml(data: bytes):
    for strict, transitional in STRICT.items():
        if strict in data:
            data = data.replace(strict, transitional)
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise DocxError(
            f"This .docx is damaged (its XML cannot be read: {exc.msg}); open it in Word or "
            "LibreOffice, save it again as .docx and upload that copy.",
            code="damaged",
        ) from None


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def sniff(data: bytes, *, max_bytes: int) -> None:
    """Refuse what is not a readable .docx before opening it."""
    if len(data) > max_bytes:
        raise DocxError(
            f"The file is {_mb(len(data))}; the desk accepts at most {_mb(max_bytes)}. Remove "
            "images or split the story, or ask an admin to raise REVIEW_MAX_IMPORT_BYTES.",
            code="too_large",
        )
    if not data.strip():
        raise DocxError("The file is empty; choose the Word document again.", code="empty")
    if data.startswith(OLE_SIGNATURE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise DocxError(
                "This Word document is protected with a password, so its text cannot be read. "
                "Open it in Word, remove the password (File › Info › Protect Document) and "
                "upload it again.",
                code="encrypted",
            )
        raise DocxError(
            "This is an old Word 97–2003 document (.doc). Open it in Word or LibreOffice and "
            "save it as a Word Document (.docx), then upload that.",
            code="doc",
        )
    if data.lstrip().startswith(b"{\\rtf"):
        raise DocxError(
            "This is a Rich Text (.rtf) file, not a .docx. Save it as a Word Document (.docx) "
            "and upload that.",
            code="rtf",
        )
    if not data.startswith(b"PK"):
        raise DocxError(
            "This file is not a Word document (.docx files are zip archives, and this one is "
            "not). Save the story as .docx, or as plain text (.txt), and upload that.",
            code="not_docx",
        )


def open_package(data: bytes, *, max_bytes: int, max_unpacked: int) -> DocxPackage:
    """The parts of a .docx, or a DocxError that says what is wrong with the file."""
    sniff(data, max_bytes=max_bytes)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError):
        raise DocxError(
            "This file is not a complete .docx (the zip inside it is damaged). Save it again "
            "from Word or LibreOffice and upload the new copy.",
            code="damaged",
        ) from None
    budget = [max_unpacked]

    def read(name: str) -> bytes | None:
        info = infos.get(name)
        if info is None:
            return None
        if info.flag_bits & 0x1:
            raise DocxError(
                "This .docx is encrypted, so its text cannot be read; remove the password "
                "and upload it again.",
                code="encrypted",
            )
        if info.file_size > budget[0]:
            raise DocxError(
                f"This file unpacks to more than {_mb(max_unpacked)} ({name} alone would be "
                f"{_mb(info.file_size)}), far more than any story: it is refused as a zip bomb. "
                "Save the story again from Word and upload that copy.",
                code="zip_bomb",
            )
        try:
            with archive.open(info) as member:
                blob = member.read(budget[0] + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            raise DocxError(
                f"Part of this .docx ({name}) is damaged; save it again from Word or "
                "LibreOffice and upload the new copy.",
                code="damaged",
            ) from None
        if len(blob) > budget[0]:
            raise DocxError(
                f"This file unpacks to more than {_mb(max_unpacked)}: it is refused as a zip "
                "bomb. Save the story again from Word and upload that copy.",
                code="zip_bomb",
            )
        budget[0] -= len(blob)
        return blob

    main = _main_part(read)
    rels = _relationships(read, main)
    by_type = {}
    for rel_type, target in rels:
        by_type.setdefault(rel_type.rsplit("/", 1)[-1], []).append(target)
    package_rels = _relationships(read, "")
    custom = next((t for rt, t in package_rels if rt.endswith("/custom-properties")), None)
    core = next((t for rt, t in package_rels if rt.endswith("/core-properties")), None)
    document = read(main)
    if document is None:
        raise DocxError(
            "This .docx has no document inside it; save it again from Word and upload that.",
            code="damaged",
        )
    return DocxPackage(
        document=document,
        comments=_first(read, by_type.get("comments")),
        comments_extended=_first(read, by_type.get("commentsExtended")),
        styles=_first(read, by_type.get("styles")),
        core=read(core) if core else None,
        custom=read(custom) if custom else None,
        custom_xml=[blob for t in by_type.get("customXml", []) if (blob := read(t)) is not None],
    )


def _first(read, targets: list[str] | None) -> bytes | None:
    return read(targets[0]) if targets else None


def _main_part(read) -> str:
    types = read("[Content_Types].xml")
    if types is None:
        raise DocxError(
            "This zip file is not a Word document (it has no [Content_Types].xml). Save the "
            "story as .docx and upload that.",
            code="not_docx",
        )
    main = next((t for rt, t in _relationships(read, "") if rt in OFFICE_DOCUMENT), None)
    if main is None:
        raise DocxError(
            "This zip file is not a Word document (it names no main document). Save the story "
            "as .docx and upload that.",
            code="not_docx",
        )
    overrides = {
        el.get("PartName", "").lstrip("/"): el.get("ContentType", "")
        for el in parse_xml(types).iter(f"{{{CT_NS}}}Override")
    }
    if overrides.get(main) not in WORD_MAIN_TYPES:
        raise DocxError(
            "This is an Office file, but not a Word document (it may be a spreadsheet or a "
            "presentation). Upload the story as a Word document (.docx).",
            code="not_docx",
        )
    return main


def _relationships(read, part: str) -> list[tuple[str, str]]:
    """(type, target part name) of a part's relationships; part "" is the package's own."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", f"{name}.rels")
    data = read(rels_name)
    if data is None:
        return []
    out = []
    for rel in parse_xml(data).iter(f"{{{REL_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        out.append((rel.get("Type", ""), posixpath.normpath(resolved)))
    return out
