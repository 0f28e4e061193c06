"""`make demo`: realistic clickstream traffic through the platform on the local AWS.

The local AWS (moto) stores what Terraform created but does not run API Gateway integrations,
Lambda, Firehose or Glue. The demo does what AWS would, with the project's real code: the
deployed API's request model and mapping templates (read back from the local AWS) turn requests
into Kinesis records; the Kinesis event source mapping and Firehose are emulated around the real
profile_updater and firehose_transform handlers; the real Glue job turns the raw zone into the
curated zone; DuckDB over the curated Parquet stands in for Athena and runs the shipped named
queries. Every event sent is accounted for in the report.
"""
