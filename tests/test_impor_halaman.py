"""The partial-import scenario through the pages (AppTest): a Smart Netizen export of 12 rows for 6
villages, one header the importer does not know and a personal column, goes through the Data page's
dataset picker and mapping step; the preview says exactly what will change; after the import the
home page no longer claims full coverage, says the headline rests on thin data, and the briefing
PDF's data note says the same. Complaints imported with flags show them on the complaint page."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from indicators.data.gudang import Gudang
from indicators.laporan.ekspor import judul_kolom
from tests import berkas_petugas as bp
from tests.bantu import buka_halaman, demo


@pytest.fixture
def gudang_sendiri(tmp_path, monkeypatch):
    path = tmp_path / "halaman.duckdb"
    monkeypatch.setenv("DASBOR_PATH_GUDANG", str(path))
    yield path
    Gudang(path).tutup()


def _app(halaman: str):
    return buka_halaman(halaman, timeout=400, sebagai="petugas")


def test_impor_parsial_lewat_halaman_data_lalu_ringkasan_jujur(gudang_sendiri, monkeypatch):
    isi, f = bp.smart_netizen_12_baris_6_desa(ganti_header={"jenis_layanan": "Layanan yang Diminta"},
                                              tambah_kolom={"nik_pemohon": "1802010101900001"})
    at = _app("pages/data.py")
    at.file_uploader(key="unggah").set_value(("smart_netizen_oktober.csv", isi, "text/csv")).run()
    assert not at.exception, at.exception
    pilih = at.selectbox[0]
    assert pilih.label == "Dataset (tidak dikenali dari kolom — pilih)" and pilih.value is None  # no dead end
    pilih.set_value("layanan_permohonan").run()
    assert any("Kolom wajib belum punya kolom berkas: jenis_layanan" in w.value for w in at.warning)
    kolom = next(s for s in at.selectbox if s.label.startswith("jenis_layanan"))
    assert "layanan_yang_diminta" in kolom.options and kolom.value == ""
    kolom.set_value("layanan_yang_diminta")
    at.get("form_submit_button")[0].click().run()
    assert not at.exception, at.exception
    info = " ".join(i.value for i in at.info)
    assert "diabaikan" in info and "nik" in info and "1802010101900001" not in info
    n_demo = len(demo()["layanan_permohonan"])
    rencana = next(w.value for w in at.warning if "baris demo" in w.value)
    assert rencana.splitlines() == [f"- {n_demo:,} baris demo Smart Netizen dihapus".replace(",", "."),
                                    "- 12 baris untuk 6 desa, Oktober 2026, ditambahkan",
                                    "- 305 desa tidak punya data bulan itu"]
    m = {x.label: x.value for x in at.metric}
    assert m["Baris valid"] == "12" and m["Baru"] == "12" and m["Dihapus"] == f"{n_demo:,}".replace(",", ".")
    pratinjau = next(d.value for d in at.dataframe if len(d.value) == 12)
    assert "nik_pemohon" not in pratinjau.columns
    assert sorted(pratinjau["jenis_layanan"]) == sorted(f["jenis_layanan"])
    at.checkbox[0].check().run()
    next(b for b in at.button if b.label.startswith("Impor sekarang")).click().run()
    assert not at.exception, at.exception
    assert any("Impor selesai: 12 baris" in s.value for s in at.success)

    st = Gudang(gudang_sendiri).status()["datasets"]["layanan_permohonan"]
    assert (st["rows"], st["villages_covered"], st["sumber"]) == (12, 6, "nyata")

    at.switch_page("pages/ringkasan.py").run()
    assert not at.exception, at.exception
    d = demo()
    melapor = {n: d[n].loc[d[n][k].astype(str).str.slice(0, 7) == "2026-10", "kode_wilayah"].nunique()
               for n, k in (("desa_website", "periode"), ("ronda_laporan", "waktu"))}
    cakupan = next(x for x in at.metric if x.label == "Cakupan data")
    from indicators.dasar.format import persen

    assert cakupan.value == persen(100 * (6 + sum(melapor.values())) / (3 * 311), 0) != "100%"
    assert cakupan.proto.delta == "6/311 desa · Smart Netizen (terendah)"
    tipis = [w.value for w in at.warning if "data tipis" in w.value]
    assert tipis == ["Indeks ini dibangun di atas data tipis — Smart Netizen hanya 6 dari 311 desa melapor pada "
                     "Oktober 2026; desa lain tidak ikut dihitung."]

    # the briefing PDF's data note follows the same data
    from indicators.data.skema import muat_skema
    from indicators.laporan.briefing import briefing_pdf
    from indicators.ringkasan.susun import susun_ringkasan
    from indicators.skor.kerangka import muat_kerangka
    from indicators.wilayah.batas import batas

    g = Gudang(gudang_sendiri)
    r = susun_ringkasan({n: g.baca(n) for n in muat_skema()}, muat_kerangka(), "18.02", "2026-10",
                        dataset_demo=g.dataset_demo())
    teks = " ".join(PdfReader(io.BytesIO(briefing_pdf(r, "id", batas("18.02", "kecamatan"), True))).pages[0]
                    .extract_text().split())
    assert "Smart Netizen 6 dari 311 desa (2%)" in teks and "data tipis" in teks


def test_halaman_aduan_menampilkan_catatan_mutu(gudang_sendiri):
    from indicators.data import impor

    g = Gudang(gudang_sendiri)
    g.pastikan_demo("18.02")
    isi, _ = bp.aduan_koordinat_tertukar_dan_di_luar()
    impor.jalankan(impor.siapkan(isi, "aduan.csv", "18.02"), g)
    at = _app("pages/aduan-jalan.py")
    assert any("2 aduan diimpor dengan catatan mutu" in w.value for w in at.warning)
    mutu, nomor = judul_kolom("catatan_mutu"), judul_kolom("id_aduan")   # headers from the labels, "–" for none
    tabel = next(d.value for d in at.dataframe if mutu in d.value.columns)
    ditandai = tabel[tabel[mutu] != "–"].set_index(nomor)[mutu].to_dict()
    assert ditandai == {"AJ-NYATA-3": "titik di luar kabupaten", "AJ-NYATA-4": "lintang/bujur tertukar"}
