"""One place that reads a site's settings: ``config.load(settings_file)``.

The CLI, the invoke tasks and the Pelican plugins all see a site through
:class:`SiteConfig`, so a path such as the data folder or the cache folder is
decided once (from ``pelicanconf.py``) instead of by each caller's default.
``arguments`` holds what every ``sitrep`` sub-command shares on the command
line (``--settings``, whole-number options, how a sub-command is declared).
"""

from sitrep.config.settings import DEFAULT_SETTINGS, PUBLISH_SETTINGS, SiteConfig, from_pelican, load

__all__ = ["DEFAULT_SETTINGS", "PUBLISH_SETTINGS", "SiteConfig", "from_pelican", "load"]
