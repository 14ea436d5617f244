"""docx: the styles the export uses, defined in the file, and the legend that explains them.

python-docx's template names "CommentText" and "CommentReference" in every comment but does
not define them, so Word and LibreOffice fall back to whatever they like. The desk's own
paragraphs (title, notes, the detached-flags section) get styles named "Review Desk …": they
tell a reader what is not the story, and they tell the re-import which paragraphs to skip.
"""

from __future__ import annotations

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DESK_STYLE_PREFIX = "ReviewDesk"  # style ids of the desk's own paragraphs
TITLE, NOTE, HEADING, DETACHED = (
    "ReviewDeskTitle",
    "ReviewDeskNote",
    "ReviewDeskHeading",
    "ReviewDeskDetached",
)

_STYLES = f"""<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/>
<w:basedOn w:val="Normal"/><w:link w:val="CommentTextChar"/><w:uiPriority w:val="99"/>
<w:unhideWhenUsed/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>
<w:style w:type="character" w:customStyle="1" w:styleId="CommentTextChar">
<w:name w:val="Comment Text Char"/><w:basedOn w:val="DefaultParagraphFont"/>
<w:link w:val="CommentText"/><w:uiPriority w:val="99"/>
<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/>
<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:semiHidden/>
<w:unhideWhenUsed/><w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="{TITLE}">
<w:name w:val="Review Desk Title"/><w:basedOn w:val="Title"/><w:next w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="{NOTE}">
<w:name w:val="Review Desk Note"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
<w:rPr><w:color w:val="5F6368"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="{HEADING}">
<w:name w:val="Review Desk Heading"/><w:basedOn w:val="Heading2"/><w:next w:val="{NOTE}"/>
</w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="{DETACHED}">
<w:name w:val="Review Desk Detached"/><w:basedOn w:val="Normal"/><w:next w:val="{DETACHED}"/>
</w:style>
</w:styles>"""

LEGEND = (
    "Shaded words: a flag on those words, in its kind's colour. Thick underline: a flag on the "
    "whole sentence. Double underline: flags overlap there. Dotted underline: a resolved or "
    "dismissed flag. Struck-through and inserted words: a suggested change; accept or reject "
    "it as any tracked change. Each comment starts with the flag's number (#12): reply to it, "
    "mark it done, accept or reject the changes, edit the text or add comments, save as .docx "
    "and send the file back; the desk reads your answers from it."
)


def define_styles(document) -> None:
    """Add the comment styles and the desk's paragraph styles to the document's styles."""
    styles = document.styles.element
    have = {s.get(f"{{{W}}}styleId") for s in styles.iterchildren(f"{{{W}}}style")}
    for style in etree.fromstring(_STYLES):
        if style.get(f"{{{W}}}styleId") not in have:
            styles.append(style)
