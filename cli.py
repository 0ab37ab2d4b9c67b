#!/usr/bin/env python3
"""Run the command line from a checkout: python cli.py --help"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from facilitation.cli import run  # noqa: E402

if __name__ == "__main__":
    run()
