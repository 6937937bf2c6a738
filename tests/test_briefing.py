"""The one-page briefing PDF and the ``briefing`` command: read back with pypdf, drawn figures checked
against the numbers they draw, simulated data said so, insufficient data written as such."""
import io
import re
from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
import pytest
from pypdf import PdfReader

from indicators.laporan import briefing as br
from indicators.ringkasan.perhatian import Pernyataan
from indicators.ringkasan.susun import susun_ringkasan
from indicators.skor import muat_kerangka
from indicators.skor.kerangka import PILAR
from indicators.wilayah.batas import batas
from tests.bantu import demo

TANGGAL = date(2026, 11, 22)


@pytest.fixture(scope="module")
def ringkasan():
    return susun_ringkasan(demo(), muat_kerangka(), "18.02", "2026-10", n_teratas=5)


@pytest.fixture(scope="module")
def kecamatan():
    return batas("18.02", "kecamatan")


def _teks(isi: bytes) -> tuple[int, str]:
    r = PdfReader(io.BytesIO(isi))
    return len(r.pages), re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in r.pages))


@pytest.mark.parametrize("bahasa", ["id", "en"])
def test_satu_halaman_menyebut_kabupaten_periode_indeks_dan_tiga_pernyataan(ringkasan, kecamatan, bahasa):
    isi = br.briefing_pdf(ringkasan, bahasa, kecamatan, tersimulasi=True, dibuat=TANGGAL)
    assert isi.startswith(b"%PDF")
    halaman, teks = _teks(isi)
    assert halaman == 1
    periode = {"id": "Oktober 2026", "en": "October 2026"}[bahasa]
    assert f"Kabupaten Lampung Tengah (18.02) · {periode}" in teks
    indeks = f"{ringkasan.indeks:.1f}".replace(".", "," if bahasa == "id" else ".")
    assert indeks in teks
    assert ringkasan.kabupaten.loc[0, f"kematangan_{bahasa}"] in teks
    for p in ringkasan.perhatian:
        assert re.sub(r"\s+", " ", p.teks[bahasa]) in teks, p.teks[bahasa]
    for x in ringkasan.pilar[f"nama_{bahasa}"]:
        assert x in teks
    assert {"id": "DATA TERSIMULASI", "en": "SIMULATED DATA"}[bahasa] in teks
    assert {"id": "Catatan data", "en": "Data note"}[bahasa] in teks
    for nama in ringkasan.teratas["nama"].head(3):
        assert nama in teks


def test_tanpa_data_demo_tidak_ada_label_simulasi(ringkasan, kecamatan):
    _, teks = _teks(br.briefing_pdf(ringkasan, "id", kecamatan, tersimulasi=False, dibuat=TANGGAL))
    assert "TERSIMULASI" not in teks and "tersimulasi" not in teks


def test_byte_sama_untuk_masukan_dan_tanggal_sama(ringkasan, kecamatan):
    a = br.briefing_pdf(ringkasan, "id", kecamatan, True, TANGGAL)
    assert a == br.briefing_pdf(ringkasan, "id", kecamatan, True, TANGGAL)


def test_huruf_latin1_bila_tanpa_huruf_unicode(ringkasan, kecamatan):
    halaman, teks = _teks(br.briefing_pdf(ringkasan, "en", kecamatan, True, TANGGAL, font=False))
    assert halaman == 1 and "Kabupaten Lampung Tengah (18.02) - October 2026" in teks


