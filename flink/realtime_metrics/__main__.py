"""``python -m realtime_metrics --properties <file> [--wait]`` (run from flink/)."""

import sys

from .job import main

sys.exit(main())
