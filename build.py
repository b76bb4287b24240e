#!/usr/bin/env python3
"""Entry point: ``python build.py [ingest|build|serve|deploy|check] [options]``."""

import sys

from generator.cli import main

if __name__ == "__main__":
    sys.exit(main())