def test_peta_satu_poligon_per_kecamatan_dengan_warna_indeks(ringkasan, kecamatan, monkeypatch):
    """Every kecamatan is drawn once, filled with the colour of its index on the page's 0–100 scale."""
    from indicators.tampilan.peta import geojson_ringkas

    isian = []
    asli_warna, asli_poligon = br._Briefing.set_fill_color, br._Briefing.polygon

    def warna(self, *rgb):
        self._isi_terakhir = tuple(int(c) for c in rgb) if all(isinstance(c, (int, float)) for c in rgb) else None
        return asli_warna(self, *rgb)

    def poligon(self, titik, *a, **k):
        isian.append(self._isi_terakhir)
        return asli_poligon(self, titik, *a, **k)

    monkeypatch.setattr(br._Briefing, "set_fill_color", warna)
    monkeypatch.setattr(br._Briefing, "polygon", poligon)
    br.briefing_pdf(ringkasan, "id", kecamatan, True, TANGGAL)
    geom = geojson_ringkas(kecamatan)
    cincin = {k: len(br._cincin(g)) for k, g in geom.items()}
    assert len(isian) == sum(cincin.values()) and len(cincin) == 28
    nilai = ringkasan.kecamatan.set_index("kode_wilayah")["indeks"]
    harapan = [br.warna_skor(float(nilai[k])) for k, n in cincin.items() for _ in range(n)]
    assert isian == harapan


def test_batang_pilar_sebanding_skor(ringkasan, kecamatan, monkeypatch):
    """The blue bars' lengths are the scores on a 0–100 axis: ratios to the index bar equal score ratios."""
    biru = []
    asli_rect, asli_warna = br._Briefing.rect, br._Briefing.set_fill_color

    def warna(self, *rgb):
        self._isi_terakhir = tuple(int(c) for c in rgb) if all(isinstance(c, (int, float)) for c in rgb) else None
        return asli_warna(self, *rgb)

    def rect(self, x, y, w, h, style=None, *a, **k):
        if getattr(self, "_isi_terakhir", None) == br.BIRU:
            biru.append(w)
        return asli_rect(self, x, y, w, h, style, *a, **k)

    monkeypatch.setattr(br._Briefing, "set_fill_color", warna)
    monkeypatch.setattr(br._Briefing, "rect", rect)
    br.briefing_pdf(ringkasan, "id", kecamatan, True, TANGGAL)
    skor = ringkasan.pilar["skor"].to_numpy()
    lebar = np.array(biru[:7])      # the 7 bars, then the legend swatch
    np.testing.assert_allclose(lebar / lebar[0], skor / skor[0], rtol=1e-9)


def test_data_tidak_cukup_ditulis_bukan_nol(ringkasan, kecamatan):
    p = ringkasan.pilar.copy()
    p.loc[p["ukuran"] == "society", ["skor", "selisih"]] = np.nan
    kab = ringkasan.kabupaten.copy()
    kab.loc[0, "society"] = np.nan
    r = replace(ringkasan, pilar=p, kabupaten=kab, catatan={**ringkasan.catatan, "pilar_tanpa_skor": ["society"]})
    _, teks = _teks(br.briefing_pdf(r, "id", kecamatan, True, TANGGAL))
    assert "data tidak cukup" in teks
    assert "Pilar tanpa skor (data tidak cukup): Masyarakat Cerdas." in teks


def test_indeks_tidak_cukup(ringkasan, kecamatan):
    kab = ringkasan.kabupaten.assign(indeks=np.nan, kematangan=0, kematangan_id="", kematangan_en="")
    p = ringkasan.pilar.copy()
    p.loc[:, ["skor", "selisih"]] = np.nan
    r = replace(ringkasan, kabupaten=kab, pilar=p, perhatian=())
    halaman, teks = _teks(br.briefing_pdf(r, "en", kecamatan, False, TANGGAL))
    assert halaman == 1
    assert "Smart regency index insufficient data" in teks
    assert "Nothing urgent was detected" in teks


def test_tetap_satu_halaman_dengan_pernyataan_panjang(ringkasan, kecamatan):
    panjang = "Kalimat yang sangat panjang tentang data, " * 12
    r = replace(ringkasan, perhatian=tuple(Pernyataan(f"t{i}", {"id": panjang, "en": panjang}) for i in range(3)))
    assert _teks(br.briefing_pdf(r, "id", kecamatan, True, TANGGAL))[0] == 1


def test_teks_berbahaya_tertulis_apa_adanya(ringkasan, kecamatan):
    jahat = "<img src=x onerror=alert(1)> `${x}` =HYPERLINK(1)"
    r = replace(ringkasan, perhatian=(Pernyataan("x", {"id": jahat, "en": jahat}),))
    assert jahat in _teks(br.briefing_pdf(r, "id", kecamatan, True, TANGGAL))[1]


