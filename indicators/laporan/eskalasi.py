"""The escalation pack as files: an XLSX of the sections and a PDF with a summary table and maps.

The table is :func:`indicators.aduan.eskalasi.tabel_eskalasi`; this module only writes it.
"""
from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd

from indicators.aduan.eskalasi import judul_kolom
from indicators.dasar import format as fmt
from indicators.dasar.label import teks
from indicators.laporan import ekspor
from indicators.laporan.pdf import TEPI, Dokumen


def ke_xlsx(tabel: pd.DataFrame, nama_kabupaten: str, bahasa: str = "id") -> bytes:
    """The pack as XLSX: one row per section, headers in the reader's language, formula-safe."""
    t = tabel.copy()
    for k in ("umur_median_hari", "umur_maks_hari", "kemantapan_persen", "aduan_per_10km", "panjang_km",
              "rusak_berat_km"):
        t[k] = t[k].round(1)
    t.insert(0, "kabupaten", nama_kabupaten)
    judul = {"kabupaten": teks("kabupaten", bahasa), **judul_kolom(bahasa)}
    return ekspor.ke_xlsx(t.rename(columns=judul), nama_lembar=teks("eskalasi_lembar", bahasa))


# --- PDF ------------------------------------------------------------------------------------------

def _angka(x, desimal: int, bahasa: str) -> str:
    return fmt.angka(x, desimal, bahasa)


def _proyeksi(batas_luar, kotak):
    """lon/lat → page mm inside ``kotak`` (x, y, w, h), equirectangular, aspect kept."""
    x0, y0, x1, y1 = batas_luar
    bx, by, bw, bh = kotak
    kx = math.cos(math.radians((y0 + y1) / 2))
    skala = min(bw / max((x1 - x0) * kx, 1e-9), bh / max(y1 - y0, 1e-9))
    ox = bx + (bw - (x1 - x0) * kx * skala) / 2
    oy = by + (bh - (y1 - y0) * skala) / 2

    def ke_mm(lon, lat):
        return ox + (np.asarray(lon) - x0) * kx * skala, oy + (y1 - np.asarray(lat)) * skala
    return ke_mm


def _gambar_peta(pdf, kec, titik: pd.DataFrame, kode_terdampak: set[str], kotak) -> None:
    """Kecamatan outlines (affected ones shaded) and complaint points: open red, closed grey."""
    import shapely

    ke_mm = _proyeksi(kec.total_bounds, kotak)
    x0, y0, x1, y1 = kec.total_bounds
    ringkas = shapely.simplify(np.asarray(kec.geometry.array, dtype=object), max(x1 - x0, y1 - y0) / 400)
    pdf.set_line_width(0.2)
    pdf.set_draw_color(140, 140, 140)
    for kode, geom in zip(kec["kode_wilayah"], ringkas, strict=True):
        for bagian in getattr(geom, "geoms", [geom]):
            if bagian.is_empty or bagian.geom_type != "Polygon":
                continue
            xy = np.asarray(bagian.exterior.coords)
            px, py = ke_mm(xy[:, 0], xy[:, 1])
            terdampak = kode in kode_terdampak
            pdf.set_fill_color(*((255, 229, 204) if terdampak else (245, 245, 245)))
            pdf.polygon(list(zip(px.tolist(), py.tolist(), strict=True)), style="DF")
    ok = titik["titik_masalah"] == "" if "titik_masalah" in titik else pd.Series(True, index=titik.index)
    t = titik[ok]
    for buka, warna in ((False, (150, 150, 150)), (True, (214, 39, 40))):
        b = t[t["terbuka"] == buka]
        px, py = ke_mm(b["lon"].astype(float).to_numpy(), b["lat"].astype(float).to_numpy())
        pdf.set_fill_color(*warna)
        for x, y in zip(px, py, strict=True):
            pdf.circle(float(x), float(y), 0.7, style="F")


def _tabel_ringkas(pdf: Dokumen, tabel: pd.DataFrame, bahasa: str) -> None:
    """One row per section; long names are wrapped and cut with "…" (a row never outgrows the page)."""
    kol = ["nama_ruas", "kecamatan", "panjang_km", "kemantapan_persen", "aduan", "terbuka", "terbuka_berat",
           "terlambat", "bukan_kewenangan", "umur_median_hari"]
    judul = judul_kolom(bahasa)
    baris = [[r.nama_ruas, r.kecamatan, _angka(r.panjang_km, 1, bahasa), fmt.persen(r.kemantapan_persen, 1, bahasa),
              _angka(r.aduan, 0, bahasa), _angka(r.terbuka, 0, bahasa), _angka(r.terbuka_berat, 0, bahasa),
              _angka(r.terlambat, 0, bahasa), _angka(r.bukan_kewenangan, 0, bahasa),
              _angka(r.umur_median_hari, 0, bahasa)] for r in tabel.itertuples(index=False)]
    pdf.tabel([judul[k] for k in kol], baris, (58, 62, 18, 22, 16, 16, 18, 18, 24, 21), 7.5,
              ("LEFT", "LEFT", *["RIGHT"] * 8))


