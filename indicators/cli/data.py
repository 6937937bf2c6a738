"""Data commands: ``resolve`` (names → Kemendagri codes), ``boundaries`` (a boundary file's report,
and with ``--store`` the boundaries saved for every map) and ``roads`` (a road file's report: segments,
km by authority, what was refused; with ``--store`` the segments stored as ``ruas_jalan``)."""
from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path

from indicators.data.berkas import baca_tabel
from indicators.laporan import ekspor


def _resolve(a) -> int:
    from indicators.wilayah.resolver import resolusi

    df = baca_tabel(a.file)
    out = resolusi(df, a.district, a.name_col, a.kecamatan_col, a.level)
    isi = ekspor.ke_xlsx(out) if a.out and a.out.lower().endswith(".xlsx") else ekspor.ke_csv(out)
    if a.out:
        Path(a.out).write_bytes(isi)
    else:
        sys.stdout.write(isi.decode("utf-8"))
    n = out["match"].value_counts()
    terbuka = int(n.get("ambiguous", 0) + n.get("unmatched", 0))
    print(f"{len(out)} baris: " + ", ".join(f"{int(n.get(m, 0))} {m}" for m in ("exact", "fuzzy", "ambiguous",
                                                                                 "unmatched"))
          + (f"; {terbuka} perlu ditinjau (kolom kandidat)" if terbuka else ""), file=sys.stderr)
    return 1 if terbuka else 0


def _boundaries(a) -> int:
    from indicators.data.impor import baca_batas_unggahan

    p = Path(a.file)
    if not p.exists():
        raise ValueError(f"berkas tidak ditemukan: {p}")
    gdf, lap, tingkat = baca_batas_unggahan(p.read_bytes(), p.name, a.district, a.level)
    lap = {"level": tingkat, **lap}
    if a.store:
        from indicators.data.gudang import Gudang

        g = Gudang(a.store)
        try:
            lap["stored"] = str(g.simpan_batas(gdf, tingkat, a.district, lap, berkas=p.name,
                                               pengguna=getpass.getuser(), peran="admin"))
        finally:
            g.tutup()
    if a.format == "json":
        print(json.dumps(lap, ensure_ascii=False, indent=1, default=str))
    else:
        print(f"{lap['matched']} cocok, {len(lap['unmatched'])} fitur tanpa pasangan, "
              f"{len(lap['missing'])} unit tanpa batas; kode: {lap['code_system']} ({lap['code_column']}); "
              f"CRS {lap['crs']}" + (f"; disimpan: {lap['stored']}" if a.store else ""))
        for k in ("unmatched", "missing", "swapped_latlon", "invalid_repaired", "outside_indonesia", "duplicates"):
            if lap[k]:
                print(f"{k}\t{', '.join(map(str, lap[k]))}")
    return 0


def _roads(a) -> int:
    from indicators.data.impor_jalan import baca_jalan_unggahan

    p = Path(a.file)
    if not p.exists():
        raise ValueError(f"berkas tidak ditemukan: {p}")
    ruas, lap = baca_jalan_unggahan(p.read_bytes(), p.name, a.district, a.map)
    if a.store:
        from indicators.data.gudang import Gudang

        g = Gudang(a.store)
        try:
            r = g.impor(ruas, "ruas_jalan", berkas=p.name, pengguna=getpass.getuser())
            lap["stored"] = {"baru": r.baru, "diperbarui": r.diperbarui, "sama": r.sama}
        finally:
            g.tutup()
    if a.format == "json":
        print(json.dumps(lap, ensure_ascii=False, indent=1, default=str))
    else:
        km = lap["km_per_status"]
        print(f"{lap['segments']} ruas dibaca dari {lap['features']} fitur, {len(lap['ditolak'])} ditolak; "
              + ", ".join(f"{k} {v:.1f} km" for k, v in km.items()) + f"; CRS {lap['crs']}"
              + (f"; disimpan: {lap['stored']}" if a.store else ""))
        for c in lap["catatan"]:
            print(f"catatan\t{c}")
        for d in lap["ditolak"]:
            print(f"ditolak\tfitur {d['fitur']}\t{d['alasan']}")
    return 0


def pasang(sub) -> None:
    p = sub.add_parser("resolve", help="cocokkan nama desa/kecamatan ke kode Kemendagri")
    p.add_argument("file", help="CSV atau XLSX")
    p.add_argument("--district", required=True, help="kode kabupaten/kota, mis. 18.02")
    p.add_argument("--name-col", required=True, help="kolom nama desa (atau kecamatan dengan --level kecamatan)")
    p.add_argument("--kecamatan-col", help="kolom nama atau kode kecamatan (mempersempit pencarian)")
    p.add_argument("--level", choices=["desa", "kecamatan"], default="desa")
    p.add_argument("--out", help="berkas keluaran .csv atau .xlsx (bawaan: stdout CSV)")
    p.set_defaults(fungsi=_resolve)

    p = sub.add_parser("boundaries", help="periksa berkas batas wilayah (dan simpan dengan --store)")
    p.add_argument("file", help="GeoJSON, GeoPackage atau Shapefile dalam .zip; CRS apa pun")
    p.add_argument("--district", required=True, help="kode kabupaten/kota, mis. 18.02")
    p.add_argument("--level", choices=["kecamatan", "desa"], help="bawaan: dikenali dari isinya")
    p.add_argument("--format", choices=["json", "text"], default="json")
    p.add_argument("--store", help="berkas DuckDB: simpan batas ini untuk semua peta")
    p.set_defaults(fungsi=_boundaries)

    p = sub.add_parser("roads", help="baca berkas jaringan jalan (garis) sebagai ruas_jalan (simpan dengan --store)")
    p.add_argument("file", help="GeoJSON, GeoPackage atau Shapefile dalam .zip; CRS apa pun; garis saja")
    p.add_argument("--district", required=True, help="kode kabupaten/kota, mis. 18.02")
    p.add_argument("--map", action="append", default=[], metavar="SRC=DST",
                   help="kolom berkas SRC dibaca sebagai kolom ruas_jalan DST (boleh berulang)")
    p.add_argument("--format", choices=["json", "text"], default="json")
    p.add_argument("--store", help="berkas DuckDB: simpan ruas ke dataset ruas_jalan")
    p.set_defaults(fungsi=_roads)
