"""Pelican settings for the Sitrep archive (development builds).

Everything an editor may want to change about the site is here; taxonomy
and gazetteer data live as TOML under ``data/``.
"""

from pathlib import Path

_HERE = Path(__file__).resolve().parent

AUTHOR = "Sitrep editors"
SITENAME = "Sitrep"
SITESUBTITLE = "An archive of daily war reports, by front and by kind of event"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

PATH = str(_HERE / "content")
ARTICLE_PATHS = ["reports"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
THEME = str(_HERE / "theme")
OUTPUT_PATH = str(_HERE / "output")
DELETE_OUTPUT_DIRECTORY = False  # sitrep builds into a fresh directory and swaps it in
# A report's date is its Date: line. Pelican's default also reads a date from each file
# name ("2025-02-04-….md") and parses it on every build, only for the Date: line to win.
FILENAME_METADATA = ""
RELATIVE_URLS = False

# Plugins are local packages under plugins/, loaded the Pelican way.
PLUGIN_PATHS = [str(_HERE / "plugins")]
PLUGINS = ["sitrep_reports", "sitrep_items", "sitrep_tags", "sitrep_pages", "sitrep_search", "sitrep_render"]

# Theatre, topic and place pages (plugin sitrep_pages) are linked from every page's menu.
SITREP_TAG_PAGES = True

# Sitrep data: taxonomy and gazetteer (TOML an editor maintains) and the
# cache of compiled matchers.
SITREP_DATA_DIR = str(_HERE / "data")
SITREP_CACHE_DIR = str(_HERE / ".sitrep-cache")

# Dates a report may carry: (first, last), each YYYY-MM-DD or an offset from
# today such as "+1y", "-6m", "+30d". A report dated outside is refused with
# its file and line (a mistyped year would stretch every timeline over
# centuries). Widen it for older or planned material.
SITREP_DATE_RANGE = ("1990-01-01", "+1y")

# Full-text search (plugin sitrep_search): the Whoosh index is kept between
# builds under SITREP_CACHE_DIR/whoosh/ unless SITREP_SEARCH_INDEX_DIR names a
# folder; it is copied into the site (search/whoosh/) only if asked.
SITREP_SEARCH_SHIP_WHOOSH = False

# URLs: directory style everywhere. A report lives at /reports/<slug>/ and
# each of its items at /reports/<slug>/<item-slug>/.
ARTICLE_URL = "reports/{slug}/"
ARTICLE_SAVE_AS = "reports/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "sources/{slug}/"
CATEGORY_SAVE_AS = "sources/{slug}/index.html"
CATEGORIES_URL = "sources/"
CATEGORIES_SAVE_AS = "sources/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
# Year and month archives are written by the sitrep_pages plugin at these URLs
# (pages that do not change once their month is over), not by Pelican.
YEAR_ARCHIVE_URL = "archives/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_URL = "archives/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
# Pelican's own tag and author pages are not used: theatres, topics and
# places get their own pages.
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "archives", "categories", "404"]

# No list is paginated: a newest-first list split into numbered pages changes
# every page when a report arrives. The home page shows the latest reports, a
# source its latest ones, a tag its latest items, and everything is archived by
# month. The numbered pages of earlier versions still answer (sitrep_pages).
DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {}
SITREP_HOME_REPORTS = 20
SITREP_SOURCE_REPORTS = 30
SITREP_TAG_LATEST_ITEMS = 20  # a tag with more items gets a page per month

DEFAULT_DATE_FORMAT = "%-d %B %Y"
SUMMARY_MAX_LENGTH = 40

# Feeds (theatre, topic and place feeds come with the tag pages).
# Atom needs absolute links; in development they point at `invoke serve`.
FEED_DOMAIN = "http://localhost:8000"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

MENUITEMS = ()

# Reference cities drawn on maps for orientation: (name, latitude, longitude).
SITREP_MAP_LANDMARKS = [
    ("Kyiv", 50.45, 30.52), ("Kharkiv", 49.99, 36.23), ("Dnipro", 48.46, 35.05),
    ("Zaporizhzhia", 47.84, 35.14), ("Odesa", 46.48, 30.73), ("Lviv", 49.84, 24.03),
    ("Kherson", 46.64, 32.61), ("Donetsk", 48.02, 37.80), ("Luhansk", 48.57, 39.31),
    ("Sevastopol", 44.60, 33.52), ("Kursk", 51.73, 36.19), ("Belgorod", 50.60, 36.59),
    ("Rostov-on-Don", 47.23, 39.72), ("Moscow", 55.75, 37.62), ("Minsk", 53.90, 27.57),
    ("Sumy", 50.91, 34.80), ("Mykolaiv", 46.97, 32.00), ("Kramatorsk", 48.72, 37.56),
]

# Templates autoescape everything; only sanitised item and report HTML is
# marked safe in the theme.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [], "autoescape": True}
