"""The HTML body of a whole report (used for Pelican's article content and
thus for feeds): key developments linking to item anchors, then one
section per item.

The body is a :class:`ReportBody`: a str that remembers its report, so the
build can digest a report's article by its report (whose digest it mostly
knows, :mod:`sitrep.publish.known_digests`) instead of hashing its HTML again
(:func:`made_of`).
"""

from __future__ import annotations

import functools
from importlib.metadata import version
from typing import Any

from markupsafe import escape

from sitrep.files.digest import code_digest
from sitrep.model import Report


class ReportBody(str):
    """The HTML :func:`report_body_html` made of ``report``. A str, so Pelican and
    the templates use it as the article's content; any change to it (a link
    rewritten, a plugin's edit) makes a plain str that no longer names a report."""

    report: Report

    @classmethod
    def of(cls, report: Report) -> ReportBody:
        body = cls(report_body_html(report))
        body.report = report
        return body


@functools.cache
def _code() -> tuple[bytes, str]:
    """What the body is made by besides its report: this module and markupsafe's escaping."""
    return code_digest("sitrep.reports.html"), version("markupsafe")


def made_of(body: Any, report: Any) -> tuple | None:
    """What ``body`` is made of when it is the untouched body of ``report``
    (the very :class:`ReportBody` made of that report object): the report and
    the code that makes a body, which say all the HTML says; None otherwise,
    and the body must be digested as it is."""
    if type(body) is ReportBody and body.report is report:
        return ("report body", _code(), report)
    return None


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
