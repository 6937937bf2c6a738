"""Snapping complaints to the road network (indicators.aduan.tambat.tambat) at scale.

The network is the demo network of one district (SIMULATED lines, about a thousand segments for
18.02); the complaints are N points drawn on and near those lines (uniform along a random segment,
then moved 0–60 m in a random direction, so some fall beyond the 30 m limit). Prints the median wall
time and CPU time of R repeats after one warm-up, per N, with the share snapped.

    .venv/bin/python benchmarks/bench_jalan.py [--district 18.02] [--n 1000000] [--ulang 3]
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from indicators.aduan.tambat import tambat
from indicators.data.demo import buat_demo
from indicators.wilayah.jalan import crs_metrik, jaringan


def titik(net: gpd.GeoDataFrame, n: int, rng: np.random.Generator) -> pd.DataFrame:
    m = crs_metrik(net.geometry)
    g = net.to_crs(m).geometry.array
    si = rng.integers(0, len(g), n)
    p = shapely.get_coordinates(shapely.line_interpolate_point(g[si], rng.random(n), normalized=True))
    sudut, jarak = rng.uniform(0, 2 * np.pi, n), rng.uniform(0, 60, n)
    p += np.c_[np.cos(sudut), np.sin(sudut)] * jarak[:, None]
    ll = gpd.GeoSeries.from_xy(p[:, 0], p[:, 1], crs=m).to_crs(4326)
    return pd.DataFrame({"id_aduan": np.arange(n).astype(str), "lat": ll.y.to_numpy(), "lon": ll.x.to_numpy(),
                         "nama_ruas": None, "status_jalan": None})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--district", default="18.02")
    ap.add_argument("--n", type=int, action="append", help="jumlah aduan (boleh berulang); bawaan 10k, 100k, 1M")
    ap.add_argument("--ulang", type=int, default=3)
    a = ap.parse_args()
    net = jaringan(buat_demo(a.district, dataset=["ruas_jalan"])["ruas_jalan"])
    rng = np.random.default_rng(14)
    print(f"# bench_jalan — Python {platform.python_version()}, geopandas {gpd.__version__}, shapely "
          f"{shapely.__version__}, {os.cpu_count()} CPU, load {os.getloadavg()[0]:.1f}; jaringan {a.district}: "
          f"{len(net)} ruas, {len(shapely.get_coordinates(net.geometry.array))} titik sudut")
    print(f"{'aduan':>10} {'dinding (median)':>17} {'CPU (median)':>13} {'per 1 juta':>11} {'tertambat':>10}")
    for n in a.n or [10_000, 100_000, 1_000_000]:
        df = titik(net, n, rng)
        tambat(df.head(1000), net, 30)  # warm-up
        dinding, cpu = [], []
        for _ in range(a.ulang):
            t0, c0 = time.perf_counter(), time.process_time()
            hasil = tambat(df, net, 30)
            dinding.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        md = statistics.median(dinding)
        print(f"{n:>10,} {md:>15.2f} s {statistics.median(cpu):>11.2f} s {md / n * 1e6:>9.2f} s "
              f"{hasil['id_ruas'].notna().mean():>9.1%}")


if __name__ == "__main__":
    main()
