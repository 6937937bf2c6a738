"""Command line: ``python -m indicators <command> ...`` (also installed as ``dasbor``).

The operator's tool on the server. Each command lives in a module of this package named after what
it works on and registers itself through a ``pasang(subparsers)`` function; this file only lists
those modules and turns a bad input into one line and exit status 2.

May import: ``indicators.dasar``, ``indicators.wilayah``, ``indicators.data``, ``indicators.akses``,
``indicators.skor``, ``indicators.layanan``, ``indicators.aduan``, ``indicators.progres``,
``indicators.evaluasi``, ``indicators.ringkasan``, ``indicators.tampilan``, ``indicators.laporan``.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from indicators.dasar.log import atur_log

MODUL_PERINTAH = (
    "indicators.cli.dasar",   # regions, demo, validate, import, status
    "indicators.cli.skor",    # score
    "indicators.cli.aduan",   # export open311
    "indicators.cli.data",    # resolve, boundaries
    "indicators.cli.briefing",  # briefing (one-page PDF)
    "indicators.cli.pengguna",  # users (local accounts)
)


def buat_parser() -> argparse.ArgumentParser:
    # A fixed program name, not argparse's guess from sys.argv[0]: `dasbor --help` (the installed console
    # script) and `python -m indicators --help` print the same text; the latter works in a checkout too.
    parser = argparse.ArgumentParser(prog="python -m indicators", description=(
        "Dasbor kabupaten cerdas — perintah inti (terpasang dengan `pip install .` juga sebagai `dasbor`)"))
    parser.add_argument("--log", default="WARNING", choices=("DEBUG", "INFO", "WARNING", "ERROR"),
                        help="catatan ke stderr (bawaan WARNING: laporan perintah sendiri sudah di stderr; "
                             "INFO menampilkan impor, ekspor dan unggahan yang ditolak)")
    sub = parser.add_subparsers(dest="perintah", required=True)
    for nama in MODUL_PERINTAH:
        importlib.import_module(nama).pasang(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = buat_parser().parse_args(argv)
    atur_log(args.log)
    try:
        return int(args.fungsi(args) or 0)
    except ValueError as e:  # bad input: a clear message, non-zero exit, nothing changed
        print(f"galat: {e}", file=sys.stderr)
        return 2
