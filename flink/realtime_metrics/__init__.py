"""clickstack real-time metrics: a PyFlink Table API job over the collector's Kinesis stream."""
