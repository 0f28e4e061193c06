"""publish uploads missing artifacts to the env's artifacts bucket, skips what is there and
refuses an object whose checksum does not match."""

from __future__ import annotations

from tests.conftest import RepoCopy
from tests.generator.test_package import _add_function
from tests.integration.conftest import ACCOUNT, REGION, LocalAws, aws_env, client, use_local_account


def test_publish_uploads_skips_and_verifies(repo_copy: RepoCopy, local_aws: LocalAws) -> None:
    use_local_account(repo_copy)
    _add_function(repo_copy)
    assert repo_copy.run("package").returncode == 0
    env = aws_env(local_aws)
    bucket = f"clickstack-dev-{ACCOUNT}-artifacts"

    missing = repo_copy.run("publish", "--env", "dev", env=env)
    assert missing.returncode == 8
    assert f"s3://{bucket}: expected the artifacts bucket of env dev" in missing.stderr

    s3 = client("s3", local_aws)
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    first = repo_copy.run("publish", "--env", "dev", env=env)
    assert first.returncode == 0, first.stderr
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]]
    assert any(k.startswith("artifacts/lambda/echo_test/") for k in keys)
    assert f"{len(keys)} uploaded, 0 already in s3://{bucket}" in first.stdout

    again = repo_copy.run("publish", "--env", "dev", env=env)
    assert f"0 uploaded, {len(keys)} already in s3://{bucket}" in again.stdout

    key = next(k for k in keys if k.startswith("artifacts/lambda/echo_test/"))
    s3.put_object(Bucket=bucket, Key=key, Body=b"not the artifact")
    tampered = repo_copy.run("publish", "--env", "dev", env=env)
    assert tampered.returncode == 8
    assert "refusing to trust it" in tampered.stderr
