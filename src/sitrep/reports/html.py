"""The HTML body of a whole report (used for Pelican's article content and
thus for feeds): key developments linking to item anchors, then one
section per item."""

from __future__ import annotations

from markupsafe import escape

from sitrep.model import Report


def report_body_html(report: Report) -> str:
    parts = []
    with_kd = [i for i in report.items if i.key_development]
    if with_kd:
        parts.append('<ul class="key-developments">')
        parts.extend(f'<li><a href="#{escape(i.slug)}">{escape(i.key_development)}</a></li>' for i in with_kd)
        parts.append("</ul>")
    for item in report.items:
        parts.append(f'<section id="{escape(item.slug)}"><h2>{escape(item.headline)}</h2>{item.html}</section>')
    return "\n".join(parts)
