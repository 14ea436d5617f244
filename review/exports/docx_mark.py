"""The desk's mark in an exported DOCX: which story, which version, and what the file holds.

A reporter's answer must come back to the right story and the right flags, through Word and
LibreOffice saving the file in their own way. Both keep three things, so the mark uses them:

- the visible "#N" that starts every flag's Word comment (the flag's number in its story);
- custom document properties (docProps/custom.xml, File › Properties › Custom): the story's
  slug, the version and moment of the export and the desk's address;
- a custom XML part (customXml/itemN.xml) listing what the export wrote for the desk to
  recognise later: each open suggestion written as a tracked change (its old and new words) and
  a fingerprint of each desk reply written as a Word comment.

Comment ids, paragraph ids and tracked-change ids are renumbered by LibreOffice on save, so
nothing here depends on them. This module is pure: it writes and reads plain XML.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

NS = "urn:review-desk:docx-export:1"
PROPERTY_PREFIX = "ReviewDesk"
STORY, VERSION, EXPORTED_AT, SITE = (
    "ReviewDeskStory",
    "ReviewDeskVersion",
    "ReviewDeskExportedAt",
    "ReviewDeskSite",
)
CUSTOM_PROPS_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_PROPS_RELATIONSHIP = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
)
CUSTOM_XML_RELATIONSHIP = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
)
CUSTOM_XML_PROPS_RELATIONSHIP = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
)
CUSTOM_XML_PROPS_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
)
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one fmtid custom properties use
_SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def reply_fingerprint(author: str, body: str) -> str:
    """What identifies a reply the desk wrote into the file: its author and its words, with
    white space folded (word processors may re-wrap or trim it)."""
    folded = " ".join(author.split()) + "\n" + " ".join(body.split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:32]


@dataclass
class ExportMark:
    story: str = ""
    version: int = 0
    exported_at: datetime | None = None
    site: str = ""
    # flag number → (old words, suggested words) of each suggestion written as a tracked change
    tracked: dict[int, tuple[str, str]] = field(default_factory=dict)
    # flag number → fingerprints of the desk's replies written as comments in its thread
    replies: dict[int, set[str]] = field(default_factory=dict)

    @property
    def export_id(self) -> str:
        """Which export the file came from: story, version and moment."""
        moment = self.exported_at.isoformat() if self.exported_at else ""
        return f"{self.story}@{self.version}@{moment}"


def custom_properties_xml(mark: ExportMark) -> bytes:
    values = {
        STORY: mark.story,
        VERSION: str(mark.version),
        EXPORTED_AT: _iso(mark.exported_at),
        SITE: mark.site,
    }
    props = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{name}"><vt:lpwstr>{escape(value)}'
        "</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(values.items(), 2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-'
        'properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'docPropsVTypes">{props}</Properties>'
    ).encode()


def item_xml(mark: ExportMark) -> bytes:
    tracked = "".join(
        f'<desk:tracked flag="{number}"><desk:old>{escape(old)}</desk:old>'
        f"<desk:new>{escape(new)}</desk:new></desk:tracked>"
        for number, (old, new) in sorted(mark.tracked.items())
    )
    replies = "".join(
        f'<desk:reply flag="{number}" fingerprint="{fp}"/>'
        for number, fps in sorted(mark.replies.items())
        for fp in sorted(fps)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<desk:export xmlns:desk="{NS}" story={quoteattr(mark.story)} '
        f'version="{mark.version}" exported-at="{_iso(mark.exported_at)}">{tracked}{replies}'
        "</desk:export>"
    ).encode()


def item_props_xml() -> bytes:
    """Word wants a custom XML part to have a datastore item id."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        '<ds:datastoreItem ds:itemID="{' + str(uuid.uuid4()).upper() + '}" '
        'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{NS}"/></ds:schemaRefs></ds:datastoreItem>'
    ).encode("utf-8")


def read_mark(properties: dict[str, str], items: list[bytes]) -> ExportMark | None:
    """The mark from a file's custom properties and custom XML parts; None when the file has
    no story property (it is not a desk export, or the mark was removed)."""
    story = (properties.get(STORY) or "").strip()
    if not story:
        return None
    mark = ExportMark(
        story=story,
        version=_int(properties.get(VERSION)),
        exported_at=_parse_iso(properties.get(EXPORTED_AT) or ""),
        site=properties.get(SITE, ""),
    )
    for data in items:
        try:
            root = etree.fromstring(data, _SAFE)
        except etree.XMLSyntaxError:
            continue
        if root.tag != f"{{{NS}}}export" or root.get("story") != story:
            continue
        for el in root.iter(f"{{{NS}}}tracked"):
            number = _int(el.get("flag"))
            old = el.findtext(f"{{{NS}}}old") or ""
            new = el.findtext(f"{{{NS}}}new") or ""
            if number:
                mark.tracked[number] = (old, new)
        for el in root.iter(f"{{{NS}}}reply"):
            number = _int(el.get("flag"))
            if number and el.get("fingerprint"):
                mark.replies.setdefault(number, set()).add(el.get("fingerprint"))
    return mark


def _iso(moment: datetime | None) -> str:
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def _parse_iso(value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _int(value) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return 0
