"""Pelican plugin: every file of the site written once, only when it changed.

Pelican's Writer renders each page the moment a generator asks for it. This
plugin's Writer (``get_writer``) queues the page instead, with a fingerprint of
what it is made of (:mod:`sitrep.publish.fingerprint`: the template family and
the values of every variable it reads), and renders the queue when the build is
finalised (:mod:`sitrep.publish.render`): unchanged pages are hard-linked from
the previous build, the rest rendered by forked workers on every core. Feeds,
open data and the sitemap go through the same queue (``write_output``), so every
file sends Pelican's ``content_written`` signal and none is written twice.

Settings (put there by :func:`sitrep.publish.build.build`): SITREP_PREVIOUS_OUTPUT
(the live build to carry files over from), SITREP_RECYCLED (the pages the staging
folder holds when it is a recycled tree, a :class:`~sitrep.publish.spare.Recycled`,
or the :class:`~sitrep.publish.spare.Scrubbing` that finds them), SITREP_JOBS (workers; default: cores),
SITREP_PROGRESS (callable(phase, done, total) or None), SITREP_BUILD_REPORT (a dict
that receives the render statistics as "render").
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
from pathlib import Path

from pelican import signals
from pelican.contents import Content
from pelican.generators import SourceFileGenerator, StaticGenerator
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from sitrep.config import from_pelican
from sitrep.pages.deferred import Resolver
from sitrep.publish.fingerprint import Fingerprinter, Opaque, template_globals
from sitrep.publish.known_digests import KnownDigests, store_path
from sitrep.publish.page_vars import ContextCopies, PageVariables
from sitrep.publish.render import Output, Renderer
from sitrep.publish.template_cache import ParseStore, RememberedDates
from sitrep.reports.html import made_of

logger = logging.getLogger("sitrep.render")

_CURRENT: SiteWriter | None = None


def _content_digest(c: Content, f: Fingerprinter) -> bytes:
    """An article's or page's digest. A report's article holds the HTML made of its
    report (:func:`sitrep.reports.html.made_of`): that is digested as the report and
    the code that makes the HTML, not by hashing its 10-20 KB again on every build."""
    body, report = getattr(c, "_content", None), getattr(c, "report", None)
    return f.combine(b"content", [f.digest(x) for x in (
        type(c).__name__, c.source_path, c.url, c.save_as, made_of(body, report) or body, c.metadata,
        getattr(c, "status", None), getattr(c, "category", None), report)])


def _urlwrapper_digest(w: URLWrapper, f: Fingerprinter) -> bytes:
    return f.digest((type(w).__name__, w.name, w.slug, w.url))


def _page_digest(p: Page, f: Fingerprinter) -> bytes:
    return f.digest(("page", p.number, p.paginator.num_pages, p.url, p.save_as, list(p.object_list),
                     p.has_previous(), p.has_next()))


def _paginator_digest(p: Paginator, f: Fingerprinter) -> bytes:
    return f.digest(("paginator", p.name, p.url, p.num_pages, p.count, p.per_page))


DIGESTERS = ((Content, _content_digest), (URLWrapper, _urlwrapper_digest), (Page, _page_digest),
             (Paginator, _paginator_digest))


class SiteWriter(Writer):
    """Pelican's Writer, queueing pages for :class:`~sitrep.publish.render.Renderer`."""

    def __init__(self, output_path, settings=None):
        global _CURRENT
        super().__init__(output_path, settings=settings)
        settings = settings or {}
        previous = settings.get("SITREP_PREVIOUS_OUTPUT")
        recycled = settings.get("SITREP_RECYCLED")
        if hasattr(recycled, "result"):  # still being cleared beside the build: nothing is written before it is
            recycled = recycled.result()
        if recycled is not None:
            recycled.unshare(Path(output_path), settings.get("SITREP_COPIED") or ())
        self.renderer = Renderer(Path(output_path), Path(previous) if previous else None,
                                 settings.get("SITREP_JOBS"), self._send_written, settings.get("SITREP_PROGRESS"),
                                 recycled)
        self.fingerprints = Fingerprinter(DIGESTERS)
        self.known = settings.pop("SITREP_KNOWN_DIGESTS", None)  # the items' digests of the last build (know_digests)
        if self.known is not None:
            self.fingerprints.remember(self.known.pairs())
        self.contexts = ContextCopies()
        self._families: dict[str, tuple[set[str], bytes, list[tuple[str, bytes]]]] = {}
        self._keyed_families: dict[str, tuple[dict, set[str], bytes]] = {}  # see _keyed_family
        cache = settings.get("CACHE_PATH")
        self.parses = ParseStore(Path(cache) / "template-parse.json" if cache else None)
        self.resolver = Resolver()  # charts and maps made once per process, when a page shows them
        self.stats = None
        _CURRENT = self

    # -- Pelican's API -------------------------------------------------------

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        """Queue the page (or the pages of a paginated list) instead of rendering it now.
        An article's ``page_variables`` (set by a plugin) are names of its own page
        only: in the article they would be digested by every list that shows it."""
        if not name:
            return
        article = kwargs.get("article")
        if article is not None:
            kwargs = {**getattr(article, "page_variables", {}), **kwargs}
        if paginated is None:
            paginated = {k: v for k, v in kwargs.items() if k in {"articles", "dates"}}
        if paginated and template_name in self.settings["PAGINATED_TEMPLATES"]:
            per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
            paginators = {key: Paginator(name, url, val, self.settings, per_page) for key, val in paginated.items()}
            for number in range(next(iter(paginators.values())).num_pages):
                page_kwargs = dict(kwargs)
                for key, paginator in paginators.items():
                    page = paginator.page(number + 1)
                    page_kwargs.update({
                        f"{key}_paginator": paginator, f"{key}_page": page,
                        f"{key}_previous_page": paginator.page(number) if number > 0 else None,
                        f"{key}_next_page": paginator.page(number + 2) if number + 1 < paginator.num_pages else None,
                    })
                self._queue_page(template, self._local(context, page.save_as, page_kwargs, relative_urls), page.save_as)
        else:
            self._queue_page(template, self._local(context, name, kwargs, relative_urls), name)

    def write_output(self, name: str, produce, inputs=None, context=None) -> None:
        """Queue a file that is not a template (a feed, open data): ``produce()``
        returns its text; ``inputs`` (a value, or a callable) is what it is made of."""
        if callable(inputs):
            fingerprint = lambda: self._digest_or_none(("output", name, inputs()))  # noqa: E731
        else:
            fingerprint = self._digest_or_none(("output", name, inputs)) if inputs is not None else None
        self.renderer.add(Output(name, fingerprint, produce, context))

    def write_keyed(self, base, pages, make, context, relative_urls=False) -> None:
        """Queue pages whose own variables are all made from what their keys hold
        (:class:`sitrep.pages.views.KeyedPages`): ``pages``, (path, template, key)
        of each, ``base`` what all keys share; ``make()``, {path: the names
        :meth:`write_file` would be given}. A page's fingerprint is its template
        family's with every name of the shared context the family reads, its
        path and its key's digest, so its variables are made only when it is
        rendered, not each build. A key or context that cannot be digested
        queues the pages as write_file does."""
        shared = self.contexts.of(context)
        made = functools.cache(make)
        digest = self.fingerprints.digest
        for name, template, key in pages:
            try:
                names, family = self._keyed_family(template, shared)
                keyed = digest(base) + digest(key) + bytes([bool(relative_urls)])
            except Opaque:
                self.write_file(name, template, context, relative_urls=relative_urls, **made()[name])
                continue
            sanitised_join(self.output_path, name)  # refuses paths outside the output folder
            fingerprint = hashlib.sha256(b"keyed page\0" + family + keyed + name.encode()).digest()
            local = functools.partial(self._keyed_local, shared, name, made, relative_urls)
            self.renderer.add(Output(name, fingerprint, functools.partial(self._render, template, names, local),
                                     local))

    def same_context(self, context):
        """A block in which the caller queues pages and leaves ``context`` as it is
        (see :meth:`sitrep.publish.page_vars.ContextCopies.held`)."""
        return self.contexts.held(context)

    def write_later(self, write, writes_outside=None) -> None:
        """Call ``write()`` (which queues files) once the files queued so far are
        written: for a page that waits for other work, so the pages render meanwhile.
        ``writes_outside``: the folders that work writes files into outside the queue
        (none: ``()``), so the build's folder is walked while the pages render."""
        self.renderer.later(write, writes_outside)

    # -- internals -----------------------------------------------------------

    def _local(self, context, name, kwargs, relative_urls) -> PageVariables:
        """What Pelican's writer gives the page (a copy of the context, then the
        page's names), the context's copy shared with the pages queued before."""
        return PageVariables(self.contexts.of(context), self._own(context, name, kwargs, relative_urls))

    def _keyed_local(self, shared, name, made, relative_urls) -> PageVariables:
        """A keyed page's variables (:meth:`write_keyed`), made when it is rendered."""
        return PageVariables(shared, self._own(shared, name, made()[name], relative_urls))

    def _render(self, template, names, local) -> str:
        return template.render(self.resolver.variables(local().as_dict(), names))

    @staticmethod
    def _own(context, name, kwargs, relative_urls) -> dict:
        """The page's own names, as Pelican's writer sets them over the context's."""
        own = {"localsiteurl": context.get("localsiteurl", None)}
        if relative_urls:
            relative_url = path_to_url(get_relative_path(name))
            own["SITEURL"] = relative_url
            own["localsiteurl"] = relative_url
        own["output_file"] = name
        own.update(kwargs)
        return own

    def _queue_page(self, template, local, name):
        sanitised_join(self.output_path, name)  # refuses paths outside the output folder
        names, source_digest, ordered = self._family(template)
        try:
            fingerprint = self.fingerprints.page((source_digest,), ordered, local.shared, local.own)
        except Opaque as what:
            logger.debug("%s renders every build: %s cannot be fingerprinted", name, what)
            fingerprint = None
        resolve = self.resolver.variables
        self.renderer.add(Output(name, fingerprint, lambda: template.render(resolve(local.as_dict(), names)), local))

    def _family(self, template) -> tuple[set[str], bytes, list[tuple[str, bytes]]]:
        """(names the template family reads, digest of its sources, the names in
        order as the fingerprint takes them): once per template, not per page."""
        found = self._families.get(template.name)
        if found is None:
            names, source_digest = template_globals(template.environment, template.name, self.parses)
            ordered = [(n, n.encode() + b"\0") for n in sorted(names)]
            found = self._families[template.name] = (names, source_digest, ordered)
        return found

    def _keyed_family(self, template, shared) -> tuple[set[str], bytes]:
        """(names the template family reads, its digest with the values the shared
        context gives them) for :meth:`write_keyed`: the same for every keyed page of
        a template while the context is, so made once and not for each of 20,000 pages."""
        found = self._keyed_families.get(template.name)
        if found is None or found[0] is not shared:
            names, source_digest, ordered = self._family(template)
            found = self._keyed_families[template.name] = (
                shared, names, self.fingerprints.page((source_digest,), ordered, shared))
        return found[1], found[2]

    def _digest_or_none(self, value):
        try:
            return self.fingerprints.digest(value)
        except Opaque:
            return None

    def _send_written(self, path: Path, context) -> None:
        if not signals.content_written.receivers:
            return
        if callable(context):  # a keyed page's variables, made on demand (write_keyed)
            context = context()
        if isinstance(context, PageVariables):
            context = context.as_dict()
        signals.content_written.send(str(path), context=context)


