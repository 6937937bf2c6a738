"""The shared PDF layer (``indicators.laporan.pdf``): text read back with pypdf as written (Unicode font)
or transliterated (core font), the furniture on every page, same input → same bytes, tables that never
outgrow a page, and the three documents built with hostile 2,000-character text."""
import io
import re
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from fpdf import FPDF
from pypdf import PdfReader

from indicators.laporan import pdf as lp
from indicators.laporan.pdf import Dokumen, latin1

TANGGAL = date(2026, 11, 22)
A4_PT = (595.28, 841.89)
PANJANG = ("Jalan Padang Ratu – Kalirejo → Simpang " * 60)[:2000]
ada_font = pytest.mark.skipif(lp.cari_font() is None, reason="no Unicode font (apt-get install fonts-dejavu-core)")


def _halaman(isi: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(isi)).pages]


def _ukuran(isi: bytes) -> list[tuple[float, float]]:
    return [(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2))
            for p in PdfReader(io.BytesIO(isi)).pages]


def _dokumen(kalimat: str, **kw) -> bytes:
    d = Dokumen(kw.pop("bahasa", "id"), "Kabupaten Lampung Tengah", dibuat=TANGGAL, **kw)
    d.add_page()
    d.tulis(kalimat, 10)
    return bytes(d.output())


@ada_font
def test_huruf_unicode_teks_terbaca_apa_adanya():
    kalimat = "Ruas Padang Ratu – Kalirejo → Metro · 2 × 3 km ≥ Rp 5.000"
    baris = _halaman(_dokumen(kalimat))[0].splitlines()
    assert kalimat in baris


def test_tanpa_huruf_unicode_teks_ditransliterasi():
    for font in (False, None):
        baris = _halaman(_dokumen("Ruas Padang Ratu – Kalirejo → Metro · 2 × 3 km ≥ Rp 5.000", font=font))[0]
        assert "Ruas Padang Ratu - Kalirejo -> Metro - 2 x 3 km >= Rp 5.000" in baris.splitlines()


def test_latin1_satu_fungsi():
    assert latin1("“Bupati” ’26 — rata−rata ≤ 5 … é ā ŝ") == '"Bupati" \'26 - rata-rata <= 5 ... é a s'
    assert latin1("Σ bobot ÷ 2") == "sum of bobot / 2"
    assert latin1("漢") == "?" and latin1(float("nan")) == "" and latin1(3) == "3"


@pytest.mark.parametrize("font", [True, False])
@pytest.mark.parametrize(("bahasa", "halaman", "dibuat"), [("id", "Halaman {n} dari 3", "Dibuat 22 November 2026"),
                                                          ("en", "Page {n} of 3", "Generated 22 November 2026")])
def test_perabot_halaman_di_setiap_halaman(font, bahasa, halaman, dibuat):
    for tersimulasi in (True, False):
        d = Dokumen(bahasa, "Kabupaten Lampung Tengah", dibuat=TANGGAL, tersimulasi=tersimulasi, font=font)
        for i in range(3):
            d.add_page()
            d.tulis(f"isi {i + 1}")
        teks = _halaman(bytes(d.output()))
        assert len(teks) == 3
        for n, t in enumerate(teks, 1):
            assert halaman.format(n=n) in t and dibuat in t and "Kabupaten Lampung Tengah" in t
            assert ("Data tersimulasi" in t) is tersimulasi, t
            assert "tersimulasi" not in t.lower() or tersimulasi


def test_perabot_tidak_menimpa_isi():
    """Body text that runs over many pages stays between the header and the footer rules."""
    d = Dokumen("id", "Kab. X", dibuat=TANGGAL, tersimulasi=True)
    d.add_page()
    for _ in range(120):
        d.tulis("baris isi yang panjang " * 3)
        assert lp.ATAS - 1e-6 <= d.get_y() <= d.h - lp.BAWAH + 1e-6
    assert d.page_no() > 1


def test_byte_sama_untuk_masukan_sama():
    assert _dokumen("sama", tersimulasi=True) == _dokumen("sama", tersimulasi=True)
    assert _dokumen("sama") != _dokumen("sama", tersimulasi=True)


def test_fpdf_table_biasa_gagal_untuk_sel_panjang():
    """Why the helper exists: fpdf2's own table refuses a row taller than a page."""
    f = FPDF(format="A4")
    f.add_page()
    f.set_font("helvetica", size=7.5)

    def tabel():
        with f.table([["x " * 1000] * 5] * 2, col_widths=(36,) * 5, width=180):
            pass

    with pytest.raises(ValueError, match="too high"):
        tabel()


