"""Scoring benchmarks against the docs/mutu.md targets, measured side by side in one run.

    .venv/bin/python benchmarks/bench_skor.py            # district scale + national scoring
    .venv/bin/python benchmarks/bench_skor.py --cepat    # fewer repeats

Each figure is the median of several repeats after one warm-up call: wall clock, and the process CPU
time of all threads (on a busy machine the two differ; OpenBLAS threads spin when cores are shared,
so compare also with OPENBLAS_NUM_THREADS=1).
- "hitung nilai": indicator values from the demo datasets of Lampung Tengah (18.02) for one month.
- "skor": the pipeline from indicator values to pillar scores, index, maturity, ranks and audit.
- "ketidakpastian": 1,000 runs (normalisation × aggregation × imputation × ±25 % weight noise).
- National scale: the 311 demo villages' indicator rows resampled (seeded) onto all 83,762 villages of
  the official register — the pipeline's cost depends on the matrix shape, not on the values; the
  demo generator's ``skala="national"`` would take minutes to simulate every dataset for this.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
import pandas as pd

from indicators.data.demo import buat_demo
from indicators.skor import PengaturanKetidakpastian, hitung_nilai, ketidakpastian, muat_kerangka, sensitivitas, skor
from indicators.wilayah.daftar import daftar_kabupaten, daftar_wilayah


def ukur(f, ulang: int) -> tuple[float, float]:
    """Median wall-clock and median process CPU time (all threads) of ``ulang`` calls after a warm-up."""
    f()   # warm-up: imports, caches
    dinding, cpu = [], []
    for _ in range(ulang):
        t, c = time.perf_counter(), time.process_time()
        f()
        dinding.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return statistics.median(dinding), statistics.median(cpu)


def baris(tugas: str, unit: int, detik: tuple[float, float], target: float | None) -> None:
    dinding, cpu = detik
    rasio = f"{dinding / target:5.2f}×" if target else "     "
    tgt = f"{target * 1000:8.0f} ms" if target else " " * 11
    print(f"{tugas:<50} {unit:>7,} {dinding * 1000:10.1f} ms {cpu * 1000:10.1f} ms {tgt} {rasio}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cepat", action="store_true", help="fewer repeats")
    ap.add_argument("--tanpa-nasional", action="store_true", help="skip the national scale")
    a = ap.parse_args()
    ulang = 3 if a.cepat else 7
    print(f"# bench_skor — Python {platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}, "
          f"{os.cpu_count()} CPU, load {os.getloadavg()[0]:.1f}, "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', '(default)')}")
    k = muat_kerangka()
    d = buat_demo("18.02")
    print(f"{'tugas':<50} {'unit':>7} {'dinding':>13} {'CPU':>13} {'target':>11} {'rasio':>6}")
    nilai = {}
    for tingkat in ("desa", "kecamatan", "kabupaten"):
        nilai[tingkat] = hitung_nilai(d, k, "18.02", tingkat, "2026-10")
        t = ukur(lambda tingkat=tingkat: hitung_nilai(d, k, "18.02", tingkat, "2026-10"), ulang)
        baris(f"hitung nilai, kabupaten 18.02, tingkat {tingkat}", len(nilai[tingkat]), t, None)
    total = (0.0, 0.0)
    for tingkat in ("desa", "kecamatan", "kabupaten"):
        t = ukur(lambda tingkat=tingkat: skor(nilai[tingkat], k, tingkat), ulang)
        total = (total[0] + t[0], total[1] + t[1])
        baris(f"skor, tingkat {tingkat}", len(nilai[tingkat]), t, 0.05)
    baris("skor, ketiga tingkat (340 unit)", 340, total, 0.05)
    uji = PengaturanKetidakpastian(n=1000, seed=0)
    t = ukur(lambda: ketidakpastian(nilai["desa"], k, "desa", uji=uji), max(3, ulang // 2))
    baris("ketidakpastian 1.000 run, tingkat desa", 311, t, 1.0)
    t = ukur(lambda: ketidakpastian(nilai["kecamatan"], k, "kecamatan", uji=uji), max(3, ulang // 2))
    baris("ketidakpastian 1.000 run, tingkat kecamatan", 28, t, 1.0)
    t = ukur(lambda: sensitivitas(nilai["desa"], k, "desa", uji=uji), 3)
    baris("Sobol (256 × 6 = 1.536 evaluasi), tingkat desa", 311, t, None)
    if a.tanpa_nasional:
        return
    kode = [c for kab in daftar_kabupaten(None) for c in daftar_wilayah(kab, "desa")["kode_wilayah"]]
    rng = np.random.default_rng(0)
    x = nilai["desa"].to_numpy()[rng.integers(0, len(nilai["desa"]), len(kode))]
    nasional = pd.DataFrame(x, index=pd.Index(kode, name="kode_wilayah"), columns=nilai["desa"].columns)
    t = ukur(lambda: skor(nasional, k, "desa"), 3)
    baris("skor nasional (desa, nilai disampel ulang)", len(nasional), t, 1.0)
    uji100 = PengaturanKetidakpastian(n=100, seed=0)
    t = ukur(lambda: ketidakpastian(nasional, k, "desa", uji=uji100), 1)
    baris("ketidakpastian 100 run, nasional (informasi)", len(nasional), t, None)


if __name__ == "__main__":
    main()