def current_writer() -> SiteWriter | None:
    """The writer of the build running in this process."""
    return _CURRENT


def flush(pelican):
    """Render the queue: the last step of the build, once every generator has written."""
    writer = _CURRENT
    if writer is None:
        return
    if writer.known is not None:  # before the memo is dropped: the items' digests are in it
        writer.known.save(writer.fingerprints.digest)
    shared = writer.contexts.current()
    writer.fingerprints.forget(shared.values() if shared is not None else ())
    settings = pelican.settings
    writer.stats = stats = writer.renderer.run([settings["THEME_STATIC_DIR"], *settings.get("STATIC_PATHS", []),
                                                "search"])
    writer.resolver.clear()
    writer.parses.save()
    report = pelican.settings.get("SITREP_BUILD_REPORT")
    if isinstance(report, dict):
        report["render"] = stats
    logger.info("Wrote %d files: %d rendered, %d unchanged and carried over, in %.2f s (%d jobs)",
                stats.outputs, stats.rendered, stats.carried, stats.seconds, writer.renderer.jobs)


def get_writer(pelican):
    return SiteWriter


def note_copies(generators) -> None:
    """Record the files Pelican copies itself (static files, sources), by the
    paths they will have, for the writer: in a recycled tree, a page of the
    live build may stand where a copy goes (:meth:`sitrep.publish.spare.Recycled.unshare`)."""
    copied: list[str] = []
    for generator in generators:
        if isinstance(generator, StaticGenerator):
            copied += [sc.save_as for sc in generator.context.get("staticfiles", [])]
        elif isinstance(generator, SourceFileGenerator):
            extension = generator.settings.get("OUTPUT_SOURCES_EXTENSION", ".text")
            sources = (*generator.context.get("articles", []), *generator.context.get("pages", []))
            copied += [os.path.splitext(c.save_as)[0] + extension
                       for c in (*sources, *(t for c in sources for t in getattr(c, "translations", [])))]
    if generators:  # they share Pelican's settings, which the writer is given
        generators[0].settings["SITREP_COPIED"] = copied


