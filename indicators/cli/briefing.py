"""``python -m indicators briefing``: the one-page briefing PDF of a district and period.

The same composition (``ringkasan.susun_ringkasan``) and drawing (``briefing.briefing_pdf``) as the
Ringkasan page's download. Data come from the store (``path_gudang``); an empty store gets the
district's simulated demo, and a store holding only another district's demo is left untouched (the
district's demo is simulated in memory instead). Simulated data are said so on the page.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd


def pasang(sub) -> None:
    """Register the ``briefing`` command on the main parser's subparsers."""
    p = sub.add_parser("briefing", help="briefing satu halaman (PDF) untuk kabupaten dan periode",
                       description="Briefing PDF satu halaman: indeks, enam pilar, peta kecamatan, tiga hal yang "
                                   "perlu keputusan dan catatan data.")
    p.add_argument("--district", help="kode Kemendagri kabupaten/kota (bawaan: pengaturan kode_kabupaten)")
    p.add_argument("--period", help="bulan YYYY-MM (bawaan: bulan terakhir dalam data)")
    p.add_argument("--lang", default=None, choices=["id", "en"], help="bahasa (bawaan: pengaturan bahasa)")
    p.add_argument("--out", required=True, help="berkas PDF keluaran")
    p.set_defaults(fungsi=jalankan)


def muat_data(kode: str) -> tuple[dict[str, pd.DataFrame], bool]:
    """The datasets of ``kode`` and whether any is simulated (see the module docstring)."""
    from indicators.data.gudang import Gudang
    from indicators.data.skema import muat_skema

    g = Gudang.bawaan(muat_demo=False)
    kode_gudang = g.meta("kode_kabupaten")
    if g.versi() == 0 or kode_gudang in (None, kode):
        g.pastikan_demo(kode)
        return {n: g.baca(n) for n in muat_skema()}, bool(g.dataset_demo())
    if g.status()["dataset_demo"] and all(
            v["rows"] == 0 or n in g.dataset_demo() for n, v in g.status()["datasets"].items()):
        from indicators.data.demo import buat_demo
        return buat_demo(kode), True
    raise ValueError(f"gudang {g.path} berisi data impor kabupaten {kode_gudang}, bukan {kode}; "
                     "gunakan berkas gudang lain (pengaturan path_gudang)")


def jalankan(args) -> int:
    """Write the PDF; bad input raises ``ValueError`` (printed as ``galat: ...``, exit 2)."""
    from indicators.dasar.pengaturan import ambil
    from indicators.laporan.briefing import briefing_pdf
    from indicators.ringkasan.susun import susun_ringkasan
    from indicators.skor.kerangka import muat_kerangka
    from indicators.skor.konteks import awal_bulan, periode_terakhir
    from indicators.wilayah.batas import batas
    from indicators.wilayah.daftar import cek_kabupaten

    kode = str(args.district or ambil("kode_kabupaten"))
    cek_kabupaten(kode)
    if args.period:
        awal_bulan(args.period)
    bahasa = args.lang or str(ambil("bahasa"))
    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise ValueError(f"--out harus berkas .pdf, bukan {out.name!r}")
    data, tersimulasi = muat_data(kode)
    periode = args.period or periode_terakhir(data)
    r = susun_ringkasan(data, muat_kerangka(), kode, periode)
    isi = briefing_pdf(r, bahasa, batas(kode, "kecamatan"), tersimulasi=tersimulasi)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(isi)
    print(f"{out}: briefing {r.nama_kabupaten} ({kode}) {periode}, {len(isi):,} byte"
          + (" — data tersimulasi" if tersimulasi else ""), file=sys.stderr)
    return 0
