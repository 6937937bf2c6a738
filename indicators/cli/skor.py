"""``python -m indicators score``: the six-pillar index of every unit of a level, as CSV or JSON.

Without ``--data`` the scores come from the store (``Gudang.bawaan()``: the demo data until real
data are imported); ``--data DIR`` reads ``<dataset>.csv`` files from DIR instead (any subset, e.g.
only ``nilai_indikator.csv``), validated against ``data/skema.yaml``. Every unit of the level
appears; a pillar or index without enough data is empty, never 0. Scores are rounded to 2 decimals.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

KOLOM = ["kode_wilayah", "nama", "tingkat", "periode", "indeks", "governance", "branding", "economy", "living",
         "society", "environment", "kematangan", "cakupan"]
KOLOM_KETIDAKPASTIAN = ["peringkat", "peringkat_median", "peringkat_p05", "peringkat_p95"]


def pasang(subparsers) -> None:
    """Register the ``score`` command on the main parser's subparsers."""
    p = subparsers.add_parser("score", help="hitung indeks enam pilar per wilayah (CSV/JSON)",
                              description="Indeks kabupaten cerdas enam pilar per desa, kecamatan atau kabupaten.")
    p.add_argument("--district", help="kode Kemendagri kabupaten/kota (bawaan: pengaturan kode_kabupaten)")
    p.add_argument("--framework", help="berkas kerangka YAML (bawaan: data/kerangka.yaml)")
    p.add_argument("--data", help="folder berisi <dataset>.csv (bawaan: gudang data)")
    p.add_argument("--level", default="kecamatan", choices=["desa", "kecamatan", "kabupaten"])
    p.add_argument("--period", help="bulan YYYY-MM (bawaan: bulan terakhir dalam data)")
    p.add_argument("--uncertainty", type=int, default=0, metavar="N", help="jumlah run analisis ketidakpastian")
    p.add_argument("--seed", type=int, default=0, help="seed analisis ketidakpastian")
    p.add_argument("--format", default="csv", choices=["csv", "json"])
    p.add_argument("--out", help="berkas keluaran (bawaan: layar)")
    p.set_defaults(fungsi=jalankan)


def _baca_folder(folder: Path) -> dict[str, pd.DataFrame]:
    """Every ``<dataset>.csv`` of ``folder``, validated; ``ValueError`` with the first problems."""
    from indicators.data.berkas import baca_tabel
    from indicators.data.skema import muat_skema, validasi

    if not folder.is_dir():
        raise ValueError(f"folder data tidak ditemukan: {folder}")
    data = {}
    for nama in muat_skema():
        berkas = folder / f"{nama}.csv"
        if not berkas.is_file():
            continue
        hasil = validasi(baca_tabel(berkas, batas_byte=berkas.stat().st_size + 1), nama)
        if not hasil.valid:
            contoh = "; ".join(f"baris {r.baris} kolom {r.kolom}: {r.aturan}" for r in hasil.galat.head(5).itertuples())
            raise ValueError(f"{berkas.name}: {len(hasil.galat)} masalah, mis. {contoh}")
        data[nama] = hasil.data
    if not data:
        raise ValueError(f"tidak ada berkas <dataset>.csv yang dikenal di {folder}")
    return data


def _muat_data(args) -> dict[str, pd.DataFrame]:
    """The datasets to score: ``--data DIR`` or the store (demo data until real data are imported)."""
    if args.data:
        return _baca_folder(Path(args.data))
    from indicators.data.gudang import Gudang
    from indicators.data.skema import muat_skema

    g = Gudang.bawaan()
    return {nama: g.baca(nama) for nama in muat_skema()}


def tabel_skor(args) -> pd.DataFrame:
    """The output table of ``score`` for parsed arguments (columns ``KOLOM`` [+ ``KOLOM_KETIDAKPASTIAN``])."""
    from indicators.dasar.pengaturan import ambil
    from indicators.skor.hitung import hitung_nilai
    from indicators.skor.kerangka import muat_kerangka
    from indicators.skor.ketidakpastian import PengaturanKetidakpastian, ketidakpastian
    from indicators.skor.konteks import awal_bulan, periode_terakhir
    from indicators.skor.pipeline import skor
    from indicators.wilayah.daftar import cek_kabupaten, daftar_wilayah

    kode = str(args.district or ambil("kode_kabupaten"))
    cek_kabupaten(kode)
    if args.period:
        awal_bulan(args.period)
    if args.uncertainty < 0:
        raise ValueError("--uncertainty harus >= 0")
    kerangka = muat_kerangka(args.framework)
    data = _muat_data(args)
    periode = args.period or periode_terakhir(data)
    catatan: list = []
    nilai = hitung_nilai(data, kerangka, kode, args.level, periode, catatan=catatan)
    h = skor(nilai, kerangka, args.level, catatan=catatan)
    t = h.skor
    nama = daftar_wilayah(kode, args.level).set_index("kode_wilayah")["nama"]
    out = pd.DataFrame({"kode_wilayah": t["kode_wilayah"], "nama": t["kode_wilayah"].map(nama),
                        "tingkat": args.level, "periode": periode})
    for k in KOLOM[4:11]:
        out[k] = t[k].astype(float).round(2)
    out["kematangan"] = t["kematangan_id"].replace("", np.nan)
    out["cakupan"] = t["cakupan"].astype(float).round(2)
    if args.uncertainty:
        uji = PengaturanKetidakpastian(n=args.uncertainty, seed=args.seed)
        u = ketidakpastian(nilai, kerangka, args.level, uji=uji).peringkat.set_index("kode_wilayah")
        for k in KOLOM_KETIDAKPASTIAN:
            out[k] = out["kode_wilayah"].map(u[k]).astype("Int64")
    return out


def jalankan(args) -> int:
    """Run ``score``; bad input raises ``ValueError`` (printed as ``galat: ...``, exit 2)."""
    t = tabel_skor(args)
    if args.format == "json":
        teks = t.to_json(orient="records", force_ascii=False, indent=1) + "\n"
    else:
        teks = t.to_csv(index=False, lineterminator="\n")
    if args.out:
        Path(args.out).write_text(teks, encoding="utf-8")
    else:
        sys.stdout.write(teks)
    return 0


if __name__ == "__main__":  # pragma: no cover - convenience
    parser = argparse.ArgumentParser(prog="score")
    pasang(parser.add_subparsers(dest="perintah", required=True))
    a = parser.parse_args(["score", *sys.argv[1:]])
    raise SystemExit(a.fungsi(a))
