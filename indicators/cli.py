"""Command line: ``python -m indicators <command> ...``.

Each command lives in the module that owns its logic and registers itself through a
``pasang(subparsers)`` function; this file only lists those modules.
"""
from __future__ import annotations

import argparse
import importlib
import sys

MODUL_PERINTAH = (
    "indicators.cli_dasar",   # regions, demo, validate, import, status
    "indicators.skor.cli",    # score
    "indicators.cli_aduan",   # export open311
    "indicators.cli_data",    # resolve, boundaries
    "indicators.cli_briefing",  # briefing (one-page PDF)
)


def buat_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m indicators", description="Dasbor kabupaten cerdas — perintah inti")
    sub = parser.add_subparsers(dest="perintah", required=True)
    for nama in MODUL_PERINTAH:
        importlib.import_module(nama).pasang(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = buat_parser().parse_args(argv)
    try:
        return int(args.fungsi(args) or 0)
    except ValueError as e:  # bad input: a clear message, non-zero exit, nothing changed
        print(f"galat: {e}", file=sys.stderr)
        return 2