def test_tanpa_batas_wilayah_tetap_satu_halaman(ringkasan):
    halaman, teks = _teks(br.briefing_pdf(ringkasan, "id", None, True, TANGGAL))
    assert halaman == 1 and "Batas wilayah tidak tersedia." in teks


def test_warna_skor_skala_peta():
    assert br.warna_skor(0.0) == (68, 1, 84) and br.warna_skor(100.0) == (253, 231, 37)
    assert br.warna_skor(float("nan")) == br.TANPA_DATA
    assert br.warna_skor(150.0) == br.warna_skor(100.0)


# --- the command line -----------------------------------------------------------------------------

@pytest.fixture
def gudang_kosong(tmp_path, monkeypatch):
    monkeypatch.setenv("DASBOR_PATH_GUDANG", str(tmp_path / "cli.duckdb"))
    yield tmp_path / "cli.duckdb"
    from indicators.data.gudang import Gudang
    g = Gudang._bawaan.get(str(tmp_path / "cli.duckdb"))
    if g is not None:
        g.tutup()


def test_cli_briefing_menulis_pdf_satu_halaman(gudang_kosong, tmp_path, capsys):
    from indicators.cli import main

    out = tmp_path / "f.pdf"
    assert main(["briefing", "--out", str(out)]) == 0
    halaman, teks = _teks(out.read_bytes())
    assert halaman == 1
    assert "Kabupaten Lampung Tengah (18.02) · Oktober 2026" in teks and "DATA TERSIMULASI" in teks
    assert "data tersimulasi" in capsys.readouterr().err


def test_cli_briefing_periode_dan_bahasa(gudang_kosong, tmp_path):
    from indicators.cli import main

    out = tmp_path / "juni.pdf"
    assert main(["briefing", "--period", "2026-06", "--lang", "en", "--out", str(out)]) == 0
    r = susun_ringkasan(demo(), muat_kerangka(), "18.02", "2026-06")
    _, teks = _teks(out.read_bytes())
    assert "Kabupaten Lampung Tengah (18.02) · June 2026" in teks
    assert f"{r.indeks:.1f}" in teks
    for p in r.perhatian:
        assert re.sub(r"\s+", " ", p.teks["en"]) in teks


def test_cli_kabupaten_lain_tidak_mengubah_gudang(gudang_kosong, tmp_path):
    from indicators.cli import main
    from indicators.data.gudang import Gudang

    assert main(["briefing", "--out", str(tmp_path / "a.pdf")]) == 0          # loads the 18.02 demo
    assert main(["briefing", "--district", "52.02", "--out", str(tmp_path / "b.pdf")]) == 0
    assert "Kabupaten Lombok Tengah (52.02)" in _teks((tmp_path / "b.pdf").read_bytes())[1]
    assert Gudang.bawaan(muat_demo=False).meta("kode_kabupaten") == "18.02"


@pytest.mark.parametrize(("argumen", "pesan"), [
    (["--period", "2026-13"], "periode harus berbentuk YYYY-MM"),
    (["--district", "99.99"], "99.99"),
    (["--out-bukan"], None),
])
def test_cli_masukan_salah(gudang_kosong, tmp_path, capsys, argumen, pesan):
    from indicators.cli import main

    if pesan is None:
        with pytest.raises(SystemExit):
            main(["briefing", *argumen])
        return
    assert main(["briefing", *argumen, "--out", str(tmp_path / "x.pdf")]) == 2
    assert pesan in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_cli_keluaran_harus_pdf(gudang_kosong, tmp_path, capsys):
    from indicators.cli import main

    assert main(["briefing", "--out", str(tmp_path / "x.csv")]) == 2
    assert "--out harus berkas .pdf" in capsys.readouterr().err


def test_halaman_tidak_mengandung_pilar_bernilai_nol_palsu(ringkasan):
    # the scores drawn are the core's (no NaN silently turned into 0)
    assert not (ringkasan.pilar["skor"] == 0).any()
    assert set(ringkasan.pilar["ukuran"]) == {"indeks", *PILAR}
    assert isinstance(ringkasan.kecamatan, pd.DataFrame)
