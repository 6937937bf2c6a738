"""Road-complaint commands: ``export open311`` (GeoReport v2 service requests as a JSON list) and
``export complaints`` (complaints snapped to the road network, as a viewer may see them).

    python -m indicators export open311 [--out FILE] [--store FILE] [--status open|closed] [--lang id|en]
    python -m indicators export complaints --out FILE.csv|.geojson|.gpkg [--store FILE] [--role publik]
"""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path


def _open311(a) -> int:
    from indicators.aduan import open311 as aduan_open311
    from indicators.aduan import siapan as aduan
    from indicators.akses import privasi
    from indicators.dasar.pengaturan import ambil
    from indicators.data.gudang import Gudang

    g = Gudang(a.store) if a.store else Gudang.bawaan()
    kode = g.meta("kode_kabupaten") or str(ambil("kode_kabupaten"))
    mentah = g.baca("aduan_jalan")
    if mentah.empty:
        raise ValueError("gudang tidak berisi aduan_jalan: tidak ada yang diekspor")
    # the export is public: protected with the viewer role before anything else reads it
    df = aduan.siapkan(privasi.lindungi(mentah, "aduan_jalan", "publik"), g.baca("aduan_jalan_riwayat"), kode)
    permintaan = aduan_open311.ke_open311(df, g.baca("aduan_jalan_riwayat"), kode, a.lang)
    if a.status:
        permintaan = [p for p in permintaan if p["status"] == a.status]
    teks = aduan_open311.ke_json(permintaan)
    g.catat_audit("ekspor", getpass.getuser(), "aduan_jalan", f"open311 {len(permintaan)} permintaan", "admin")
    if a.out:
        Path(a.out).write_text(teks + "\n", encoding="utf-8")
        print(f"{len(permintaan)} permintaan layanan GeoReport v2 ditulis ke {a.out}", file=sys.stderr)
    else:
        sys.stdout.write(teks + "\n")
    return 0


def _complaints(a) -> int:
    import shapely

    from indicators.aduan.tambat import aduan_untuk_ekspor, terlalu_jauh
    from indicators.data.demo import KETERANGAN
    from indicators.data.gudang import Gudang
    from indicators.laporan import ekspor

    ext = Path(a.out).suffix.lower()
    if ext not in (".csv", ".geojson", ".gpkg"):
        raise ValueError(f"--out harus berakhiran .csv, .geojson atau .gpkg, bukan {ext or '(tanpa ekstensi)'}")
    g = Gudang(a.store) if a.store else Gudang.bawaan()
    mentah = g.baca("aduan_jalan")
    if mentah.empty:
        raise ValueError("gudang tidak berisi aduan_jalan: tidak ada yang diekspor")
    ruas = g.baca("ruas_jalan")
    df = aduan_untuk_ekspor(mentah, ruas, a.role)
    if {"aduan_jalan", "ruas_jalan"} & g.dataset_demo():
        df["sumber_data"] = KETERANGAN["id"]
    if ext == ".csv":
        isi = ekspor.ke_csv(df)
    else:
        titik = shapely.points(df["lon"].astype(float), df["lat"].astype(float))
        titik[~(df["jarak_ruas_m"].notna() | df["id_ruas"].notna()).to_numpy()] = None  # unusable points
        isi = (ekspor.ke_geojson(df, titik, None) if ext == ".geojson"
               else ekspor.ke_gpkg(df, titik, "aduan_jalan", None))
    Path(a.out).write_bytes(isi)
    g.catat_audit("ekspor", "cli", "aduan_jalan", f"complaints {len(df)} aduan ({a.role}) ke {Path(a.out).name}")
    jauh = terlalu_jauh(df)
    print(f"{len(df)} aduan ditulis ke {a.out}: {int(df['id_ruas'].notna().sum())} tertambat ke ruas "
          f"(≤ {df.attrs.get('jarak_tambat_m', '')} m), {len(jauh)} terlalu jauh dari ruas mana pun; "
          f"kewenangan dari jaringan {int((df['status_jalan_sumber'] == 'jaringan').sum())}, "
          f"berbeda dengan laporan {int((df['status_jalan_sumber'] == 'beda').sum())}", file=sys.stderr)
    return 0


def _sub_ekspor(sub) -> argparse._SubParsersAction:
    """The ``export`` command's own sub-commands, shared with any other module that adds one."""
    p = sub.choices.get("export") or sub.add_parser("export", help="ekspor data ke format pertukaran")
    for aksi in p._actions:
        if isinstance(aksi, argparse._SubParsersAction):
            return aksi
    return p.add_subparsers(dest="format_ekspor", required=True)


def pasang(sub) -> None:
    p = _sub_ekspor(sub).add_parser("open311",
                                    help="aduan jalan sebagai permintaan layanan Open311 GeoReport v2 (JSON)")
    p.add_argument("--out", help="berkas JSON tujuan (bawaan: keluaran standar)")
    p.add_argument("--store", help="berkas DuckDB (bawaan: pengaturan path_gudang)")
    p.add_argument("--status", choices=["open", "closed"], help="hanya permintaan dengan status ini")
    p.add_argument("--lang", choices=["id", "en"], default="id", help="bahasa nama layanan dan catatan status")
    p.set_defaults(fungsi=_open311)

    p = _sub_ekspor(sub).add_parser("complaints", help="aduan jalan ditambatkan ke jaringan jalan (CSV/GeoJSON/GPKG)")
    p.add_argument("--out", required=True, help="berkas tujuan: .csv, .geojson atau .gpkg")
    p.add_argument("--store", help="berkas DuckDB (bawaan: pengaturan path_gudang)")
    p.add_argument("--role", choices=["publik", "petugas", "admin"], default="publik",
                   help="peran pembaca: data pribadi dihapus (publik), disamarkan (petugas) atau utuh (admin)")
    p.set_defaults(fungsi=_complaints)
