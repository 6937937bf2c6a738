"""Build the shipped demo geography (data/geo/) from the shared reference folders.

    .venv/bin/python scripts/bangun_geografi.py [--referensi ../shared/reference]

Writes, deterministically (gzip mtime 0, sorted rows, coordinates rounded to 5 decimals ≈ 1 m):
- ``data/geo/kecamatan/NN.geojson.gz``: every kecamatan polygon of province NN (``kode`` property only;
  names come from the official register at run time);
- ``data/geo/desa_pusat.csv.gz``: every village centre (``kode, lat, lon``), copied as-is;
- ``data/geo/batas/KKKK_kecamatan.geojson.gz`` and ``KKKK_desa.geojson.gz`` for 18.02 and 52.02 (the
  real village polygons and the kecamatan dissolved from them), gzipped as-is;
- the source's MIT licence beside them. ``data/geo/SUMBER.md`` is written by hand.
Run once when the reference data changes; the result is committed, this script is how it was made.
"""
from __future__ import annotations

import argparse
import gzip
import json
import shutil
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

AKAR = Path(__file__).resolve().parents[1]
TUJUAN = AKAR / "data" / "geo"
BATAS = ("1802", "5202")


def tulis_gz(path: Path, isi: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0, compresslevel=9, filename="") as gz:
        gz.write(isi)


def bulatkan(geom, desimal: int = 5):
    return shapely.set_precision(geom, 10.0 ** -desimal, mode="valid_output")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--referensi", type=Path, default=AKAR.parent / "shared" / "reference")
    a = ap.parse_args()
    indo, geo = a.referensi / "indonesia", a.referensi / "geo"

    kec = gpd.read_file(indo / "kecamatan.gpkg").sort_values("kode", ignore_index=True)
    geom = shapely.make_valid(bulatkan(kec.geometry.array))
    kosong = shapely.is_empty(geom) | ~shapely.is_valid(geom)
    if kosong.any():
        raise SystemExit(f"pembulatan merusak {int(kosong.sum())} kecamatan")
    kec["geometry"] = geom
    for prov, bagian in kec.groupby("kode_provinsi", sort=True):
        fitur = [{"type": "Feature", "properties": {"kode": k}, "geometry": json.loads(shapely.to_geojson(g))}
                 for k, g in zip(bagian["kode"], bagian.geometry.array, strict=True)]
        teks = json.dumps({"type": "FeatureCollection", "features": fitur}, separators=(",", ":"))
        tulis_gz(TUJUAN / "kecamatan" / f"{prov}.geojson.gz", teks.encode())
    shutil.copyfile(indo / "desa_pusat.csv.gz", TUJUAN / "desa_pusat.csv.gz")
    for kab in BATAS:
        for tingkat in ("kecamatan", "desa"):
            tulis_gz(TUJUAN / "batas" / f"{kab}_{tingkat}.geojson.gz", (geo / f"{kab}_{tingkat}.geojson").read_bytes())
    shutil.copyfile(indo / "LICENSE-cahyadsn-wilayah_boundaries.txt",
                    TUJUAN / "LICENSE-cahyadsn-wilayah_boundaries.txt")
    ukuran = sum(p.stat().st_size for p in TUJUAN.rglob("*") if p.is_file())
    n_titik = int(np.sum(shapely.get_num_coordinates(kec.geometry.array)))
    print(f"{len(kec)} kecamatan ({n_titik} titik) dalam {kec['kode_provinsi'].nunique()} berkas provinsi; "
          f"data/geo/ {ukuran:,} B")


if __name__ == "__main__":
    main()