def know_digests(generators) -> None:
    """Find the items' digests of the last build (:mod:`sitrep.publish.known_digests`)
    for the writer, which Pelican makes next: the reports are read and tagged by
    now. The keys the reading and tagging plugins left in the settings are taken
    out, so a later build in this process cannot find them stale."""
    if not generators:
        return
    settings = generators[0].settings  # they share Pelican's settings, which the writer is given
    keys, tagger = settings.pop("SITREP_REPORT_KEYS", None), settings.pop("SITREP_TAGGER_KEY", None)
    settings.pop("SITREP_KNOWN_DIGESTS", None)
    if not keys or tagger is None:
        return
    from sitrep.reports.cache import parser_fingerprint

    conf = from_pelican(settings)
    reports = [a.report for g in generators for a in getattr(g, "articles", ()) if getattr(a, "report", None)]
    settings["SITREP_KNOWN_DIGESTS"] = KnownDigests(store_path(conf.cache, parser_fingerprint(), tagger, conf.content),
                                                    reports, keys)


def remember_dates(generator) -> None:
    """Pelican's date filter, formatting each date once per format (see
    :class:`~sitrep.publish.template_cache.RememberedDates`); a filter the
    settings put in its place (JINJA_FILTERS) is left as it is."""
    from pelican.utils import DateFormatter

    env = getattr(generator, "env", None)
    found = env.filters.get("strftime") if env is not None else None
    if type(found) is DateFormatter:
        env.filters["strftime"] = RememberedDates(found)


def register():
    signals.generator_init.connect(remember_dates)
    signals.get_writer.connect(get_writer)
    signals.all_generators_finalized.connect(note_copies)
    signals.all_generators_finalized.connect(know_digests)
    signals.finalized.connect(flush)

