"""Managed Flink launcher: the application's ``python`` run option points at this file.

The artifact is a zip of this folder's ``main.py`` and ``realtime_metrics/`` at its root.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from realtime_metrics.job import main

if __name__ == "__main__":
    sys.exit(main())
