"""XLSX readers on the demo's Smart Netizen sheet (55k rows): python-calamine against openpyxl.

Prints what it measured: the median wall time of N repeats (after one warm-up) for
- openpyxl through pandas (``pd.read_excel(engine="openpyxl", dtype=str)``, the reader before),
- python-calamine raw (workbook → sheet → Python rows), in this process,
- the front door end to end (``indicators.data.berkas.baca_berkas``: checks, the bounded child process,
  text cells, header search, frame),
and the peak resident memory of the child (from ``resource.getrusage(RUSAGE_CHILDREN)``).

    .venv/bin/python benchmarks/bench_berkas.py [--ulang 5]
"""
from __future__ import annotations

import argparse
import io
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd
from python_calamine import CalamineWorkbook

from indicators.data.berkas import baca_berkas
from indicators.data.demo import buat_demo
from indicators.laporan.ekspor import ke_xlsx


def _ukur(f, ulang: int) -> float:
    f()
    kali = []
    for _ in range(ulang):
        t = time.perf_counter()
        f()
        kali.append(time.perf_counter() - t)
    return statistics.median(kali)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ulang", type=int, default=5)
    a = ap.parse_args()
    df = buat_demo("18.02", dataset=["layanan_permohonan"])["layanan_permohonan"]
    isi = ke_xlsx(df)
    baris, ukuran = f"{len(df):,}".replace(",", "."), f"{len(isi):,}".replace(",", ".")
    print(f"# bench_berkas — Python {platform.python_version()}, pandas {pd.__version__}, {os.cpu_count()} CPU, "
          f"load {os.getloadavg()[0]:.1f}; sheet {baris} rows × {df.shape[1]} columns, XLSX {ukuran} bytes")

    def calamine():
        s = CalamineWorkbook.from_filelike(io.BytesIO(isi)).get_sheet_by_index(0)
        return s.to_python()

    hasil = {
        "openpyxl (pd.read_excel dtype=str)": _ukur(lambda: pd.read_excel(io.BytesIO(isi), dtype=str,
                                                                          engine="openpyxl"), max(1, a.ulang // 2)),
        "python-calamine, baris Python": _ukur(calamine, a.ulang),
        "baca_berkas (proses anak terbatas)": _ukur(lambda: baca_berkas(isi, "layanan.xlsx"), a.ulang),
    }
    dasar = hasil["openpyxl (pd.read_excel dtype=str)"]
    print(f"{'pembaca':40s} {'median':>10s} {'vs openpyxl':>12s}")
    for k, v in hasil.items():
        print(f"{k:40s} {v:9.2f}s {dasar / v:11.1f}×")
    anak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"puncak memori proses anak pembaca XLSX: {anak:.0f} MB")


if __name__ == "__main__":
    main()
