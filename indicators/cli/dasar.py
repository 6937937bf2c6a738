"""Foundation commands: ``regions``, ``demo``, ``validate``, ``import``, ``status``.

``validate`` and ``import`` take CSV or XLSX and go through the officers' import path
(:mod:`indicators.data.impor`): the dataset is recognised from the columns when not given, columns
named another way are read through declared other names, the mapping remembered for the header, or
``--map SRC=DST``; undotted codes and village names become Kemendagri codes, and names the resolver
cannot settle stop the import. ``--sheet`` picks the XLSX sheet, ``--report`` writes the per-row
report (errors and warnings) as XLSX. ``status`` only reads the store, so it runs while the app does.
"""
from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path

from indicators.dasar.pengaturan import ambil
from indicators.data import skema as _skema
from indicators.wilayah.daftar import daftar_wilayah


def _tulis(df, fmt: str, out: str | None) -> None:
    teks = df.to_json(orient="records", force_ascii=False, indent=1) if fmt == "json" else df.to_csv(index=False)
    if out:
        Path(out).write_text(teks, encoding="utf-8")
    else:
        sys.stdout.write(teks if teks.endswith("\n") else teks + "\n")


def _regions(a) -> int:
    _tulis(daftar_wilayah(a.district, a.level), a.format, a.out)
    return 0


def _demo(a) -> int:
    from indicators.data.demo import buat_demo

    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    data = buat_demo(a.district, seed=a.seed, skala=a.scale, dataset=a.dataset)
    for nama, df in data.items():
        df.to_csv(out / f"{nama}.csv", index=False, date_format="%Y-%m-%dT%H:%M:%S")
        print(f"{nama}.csv\t{len(df)} baris")
    return 0


def _laporan(galat) -> None:
    print("baris\tkolom\taturan\tnilai", file=sys.stderr)
    for r in galat.itertuples(index=False):
        print(f"{r.baris}\t{r.kolom}\t{r.aturan}\t{'' if r.nilai is None else r.nilai}", file=sys.stderr)


def _baca_valid(a, gudang=None):
    from indicators.data import pemetaan
    from indicators.data.impor import siapkan

    p = Path(a.file)
    if not p.exists():
        raise ValueError(f"berkas tidak ditemukan: {p}")
    format_tanggal = {}
    for f in a.date_format or []:
        kolom, sama, fmt = f.partition("=")
        if not sama or not kolom.strip() or not fmt.strip():
            raise ValueError(f"--date-format harus berbentuk KOLOM=FORMAT (mis. tanggal_masuk=dd/mm/yyyy), bukan {f!r}")
        format_tanggal[kolom.strip()] = fmt.strip()
    if a.map and not a.dataset:
        raise ValueError("--map memerlukan --dataset (kolom tujuan milik dataset itu)")
    peta = pemetaan.dari_argumen(a.map, a.dataset) if a.map else None
    siap = siapkan(p.read_bytes(), p.name, a.district or str(ambil("kode_kabupaten")), a.dataset,
                   peta_kolom=peta, gudang=gudang, lembar=a.sheet, format_tanggal=format_tanggal)
    for c in siap.catatan:
        print(f"{a.file}: {c}", file=sys.stderr)
    for r in siap.peringatan.itertuples(index=False):
        print(f"peringatan baris {r.baris}\t{r.kolom}\t{r.aturan}\t{'' if r.nilai is None else r.nilai}",
              file=sys.stderr)
    if siap.kolom_kurang:
        mirip = [f"{u.sumber}={t}" for t, u in siap.usulan.items() if u.cara == "mirip" and t in siap.kolom_kurang]
        print(f"{a.file}: kolom wajib tanpa kolom berkas: {', '.join(siap.kolom_kurang)}"
              + (f"; usulan dari kemiripan nama: --map {' --map '.join(mirip)}" if mirip else ""), file=sys.stderr)
    if getattr(a, "report", None):
        from indicators.laporan import ekspor

        Path(a.report).write_bytes(ekspor.ke_xlsx(siap.laporan(), "laporan", bahasa="id"))
        print(f"laporan galat dan peringatan ditulis ke {a.report}", file=sys.stderr)
    if not siap.siap:
        print(f"{a.file}: {len(siap.galat)} galat pada {siap.galat.baris.nunique()} baris; tidak ada yang diimpor",
              file=sys.stderr)
        _laporan(siap.galat)
        for kolom, info in siap.tanggal_ambigu.items():
            print(f"tanggal ambigu di kolom {kolom} (mis. {info['contoh']}): ulangi dengan "
                  f"--date-format {kolom}=dd/mm/yyyy atau --date-format {kolom}=mm/dd/yyyy", file=sys.stderr)
        if not siap.perlu_pilihan.empty:
            print("nama wilayah yang perlu dipilih (gunakan perintah resolve, atau isi kode_wilayah):",
                  file=sys.stderr)
            for r in siap.perlu_pilihan.itertuples(index=False):
                print(f"  baris {r.baris_pertama}\t{r.nama}\t{r.kecamatan}\t{r.match}\t{r.kandidat}", file=sys.stderr)
    return siap


