"""Deploy to an S3-compatible bucket (AWS S3, MinIO, R2, ...) with boto3.

Only files whose MD5 differs from the object's ETag are uploaded, each with
its Content-Type; objects the build no longer has are deleted. Order keeps
the live site whole while it changes: assets first, then pages (which link
to them), deletions last. A bucket has no atomic switch, so a deploy that
dies midway can leave some pages new and some old; run it again to finish.
Credentials come from boto3's usual chain (environment, ~/.aws, roles).
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from sitrep.publish.changes import Changes, diff, manifest
from sitrep.publish.targets import DeployError, S3Config
from sitrep.publish.releases import new_release_id

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".json": "application/json",
    ".xml": "application/xml", ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8", ".webmanifest": "application/manifest+json",
    ".woff2": "font/woff2", ".ico": "image/x-icon",
}


def content_type(path: str) -> str:
    if path.endswith(".atom.xml"):
        return "application/atom+xml"
    if path.endswith(".rss.xml"):
        return "application/rss+xml"
    suffix = Path(path).suffix.lower()
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


class S3Target:
    def __init__(self, config: S3Config, client=None):
        self.config = config
        self._client = client

    def describe(self) -> str:
        where = f" at {self.config.endpoint_url}" if self.config.endpoint_url else ""
        return f"{self.config.name} (S3 bucket {self.config.bucket}/{self.config.prefix}{where})"

    @property
    def client(self):
        if self._client is None:
            try:
                import boto3
            except ImportError:
                raise DeployError("the s3 target needs boto3, which is not installed\n"
                                  "  how to fix: pip install -e '.[s3]'") from None

            self._client = boto3.client("s3", region_name=self.config.region,
                                        endpoint_url=self.config.endpoint_url)
        return self._client

    def _key(self, rel: str) -> str:
        return f"{self.config.prefix}/{rel}" if self.config.prefix else rel

    def live(self) -> dict[str, str]:
        """{relative path: ETag} of the objects under the prefix."""
        client = self.client  # first: a clear error if boto3 is missing
        from botocore.exceptions import BotoCoreError, ClientError

        start = f"{self.config.prefix}/" if self.config.prefix else ""
        objects: dict[str, str] = {}
        try:
            for page in client.get_paginator("list_objects_v2").paginate(Bucket=self.config.bucket, Prefix=start):
                for obj in page.get("Contents", []):
                    objects[obj["Key"][len(start):]] = obj["ETag"].strip('"')
        except (BotoCoreError, ClientError) as err:
            raise DeployError(f"cannot list bucket {self.config.bucket}: {err}\n"
                              "  how to fix: check the bucket name, endpoint_url, region and credentials") from None
        return objects

    def plan(self, site: Path) -> Changes:
        # A multipart ETag ("...-3") is no MD5: such objects count as changed.
        return diff(manifest(site), self.live())

    def publish(self, site: Path) -> str:
        changes = self.plan(site)  # also the clear error if boto3 is missing
        from botocore.exceptions import BotoCoreError, ClientError

        # Data first; pages and the search manifest (which names the data) last.
        uploads = sorted(changes.added + changes.changed,
                         key=lambda p: (p.endswith(".html") or p.endswith("manifest.json"), p))
        try:
            for rel in uploads:
                self.client.put_object(Bucket=self.config.bucket, Key=self._key(rel),
                                       Body=(site / rel).read_bytes(), ContentType=content_type(rel),
                                       **self.config.extra)
            for start in range(0, len(changes.removed), 1000):
                batch = [{"Key": self._key(r)} for r in changes.removed[start:start + 1000]]
                self.client.delete_objects(Bucket=self.config.bucket, Delete={"Objects": batch, "Quiet": True})
        except (BotoCoreError, ClientError) as err:
            raise DeployError(f"upload to bucket {self.config.bucket} failed: {err}\n"
                              "  how to fix: fix the cause and deploy again; only what is still "
                              "different will be uploaded") from None
        return new_release_id([])

    def rollback(self) -> str:
        raise DeployError(
            f"target {self.config.name!r} is an S3 bucket, which keeps no releases to roll back to\n"
            "  how to fix: check out the previous version of the content and deploy it again "
            "(only the files that differ are uploaded)")
