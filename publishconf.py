"""Pelican settings for publishing: absolute URLs for the public host."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITREP_SITEURL", "https://sitrep.example.org")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