def ke_pdf(tabel: pd.DataFrame, df: pd.DataFrame, kode_kabupaten: str, bahasa: str = "id",
           keterangan_periode: str = "", tersimulasi: bool = False, dibuat: date | None = None,
           font: tuple[str, str] | bool | None = True) -> bytes:
    """The pack as PDF (A4 landscape): a summary page, then one page per section with its map.

    ``tabel`` from :func:`tabel_eskalasi`; ``df`` the complaints it was built from (their points
    are drawn); the title names the district, the province and the data date. ``dibuat`` is the
    date in the footer and the PDF's creation date (same input, same bytes); ``font`` as in
    :func:`indicators.laporan.pdf.pilih_font`.
    """
    from indicators.wilayah.batas import batas
    from indicators.wilayah.daftar import nama_wilayah

    if bahasa not in ("id", "en"):
        raise ValueError(f"bahasa harus 'id' atau 'en', bukan {bahasa!r}")
    kab, prov = nama_wilayah(kode_kabupaten), nama_wilayah(kode_kabupaten.split(".")[0])
    kini = pd.Timestamp(df.attrs["kini"]) if df.attrs.get("kini") else None
    pdf = Dokumen(bahasa, kab, judul=f"{teks('eskalasi_judul', bahasa)} - {kab}", dibuat=dibuat,
                  tersimulasi=tersimulasi, font=font, orientasi="L")
    pdf.add_page()
    pdf.tulis(f"{teks('eskalasi_judul', bahasa)} — {kab}", 15, True, 7, maks_baris=2)
    sub = teks("eskalasi_untuk", bahasa).format(provinsi=prov)
    info = " · ".join(x for x in (keterangan_periode, teks("aduan_data_per", bahasa).format(
        tanggal=fmt.tanggal(kini, bahasa)) if kini is not None else "") if x)
    pdf.tulis(sub, 10, tinggi=5)
    if info:
        pdf.tulis(info, 10, tinggi=5, maks_baris=2)
    pdf.ln(2)
    total = {k: int(tabel[k].sum()) for k in ("aduan", "terbuka", "terbuka_berat", "terlambat", "bukan_kewenangan")}
    pdf.tulis(teks("eskalasi_ringkasan", bahasa).format(
        ruas=_angka(len(tabel), 0, bahasa), panjang=_angka(tabel["panjang_km"].sum(), 1, bahasa),
        **{k: _angka(v, 0, bahasa) for k, v in total.items()}), 10, tinggi=5)
    pdf.ln(2)
    _tabel_ringkas(pdf, tabel, bahasa)

    kec = batas(kode_kabupaten, "kecamatan")
    judul = judul_kolom(bahasa)
    for r in tabel.itertuples(index=False):
        pdf.add_page()
        pdf.tulis(r.nama_ruas, 13, True, 6, maks_baris=3)
        pdf.tulis(f"{kab} · {judul['kecamatan']}: {r.kecamatan or '–'}", 9, tinggi=5, maks_baris=2)
        y0 = pdf.get_y() + 2
        baris = [(judul["panjang_km"], _angka(r.panjang_km, 1, bahasa)),
                 (judul["kemantapan_persen"], fmt.persen(r.kemantapan_persen, 1, bahasa)),
                 (judul["rusak_berat_km"], _angka(r.rusak_berat_km, 1, bahasa)),
                 (judul["laporan"], _angka(r.laporan, 0, bahasa)), (judul["aduan"], _angka(r.aduan, 0, bahasa)),
                 (judul["dukungan"], _angka(r.dukungan, 0, bahasa)), (judul["terbuka"], _angka(r.terbuka, 0, bahasa)),
                 (judul["terbuka_berat"], _angka(r.terbuka_berat, 0, bahasa)),
                 (judul["terlambat"], _angka(r.terlambat, 0, bahasa)),
                 (judul["bukan_kewenangan"], _angka(r.bukan_kewenangan, 0, bahasa)),
                 (judul["umur_median_hari"], _angka(r.umur_median_hari, 0, bahasa)),
                 (judul["umur_maks_hari"], _angka(r.umur_maks_hari, 0, bahasa)),
                 (judul["aduan_per_10km"], _angka(r.aduan_per_10km, 1, bahasa)),
                 (judul["laporan_pertama"], fmt.tanggal(r.laporan_pertama, bahasa)),
                 (judul["laporan_terakhir"], fmt.tanggal(r.laporan_terakhir, bahasa))]
        pdf.set_xy(TEPI, y0)
        for label, nilai in baris:
            pdf.set_x(TEPI)
            pdf.huruf(9)
            pdf.cell(62, 5.6, pdf.sebaris(label, 61))
            pdf.huruf(9, True)
            pdf.cell(30, 5.6, pdf.t(nilai), align="R", new_x="LMARGIN", new_y="NEXT")
        titik = df[(df["nama_ruas"].astype(str) == r.nama_ruas)]
        terdampak = set(titik["kode_kecamatan"].dropna().astype(str))
        tinggi_peta = min(150.0, pdf.h - pdf.b_margin - 10 - y0)  # the legend below it stays above the footer
        _gambar_peta(pdf, kec, titik, terdampak, (112, y0, pdf.w - TEPI - 112, tinggi_peta))
        catatan = teks("eskalasi_legenda_peta", bahasa)
        if kec.attrs.get("skematis"):
            catatan += " " + teks("batas_skematis", bahasa) + "."
        pdf.set_xy(112, y0 + tinggi_peta + 2)
        pdf.tulis(catatan, 7.5, tinggi=4, lebar=pdf.w - TEPI - 112, maks_baris=2)
    return bytes(pdf.output())