@pytest.mark.parametrize("font", [True, False])
def test_tabel_sel_2000_karakter_tetap_a4_dan_dipotong(font):
    d = Dokumen("id", "Kab. X", dibuat=TANGGAL, font=font)
    d.add_page()
    d.tabel([PANJANG] * 5, [[PANJANG] * 5, ["a", "b", "c", "d", "e"], ["x" * 2000] * 5] * 20, (36,) * 5)
    isi = bytes(d.output())
    assert set(_ukuran(isi)) == {A4_PT}
    teks = "\n".join(_halaman(isi))
    elipsis = "…" if d.unicode else "..."
    assert elipsis in teks and PANJANG[:200] not in re.sub(r"\s+", " ", teks)
    assert "Halaman 1 dari" in teks


def test_baris_teks_dan_sebaris():
    d = Dokumen("id", dibuat=TANGGAL)
    d.add_page()
    d.huruf(9)
    assert d.baris_teks("pendek", 50, 2) == "pendek"
    cut = d.baris_teks(PANJANG, 50, 2).split("\n")
    assert len(cut) == 2 and cut[-1].endswith("…") and d.get_string_width(cut[-1]) <= 50 - 2 * d.c_margin
    s = d.sebaris(PANJANG, 40)
    assert s.endswith("…") and d.get_string_width(s) <= 40
    assert d.sebaris("Bandar Mataram", 40) == "Bandar Mataram"


# --- the three documents with hostile text ---------------------------------------------------------

def test_briefing_teks_panjang():
    from indicators.laporan.briefing import briefing_pdf
    from indicators.ringkasan.perhatian import Pernyataan
    from indicators.ringkasan.susun import susun_ringkasan
    from indicators.skor import muat_kerangka
    from indicators.wilayah.batas import batas
    from tests.bantu import demo

    r = susun_ringkasan(demo(), muat_kerangka(), "18.02", "2026-10")
    kalimat = f"Program {PANJANG} terlambat."
    r = replace(r, nama_kabupaten="Kabupaten " + PANJANG, teratas=r.teratas.assign(nama=PANJANG),
                terbawah=r.terbawah.assign(nama=PANJANG),
                perhatian=tuple(Pernyataan(f"p{i}", {"id": kalimat, "en": kalimat}) for i in range(3)))
    for font in (True, False):
        isi = briefing_pdf(r, "id", batas("18.02", "kecamatan"), True, TANGGAL, font=font)
        assert _ukuran(isi) == [A4_PT]
        assert "Halaman 1 dari 1" in _halaman(isi)[0]


def test_eskalasi_teks_panjang():
    from indicators.aduan import eskalasi as ae
    from indicators.aduan import siapan
    from indicators.laporan.eskalasi import ke_pdf
    from tests.test_aduan import KINI, aduan_uji

    ruas = pd.DataFrame({"id_ruas": ["A1", "B1"], "nama_ruas": [PANJANG, "Ruas B"], "status_jalan": ["provinsi"] * 2,
                         "panjang_km": [6.0, 5.0], "kondisi": ["baik", "rusak_berat"],
                         "kode_wilayah": ["18.02.03", "18.02.01"]})
    a = aduan_uji({"nama_ruas": PANJANG, "waktu_lapor": KINI - pd.Timedelta(days=50), "deskripsi": PANJANG},
                  {"nama_ruas": "Ruas B", "waktu_lapor": KINI - pd.Timedelta(days=5), "deskripsi": PANJANG})
    df = siapan.siapkan(a, None, "18.02", kini=KINI)
    t = ae.tabel_eskalasi(df, ruas).assign(kecamatan=PANJANG)
    for font in (True, False):
        isi = ke_pdf(t, df, "18.02", "id", keterangan_periode=PANJANG, tersimulasi=True, dibuat=TANGGAL, font=font)
        assert set(_ukuran(isi)) == {A4_PT[::-1]} and len(_ukuran(isi)) == 3
        teks = _halaman(isi)
        assert all("Data tersimulasi" in x and f"dari {len(teks)}" in x for x in teks)
        assert ("…" if font else "...") in teks[0]
    assert ke_pdf(t, df, "18.02", dibuat=TANGGAL) == ke_pdf(t, df, "18.02", dibuat=TANGGAL)


def test_evaluasi_teks_panjang():
    from indicators.evaluasi.pengaturan import muat_pengaturan
    from indicators.evaluasi.susun import evaluasi
    from indicators.laporan.evaluasi import laporan_pdf
    from indicators.skor.kerangka import muat_kerangka
    from tests.bantu import demo

    h = evaluasi(demo(), muat_kerangka(), "18.02", "2026-10")
    s = h.status_program.assign(nama=PANJANG, opd=PANJANG, id_program="P" * 2000)
    h = h.__class__(**{**h.__dict__, "status_program": s})
    for font in (True, False):
        isi = laporan_pdf(h, muat_kerangka(), muat_pengaturan(), "Kabupaten " + PANJANG, "en", True, TANGGAL,
                          font=font)
        assert set(_ukuran(isi)) == {A4_PT}
        teks = _halaman(isi)
        assert all(f"Page {n} of {len(teks)}" in x for n, x in enumerate(teks, 1))
