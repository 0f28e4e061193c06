"""Each correction the local AWS makes to moto (generator/local_aws_fixes.py) holds on the
running server, as AWS behaves - so a moto upgrade that changes its internals fails here."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from botocore.exceptions import ClientError

from tests.integration.conftest import ACCOUNT, REGION, LocalAws, client


def _bucket(local_aws: LocalAws, name: str, statements: list[dict[str, object]]) -> object:
    s3 = client("s3", local_aws)
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    policy = {"Version": "2012-10-17", "Statement": statements}
    s3.put_bucket_policy(Bucket=name, Policy=json.dumps(policy))
    return s3


def test_tls_only_bucket_policy_allows_requests_over_tls(local_aws: LocalAws) -> None:
    name = "fix-tls-only"
    s3 = _bucket(
        local_aws,
        name,
        [
            {
                "Sid": "DenyInsecureTransport",
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:*",
                "Resource": [f"arn:aws:s3:::{name}", f"arn:aws:s3:::{name}/*"],
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            }
        ],
    )
    s3.put_object(Bucket=name, Key="k", Body=b"over TLS")  # type: ignore[attr-defined]
    body = s3.get_object(Bucket=name, Key="k")["Body"].read()  # type: ignore[attr-defined]
    assert body == b"over TLS"


def test_deny_statements_still_deny(local_aws: LocalAws) -> None:
    name = "fix-still-denies"
    s3 = _bucket(
        local_aws,
        name,
        [
            {
                "Sid": "NoWritesToLocked",
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:PutObject",
                "Resource": f"arn:aws:s3:::{name}/locked/*",
            },
            {
                "Sid": "DenyWhenSecure",  # a condition that IS met: the Deny applies
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:PutObject",
                "Resource": f"arn:aws:s3:::{name}/secure-deny/*",
                "Condition": {"Bool": {"aws:SecureTransport": "true"}},
            },
        ],
    )
    for key in ("locked/k", "secure-deny/k"):
        with pytest.raises(ClientError) as err:
            s3.put_object(Bucket=name, Key=key, Body=b"x")  # type: ignore[attr-defined]
        assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    s3.put_object(Bucket=name, Key="open/k", Body=b"x")  # type: ignore[attr-defined]


def test_athena_named_queries_can_be_deleted(local_aws: LocalAws) -> None:
    athena = client("athena", local_aws)
    query_id = athena.create_named_query(Name="q", Database="d", QueryString="SELECT 1")[
        "NamedQueryId"
    ]
    assert athena.get_named_query(NamedQueryId=query_id)["NamedQuery"]["Name"] == "q"
    athena.delete_named_query(NamedQueryId=query_id)
    with pytest.raises(ClientError) as err:
        athena.get_named_query(NamedQueryId=query_id)
    assert err.value.response["Error"]["Code"] == "InvalidRequestException"
    assert query_id not in athena.list_named_queries()["NamedQueryIds"]


def test_kinesis_streams_keep_the_tags_they_were_created_with(local_aws: LocalAws) -> None:
    kinesis = client("kinesis", local_aws)
    kinesis.create_stream(
        StreamName="fix-tags",
        StreamModeDetails={"StreamMode": "ON_DEMAND"},
        Tags={"env": "local", "project": "clickstack"},
    )
    tags = kinesis.list_tags_for_stream(StreamName="fix-tags")["Tags"]
    assert {t["Key"]: t["Value"] for t in tags} == {"env": "local", "project": "clickstack"}


def test_lambda_functions_keep_their_logging_config(local_aws: LocalAws) -> None:
    iam, lam, s3 = (client(n, local_aws) for n in ("iam", "lambda", "s3"))
    role = iam.create_role(
        RoleName="fix-logging",
        AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": []}),
    )["Role"]["Arn"]
    s3.create_bucket(Bucket="fix-logging", CreateBucketConfiguration={"LocationConstraint": REGION})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("handler.py", "def handler(event, context):\n    return event\n")
    s3.put_object(Bucket="fix-logging", Key="code.zip", Body=buffer.getvalue())
    code = {"S3Bucket": "fix-logging", "S3Key": "code.zip"}
    common = {"Runtime": "python3.12", "Role": role, "Handler": "handler.handler", "Code": code}
    lam.create_function(FunctionName="fix-default", **common)
    default = lam.get_function_configuration(FunctionName="fix-default")["LoggingConfig"]
    assert default == {"LogFormat": "Text", "LogGroup": "/aws/lambda/fix-default"}
    lam.create_function(
        FunctionName="fix-named", LoggingConfig={"LogFormat": "Text", "LogGroup": "/x/y"}, **common
    )
    assert lam.get_function(FunctionName="fix-named")["Configuration"]["LoggingConfig"] == {
        "LogFormat": "Text", "LogGroup": "/x/y"
    }  # fmt: skip
    lam.update_function_configuration(FunctionName="fix-named", LoggingConfig={"LogGroup": "/z"})
    updated = lam.get_function_configuration(FunctionName="fix-named")["LoggingConfig"]
    assert updated == {"LogFormat": "Text", "LogGroup": "/z"}


def test_the_local_aws_answers_as_the_local_account(local_aws: LocalAws) -> None:
    assert client("sts", local_aws).get_caller_identity()["Account"] == ACCOUNT