def _validate(a) -> int:
    siap = _baca_valid(a)
    if siap.siap:
        print(f"{a.file}: {len(siap.validasi.data)} baris valid untuk dataset {siap.dataset}"
              + (f"; {len(siap.peringatan)} peringatan" if len(siap.peringatan) else ""))
    return 0 if siap.siap else 1


def _import(a) -> int:
    from indicators.data.gudang import Gudang
    from indicators.data.impor import jalankan, rencana, ringkas_rencana

    g = Gudang(a.store) if a.store else Gudang.bawaan()
    siap = _baca_valid(a, g)
    if not siap.siap:
        return 1
    kode = a.district or g.meta("kode_kabupaten") or str(ambil("kode_kabupaten"))
    for k in ringkas_rencana(rencana(siap, g), kode):
        print(f"rencana: {k}", file=sys.stderr)
    r = jalankan(siap, g, pengguna=getpass.getuser(), peran="admin")  # the operator on the server acts as admin
    if not r.berubah:
        print(f"tidak ada yang berubah: {r.baris} baris {siap.dataset} sama dengan yang sudah tersimpan")
        return 0
    print(f"diimpor {r.baris} baris ke {siap.dataset}: {r.baru} baru, {r.diperbarui} diperbarui, "
          f"{r.sama} sama (dilewati)" + (f", {r.dihapus} baris bulan yang sama dihapus" if r.dihapus else "")
          + (f"; {r.demo_dihapus} baris data demo dataset ini diganti" if r.ganti_demo else ""))
    return 0


def _status(a) -> int:
    from indicators.data.gudang import Gudang

    g = Gudang(a.store) if a.store else Gudang.bawaan()
    st = g.status()
    kode = st["kode_kabupaten"] or str(ambil("kode_kabupaten"))
    st["batas"] = {t: g.batas_tersimpan(kode, t) for t in ("kecamatan", "desa")}
    if a.format == "json":
        print(json.dumps(st, ensure_ascii=False, indent=1))
    else:
        print("dataset\tbaris\tsumber\tdesa\tbulan\timpor_terakhir")
        for nama, v in st["datasets"].items():
            desa = f"{v['villages_covered']}/{v['villages_total']}" if "villages_covered" in v else "-"
            m = v["periods"]
            bulan = f"{m['first']}..{m['last']} ({m['months']})" if m else "-"
            print(f"{nama}\t{v['rows']}\t{v['sumber']}\t{desa}\t{bulan}\t{v['last_import'] or '-'}")
        for t, v in st["batas"].items():
            print(f"batas_{t}\t{v['matched'] if v else 0}\t{v['waktu'] if v else '-'}")
    return 0


def pasang(sub) -> None:
    p = sub.add_parser("regions", help="daftar wilayah resmi Kemendagri")
    p.add_argument("--district", default="18.02")
    p.add_argument("--level", choices=["kabupaten", "kecamatan", "desa"], default="desa")
    p.add_argument("--format", choices=["csv", "json"], default="csv")
    p.add_argument("--out")
    p.set_defaults(fungsi=_regions)

    p = sub.add_parser("demo", help="tulis data demo tersimulasi, satu CSV per dataset")
    p.add_argument("--district", default="18.02")
    p.add_argument("--seed", type=int)
    p.add_argument("--scale", choices=["district", "province", "national"], default="district")
    p.add_argument("--dataset", action="append", help="hanya dataset ini (boleh berulang)")
    p.add_argument("--out", required=True)
    p.set_defaults(fungsi=_demo)

    for nama, fungsi, bantuan in (("validate", _validate, "periksa berkas terhadap skema dataset"),
                                  ("import", _import, "impor berkas ke gudang data (semua atau tidak sama sekali)")):
        p = sub.add_parser(nama, help=bantuan)
        p.add_argument("file", help="CSV atau XLSX")
        p.add_argument("--dataset", choices=sorted(_skema.muat_skema()), help="bawaan: dikenali dari kolom berkas")
        p.add_argument("--district", help="kode kabupaten/kota untuk kode dan nama wilayah (bawaan: pengaturan)")
        p.add_argument("--sheet", help="lembar XLSX: nama atau urutan (1 = pertama); "
                                       "bawaan: lembar pertama yang berisi data")
        p.add_argument("--date-format", action="append", metavar="KOLOM=FORMAT",
                       help="format kolom tanggal yang ambigu: dd/mm/yyyy atau mm/dd/yyyy (boleh berulang)")
        p.add_argument("--map", action="append", default=[], metavar="KOLOM_BERKAS=KOLOM_DATASET",
                       help="baca kolom berkas sebagai kolom dataset (boleh berulang; perlu --dataset), "
                            "mis. --map tgl_masuk=tanggal_masuk; kolom lain yang tidak dikenal diabaikan")
        p.add_argument("--report", help="tulis laporan galat dan peringatan per baris ke berkas .xlsx ini")
        if nama == "import":
            p.add_argument("--store", help="berkas DuckDB (bawaan: pengaturan path_gudang)")
        p.set_defaults(fungsi=fungsi)

    p = sub.add_parser("status", help="isi gudang data per dataset: baris, desa tercakup, bulan, nyata/tersimulasi "
                                      "(boleh dijalankan saat aplikasi berjalan)")
    p.add_argument("--store")
    p.add_argument("--format", choices=["json", "text"], default="text")
    p.set_defaults(fungsi=_status)
