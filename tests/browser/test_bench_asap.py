"""The page benchmark still runs (issue 16): ``benchmarks/bench_halaman.py --asap`` — one change per
interaction on every page, one first paint — completes against a real server in Chromium and prints a
measured time and ratio for every interaction of every page, the server's memory and every page's first
paint. No thresholds here: the targets are the benchmark's (benchmarks/HASIL.md); this keeps the
benchmark from rotting (its widgets are found by their labels, which change with the pages)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import browser_unavailable_reason, on_ci

_reason = browser_unavailable_reason()
if _reason and not on_ci():
    pytest.skip(_reason, allow_module_level=True)

pytestmark = pytest.mark.browser

AKAR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(AKAR / "benchmarks"))
HALAMAN = ["", "pilar", "layanan-desa", "aduan-jalan", "progres", "evaluasi", "metodologi", "data"]
ANGKA = r"(\d+,\d+)"


def test_bench_halaman_asap_mengukur_setiap_halaman():
    from bench_halaman import _aksi_halaman

    r = subprocess.run([sys.executable, str(AKAR / "benchmarks" / "bench_halaman.py"), "--asap"],
                       cwd=AKAR, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    keluar = r.stdout
    for h, aksi in _aksi_halaman().items():
        for a in aksi:
            m = re.search(rf"^/{re.escape(h)} {re.escape(a.nama())}\s+{ANGKA} s\s+{ANGKA}×", keluar, re.M)
            assert m, f"no measurement of /{h} {a.nama()} in:\n{keluar}"
            assert float(m[1].replace(",", ".")) > 0 and float(m[2].replace(",", ".")) > 0
    assert re.search(r"^memori server app setelah semua halaman\s+[\d.]+ MB", keluar, re.M), keluar
    for h in HALAMAN:
        if h != "data":
            assert re.search(rf"^cat pertama: /{re.escape(h)}\s+{ANGKA} s\s+{ANGKA}×", keluar, re.M), (h, keluar)
