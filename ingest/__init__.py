"""Sources of the ingestion fleet's container (terraform/modules/ingest_fleet).

The image ships ingest/collector/ as the top-level package ``collector`` (``python -m
collector``); in the repository the same code is ``ingest.collector``, which is how the tests
and mypy import it. Its modules import each other relatively, so both names work.
"""
