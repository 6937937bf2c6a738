"""The escalation pack as files: an XLSX of the sections and a PDF with a summary table and maps.

The table is :func:`indicators.aduan.eskalasi.tabel_eskalasi`; this module only writes it.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

from indicators.aduan.eskalasi import judul_kolom
from indicators.dasar import format as fmt
from indicators.dasar.label import teks
from indicators.laporan import ekspor

# Unicode fonts for the PDF (Debian: fonts-dejavu-core, fonts-liberation); else Helvetica, Latin-1 only
FONT = [("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
        ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf")]



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

def _pdf_baru():
    from fpdf import FPDF

    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(True, margin=12)
    pdf.set_margins(12, 12, 12)
    for biasa, tebal in FONT:
        if Path(biasa).is_file() and Path(tebal).is_file():
            pdf.add_font("teks", "", biasa)
            pdf.add_font("teks", "B", tebal)
            pdf.unicode_ok = True
            return pdf
    pdf.unicode_ok = False  # core font: Latin-1 only, other characters are transliterated
    return pdf


def _tulisan(pdf, s) -> str:
    s = "" if s is None or (isinstance(s, float) and math.isnan(s)) else str(s)
    if pdf.unicode_ok:
        return s
    import unicodedata

    s = s.replace("–", "-").replace("—", "-").replace("’", "'").replace("²", "2").replace("≥", ">=")
    return unicodedata.normalize("NFKD", s).encode("latin-1", "replace").decode("latin-1")


def _huruf(pdf, gaya: str = "", ukuran: float = 9) -> None:
    pdf.set_font("teks" if pdf.unicode_ok else "helvetica", gaya, ukuran)


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


def _tabel_ringkas(pdf, tabel: pd.DataFrame, bahasa: str) -> None:
    kol = ["nama_ruas", "kecamatan", "panjang_km", "kemantapan_persen", "aduan", "terbuka", "terbuka_berat",
           "terlambat", "bukan_kewenangan", "umur_median_hari"]
    lebar = (58, 62, 18, 22, 16, 16, 18, 18, 24, 21)
    judul = judul_kolom(bahasa)
    _huruf(pdf, "", 7.5)
    with pdf.table(col_widths=lebar, text_align=("LEFT", "LEFT", *["RIGHT"] * 8), line_height=4.2,
                   first_row_as_headings=True) as t:
        baris = t.row()
        for k in kol:
            baris.cell(_tulisan(pdf, judul[k]))
        for r in tabel.itertuples(index=False):
            baris = t.row()
            nilai = [r.nama_ruas, r.kecamatan, _angka(r.panjang_km, 1, bahasa),
                     fmt.persen(r.kemantapan_persen, 1, bahasa),
                     _angka(r.aduan, 0, bahasa), _angka(r.terbuka, 0, bahasa), _angka(r.terbuka_berat, 0, bahasa),
                     _angka(r.terlambat, 0, bahasa), _angka(r.bukan_kewenangan, 0, bahasa),
                     _angka(r.umur_median_hari, 0, bahasa)]
            for v in nilai:
                baris.cell(_tulisan(pdf, v))


def ke_pdf(tabel: pd.DataFrame, df: pd.DataFrame, kode_kabupaten: str, bahasa: str = "id",
           keterangan_periode: str = "", tersimulasi: bool = False) -> bytes:
    """The pack as PDF (A4 landscape): a summary page, then one page per section with its map.

    ``tabel`` from :func:`tabel_eskalasi`; ``df`` the complaints it was built from (their points
    are drawn); the title names the district, the province and the data date.
    """
    from indicators.wilayah.batas import batas
    from indicators.wilayah.daftar import nama_wilayah

    if bahasa not in ("id", "en"):
        raise ValueError(f"bahasa harus 'id' atau 'en', bukan {bahasa!r}")
    kab, prov = nama_wilayah(kode_kabupaten), nama_wilayah(kode_kabupaten.split(".")[0])
    kini = pd.Timestamp(df.attrs["kini"]) if df.attrs.get("kini") else None
    pdf = _pdf_baru()
    pdf.set_title(_tulisan(pdf, f"{teks('eskalasi_judul', bahasa)} - {kab}"))
    pdf.set_author(_tulisan(pdf, kab))
    pdf.add_page()
    _huruf(pdf, "B", 15)
    pdf.multi_cell(0, 7, _tulisan(pdf, f"{teks('eskalasi_judul', bahasa)} — {kab}"), new_x="LMARGIN", new_y="NEXT")
    _huruf(pdf, "", 10)
    sub = teks("eskalasi_untuk", bahasa).format(provinsi=prov)
    info = " · ".join(x for x in (keterangan_periode, teks("aduan_data_per", bahasa).format(
        tanggal=fmt.tanggal(kini, bahasa)) if kini is not None else "") if x)
    pdf.multi_cell(0, 5, _tulisan(pdf, sub), new_x="LMARGIN", new_y="NEXT")
    if info:
        pdf.multi_cell(0, 5, _tulisan(pdf, info), new_x="LMARGIN", new_y="NEXT")
    if tersimulasi:
        pdf.set_text_color(180, 0, 0)
        pdf.multi_cell(0, 5, _tulisan(pdf, teks("data_tersimulasi", bahasa)), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
    pdf.ln(2)
    total = {k: int(tabel[k].sum()) for k in ("aduan", "terbuka", "terbuka_berat", "terlambat", "bukan_kewenangan")}
    _huruf(pdf, "", 10)
    pdf.multi_cell(0, 5, _tulisan(pdf, teks("eskalasi_ringkasan", bahasa).format(
        ruas=_angka(len(tabel), 0, bahasa), panjang=_angka(tabel["panjang_km"].sum(), 1, bahasa),
        **{k: _angka(v, 0, bahasa) for k, v in total.items()})), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    _tabel_ringkas(pdf, tabel, bahasa)

    kec = batas(kode_kabupaten, "kecamatan")
    judul = judul_kolom(bahasa)
    for r in tabel.itertuples(index=False):
        pdf.add_page()
        _huruf(pdf, "B", 13)
        pdf.multi_cell(0, 6, _tulisan(pdf, r.nama_ruas), new_x="LMARGIN", new_y="NEXT")
        _huruf(pdf, "", 9)
        pdf.multi_cell(0, 5, _tulisan(pdf, f"{kab} · {judul['kecamatan']}: {r.kecamatan or '–'}"),
                       new_x="LMARGIN", new_y="NEXT")
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
        pdf.set_xy(12, y0)
        for label, nilai in baris:
            pdf.set_x(12)
            pdf.cell(62, 5.6, _tulisan(pdf, label))
            _huruf(pdf, "B", 9)
            pdf.cell(30, 5.6, _tulisan(pdf, nilai), align="R", new_x="LMARGIN", new_y="NEXT")
            _huruf(pdf, "", 9)
        titik = df[(df["nama_ruas"].astype(str) == r.nama_ruas)]
        terdampak = set(titik["kode_kecamatan"].dropna().astype(str))
        _gambar_peta(pdf, kec, titik, terdampak, (112, y0, 173, 150))
        pdf.set_xy(112, y0 + 152)
        _huruf(pdf, "", 7.5)
        catatan = teks("eskalasi_legenda_peta", bahasa)
        if kec.attrs.get("skematis"):
            catatan += " " + teks("batas_skematis", bahasa) + "."
        pdf.multi_cell(173, 4, _tulisan(pdf, catatan), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
