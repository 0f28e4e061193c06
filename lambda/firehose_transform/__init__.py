"""Firehose data-transformation Lambda: collector envelopes -> normalised newline-delimited JSON."""
