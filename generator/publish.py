"""Upload built artifacts to an environment's artifacts bucket, content-addressed.

Keys carry the sha256 of the bytes, so an existing key is the same artifact: it is skipped
after its checksum is confirmed. New uploads send a SHA-256 checksum that S3 verifies, and the
stored checksum is read back. Nothing is ever overwritten or deleted here.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import ClickstackError
from generator.manifest import Manifest
from generator.package import ARTIFACTS_DIR, read_manifest, sha256_file


class PublishError(ClickstackError):
    exit_code = 8


class BucketMissing(PublishError):
    """The env's artifacts bucket does not exist (yet)."""


@dataclass(frozen=True)
class Published:
    key: str
    uploaded: bool  # False: it was already there with the same checksum


def artifacts_bucket(m: Manifest) -> str:
    # Same rule as terraform/modules/data_lake: "<prefix>-<account_id>-<zone>".
    return f"{m.prefix}-{m.account_id}-artifacts"


def report(m: Manifest, results: list[Published]) -> str:
    uploaded = sum(1 for r in results if r.uploaded)
    return (
        f"publish {m.env}: {uploaded} uploaded, {len(results) - uploaded} already in "
        f"s3://{artifacts_bucket(m)}"
    )


def _s3_client(region: str) -> Any:
    import boto3  # imported late: only publishing needs it

    return boto3.client("s3", region_name=region, endpoint_url=os.environ.get("AWS_ENDPOINT_URL"))


def _b64_sha256(hex_digest: str) -> str:
    return base64.b64encode(bytes.fromhex(hex_digest)).decode()


def publish(m: Manifest, out_dir: Path = ARTIFACTS_DIR, client: Any = None) -> list[Published]:
    from botocore.exceptions import ClientError

    s3 = client or _s3_client(m.region)
    bucket = artifacts_bucket(m)
    try:
        s3.head_bucket(Bucket=bucket, ExpectedBucketOwner=m.account_id)
    except ClientError as exc:
        raise BucketMissing(
            f"s3://{bucket}: expected the artifacts bucket of env {m.env} (created by the "
            f"data_lake module), found {exc.response.get('Error', {}).get('Code', exc)}"
        ) from None
    done: list[Published] = []
    for name, entry in sorted(read_manifest(out_dir).items()):
        key, digest = str(entry["s3_key"]), str(entry["sha256"])
        path = out_dir / str(entry["file"])
        if not path.exists() or sha256_file(path) != digest:
            raise PublishError(f"{path}: missing or changed since packaging; run `make package`")
        try:
            head = s3.head_object(Bucket=bucket, Key=key, ChecksumMode="ENABLED")
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") not in ("404", "NoSuchKey", "NotFound"):
                raise PublishError(f"s3://{bucket}/{key}: {exc}") from None
            head = None
        if head is not None:
            _confirm(head, bucket, key, digest, name)
            done.append(Published(key, uploaded=False))
            continue
        s3.put_object(
            Bucket=bucket,
            Key=key,
            Body=path.read_bytes(),
            ChecksumSHA256=_b64_sha256(digest),
            Metadata={"sha256": digest, "artifact": name},
        )  # encrypted by the bucket's default: the platform's customer managed key
        _confirm(
            s3.head_object(Bucket=bucket, Key=key, ChecksumMode="ENABLED"),
            bucket,
            key,
            digest,
            name,
        )
        done.append(Published(key, uploaded=True))
    return done


def _confirm(head: dict[str, Any], bucket: str, key: str, digest: str, name: str) -> None:
    stored = head.get("ChecksumSHA256") or ""
    recorded = (head.get("Metadata") or {}).get("sha256", "")
    if stored != _b64_sha256(digest) and recorded != digest:
        raise PublishError(
            f"s3://{bucket}/{key}: expected sha256 {digest} for {name}, found "
            f"{stored or recorded or 'no checksum'}; refusing to trust it"
        )
