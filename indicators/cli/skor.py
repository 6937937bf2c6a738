"""``python -m indicators score``: the six-pillar index of every unit of a level, as CSV or JSON.

Without ``--data`` the scores come from the store (``Gudang.bawaan()``: the demo data until real
data are imported); ``--data DIR`` reads ``<dataset>.csv`` files from DIR instead (any subset, e.g.
only ``nilai_indikator.csv``), validated against ``data/skema.yaml``. Every unit of the level
appears; a pillar or index without enough data is empty, never 0.

Every method choice is an option and builds the same ``PengaturanSkor`` as the pages' method panel:
``--normalisation``, ``--aggregation``, ``--treatment``, ``--imputation`` (with ``--group-by``),
``--zscore-clip``, ``--weights FILE``. ``--levels index,pillar,element,indicator`` writes the wide
table of every level asked (``indicators.skor.keluaran``; without it: index, pillars, maturity and
coverage). Values keep full precision unless ``--decimals N``; ``--audit FILE`` writes the audit
trail (every treated, imputed, blanked or screened value) as CSV.
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
    p.add_argument("--normalisation", default="goalposts", metavar="METODE",
                   help="goalposts (bawaan), minmax, zscore, percentile, target")
    p.add_argument("--aggregation", default="aritmetika", metavar="METODE",
                   help="arithmetic (bawaan), geometric, copeland")
    p.add_argument("--treatment", default="bawaan", metavar="METODE",
                   help="perlakuan pencilan untuk normalisasi berbasis data: default (COINr), mirror, none")
    p.add_argument("--imputation", default="tidak_ada", metavar="METODE",
                   help="none (bawaan), group-median, group-mean, previous")
    p.add_argument("--group-by", default="induk", metavar="KELOMPOK",
                   help="kelompok imputasi: induk (bawaan: kecamatan/kabupaten) atau kolom profil_desa")
    p.add_argument("--zscore-clip", action="store_true", help="potong skor-z ke 0-100 (dicatat)")
    p.add_argument("--weights", metavar="BERKAS",
                   help="bobot pengganti per id (YAML/JSON id: bobot, atau CSV id,bobot)")
    p.add_argument("--levels", metavar="TINGKAT",
                   help="tabel lebar: index,pillar,element,indicator (indikator ternormalisasi dan nilai asli)")
    p.add_argument("--decimals", type=int, metavar="N", help="bulatkan ke N desimal (bawaan: presisi penuh)")
    p.add_argument("--audit", metavar="BERKAS", help="tulis jejak audit (CSV)")
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


def pengaturan_dari_argumen(args):
    """The ``PengaturanSkor`` of the command-line options (the same object the pages' method panel builds)."""
    from indicators.skor.pengaturan import PengaturanSkor, baca_bobot

    return PengaturanSkor(normalisasi=args.normalisation, agregasi=args.aggregation, perlakuan=args.treatment,
                          imputasi=args.imputation, kelompok=args.group_by, potong_zskor=args.zscore_clip,
                          bobot=baca_bobot(args.weights) if args.weights else ())


def hasil_skor(args):
    """The core's ``HasilSkor`` for parsed arguments, and the period scored."""
    from indicators.dasar.pengaturan import ambil
    from indicators.skor.kerangka import muat_kerangka
    from indicators.skor.konteks import awal_bulan, periode_terakhir
    from indicators.skor.pipeline import skor_wilayah
    from indicators.wilayah.daftar import cek_kabupaten

    kode = str(args.district or ambil("kode_kabupaten"))
    cek_kabupaten(kode)
    if args.period:
        awal_bulan(args.period)
    if args.uncertainty < 0:
        raise ValueError("--uncertainty harus >= 0")
    if args.decimals is not None and args.decimals < 0:
        raise ValueError("--decimals harus >= 0")
    p = pengaturan_dari_argumen(args)
    kerangka = muat_kerangka(args.framework)
    data = _muat_data(args)
    periode = args.period or periode_terakhir(data)
    return skor_wilayah(data, kerangka, kode, args.level, periode, p), kerangka, data, kode, periode


def tabel_skor(args) -> pd.DataFrame:
    """The output table of ``score`` for parsed arguments: ``KOLOM`` [+ ``KOLOM_KETIDAKPASTIAN``], or
    the wide table of ``--levels``."""
    from indicators.skor.keluaran import baca_tingkat, bulatkan, tabel_lebar

    tingkat = baca_tingkat(args.levels) if args.levels else None
    h, kerangka, data, kode, periode = hasil_skor(args)
    if args.audit:
        h.audit.to_csv(args.audit, index=False, lineterminator="\n")
    _laporkan(h)
    if tingkat:
        out = tabel_lebar(h, tingkat)
    else:
        t = h.skor
        out = t[["kode_wilayah", "nama", "tingkat", "periode"]].copy()
        for k in KOLOM[4:11]:
            out[k] = t[k].astype(float)
        out["kematangan"] = t["kematangan_id"].replace("", np.nan)
        out["cakupan"] = t["cakupan"].astype(float)
    if args.uncertainty:
        out = _dengan_interval(out, h, kerangka, data, kode, periode, args)
    return bulatkan(out.reset_index(drop=True), args.decimals)


def _dengan_interval(out: pd.DataFrame, h, kerangka, data, kode: str, periode: str, args) -> pd.DataFrame:
    from indicators.skor.ketidakpastian import PengaturanKetidakpastian, ketidakpastian
    from indicators.skor.pipeline import bahan_imputasi

    uji = PengaturanKetidakpastian(n=args.uncertainty, seed=args.seed)
    bahan = bahan_imputasi(data, kerangka, kode, args.level, periode, h.pengaturan)
    u = ketidakpastian(h.nilai, kerangka, args.level, h.pengaturan, uji, **bahan).peringkat.set_index("kode_wilayah")
    for k in KOLOM_KETIDAKPASTIAN:
        out[k] = out["kode_wilayah"].map(u[k]).astype("Int64")
    return out


def _laporkan(h) -> None:
    """One line on stderr for what the availability rule blanked and screening left unranked."""
    bagian = []
    for tingkat, n in h.kosong.groupby("tingkat_hierarki")["kode_wilayah"].nunique().items():
        bagian.append(f"{n} wilayah tanpa skor {tingkat} (data tidak cukup)")
    if len(h.tersaring):
        bagian.append(f"{len(h.tersaring)} wilayah tersaring (tanpa peringkat)")
    if bagian:
        sys.stderr.write("catatan: " + "; ".join(bagian) + " — rinciannya di --audit\n")


def jalankan(args) -> int:
    """Run ``score``; bad input raises ``ValueError`` (printed as ``galat: ...``, exit 2)."""
    from indicators.skor.keluaran import ke_json

    t = tabel_skor(args)
    teks = ke_json(t) if args.format == "json" else t.to_csv(index=False, lineterminator="\n")
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
