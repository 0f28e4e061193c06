"""The clickstream collector of the ALB + ECS ingestion fleet (terraform/modules/ingest_fleet).

An alternative to the API Gateway collector (terraform/modules/ingest_api) that writes the same
records to the same Kinesis stream, so firehose_transform and profile_updater read both alike:

- ``POST /collect``: a JSON array of 1-500 contract events; each becomes one record, keyed by
  its user_id, whose data is the collector envelope around the event.
- ``POST /collect/sdk``: a "Clickstream Analytics on AWS" SDK request; the whole request becomes
  one "sdk" envelope record, keyed by the request id.
- ``GET /health``: 200 while the process serves (no AWS call).

Validation, envelope decoding and SDK decoding are the shared library's (lambda/clickstack_events,
shipped next to this package in the image). Run with ``python -m collector``; configuration is
read from the environment (collector.config).
"""
