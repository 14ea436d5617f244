"""`{{ text|mentions:user }}`: a note or reply with its @mentions highlighted.

Everything is escaped; mentions become `<span class="mention">` (and "mention you" for the
reader's own name), line breaks `<br>`, as `linebreaksbr` would.
"""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from review.text.mentions import mention_pieces

register = template.Library()


@register.filter
def mentions(text: str, user=None) -> SafeString:
    me = user.get_username() if getattr(user, "is_authenticated", False) else None
    out = []
    for piece in mention_pieces(str(text or "")):
        if not piece.username:
            out.append(escape(piece.text))
            continue
        css = "mention mention-you" if piece.username == me else "mention"
        out.append(f'<span class="{css}">{escape(piece.text)}</span>')
    html = "".join(out).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    return mark_safe(html)  # noqa: S308 - every piece was escaped above
