"""Pelican settings for publishing: absolute URLs for the public host."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITREP_SITEURL", "https://sitrep.example.org")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL

# Deploy targets for `sitrep deploy --target NAME` / `invoke deploy --target NAME`
# (sitrep.deploy). Every deploy builds with these settings, runs `sitrep check`
# on the build and refuses to publish if it finds problems. Hosts, users and
# paths come from the environment so no server name lives in the repository.
DEPLOY_TARGETS = {
    # A directory on this machine, e.g. a web server's root on the same host:
    # releases/<id>/ per deploy and a `current` symlink switched atomically.
    # Point the web server at <path>/current. Relative paths are relative to
    # this file's folder.
    "local": {
        "type": "local",
        "path": os.environ.get("SITREP_DEPLOY_DIR", "../sitrep-live"),
        "keep": 5,
    },
    # A server over SSH with rsync (the same releases/ + current layout there).
    "ssh": {
        "type": "rsync",
        "host": os.environ.get("SITREP_DEPLOY_HOST", "sitrep.example.org"),
        "port": int(os.environ.get("SITREP_DEPLOY_PORT", "22")),
        "user": os.environ.get("SITREP_DEPLOY_USER", ""),
        "path": os.environ.get("SITREP_DEPLOY_PATH", "/srv/sitrep"),
        "keep": 5,
        "ssh_options": (["-i", os.environ["SITREP_DEPLOY_KEY"]] if os.environ.get("SITREP_DEPLOY_KEY") else []),
    },
    # GitHub Pages: ghp-import commits the build to a branch and pushes it.
    # Default repository: this project's own (push the branch afterwards, or
    # set SITREP_PAGES_REPO to the GitHub remote URL to push directly).
    "pages": {
        "type": "pages",
        "repo": os.environ.get("SITREP_PAGES_REPO", "."),
        "branch": os.environ.get("SITREP_PAGES_BRANCH", "gh-pages"),
        "cname": os.environ.get("SITREP_PAGES_CNAME", ""),
    },
    # An S3-compatible bucket (AWS, MinIO, R2...): uploads changed files only.
    # Credentials come from the usual AWS environment variables or ~/.aws.
    "s3": {
        "type": "s3",
        "bucket": os.environ.get("SITREP_S3_BUCKET", "sitrep-site"),
        "prefix": os.environ.get("SITREP_S3_PREFIX", ""),
        "region": os.environ.get("SITREP_S3_REGION", ""),
        "endpoint_url": os.environ.get("SITREP_S3_ENDPOINT", ""),
    },
}
DEPLOY_DEFAULT = os.environ.get("SITREP_DEPLOY_TARGET", "local")
