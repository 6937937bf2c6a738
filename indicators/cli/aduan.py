"""Road-complaint commands: ``export open311`` (GeoReport v2 service requests as a JSON list).

    python -m indicators export open311 [--out FILE] [--store FILE] [--status open|closed] [--lang id|en]
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
