"""/layanan-desa through Streamlit's AppTest: the headline numbers are the scoring core's indicator values for
the same unit and period, the filters live in the URL and come back from it, and the page draws its
charts and village maps with labelled tables and exports."""
import base64
import json
import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from indicators.dasar.format import angka, persen
from indicators.dasar.pengaturan import AKAR
from indicators.layanan import nilai as layanan
from indicators.skor.hitung import hitung_nilai
from indicators.skor.kerangka import muat_kerangka
from tests.bantu import dibaca, nilai_choropleth

HALAMAN = "pages/layanan-desa.py"
KEC, DESA = "18.02.03", "18.02.03.2005"     # Padang Ratu and one of its villages


@pytest.fixture(scope="module", autouse=True)
def gudang_uji(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("DASBOR_PATH_GUDANG", str(tmp_path_factory.mktemp("gudang") / "layanan.duckdb"))
    yield
    mp.undo()


# The page opened first, as a browser opening /layanan-desa?... does (app.py's navigation would run the
# overview first, whose own "periode" widget would take the URL's period before this page sees it).
ENTRI = f"""
import streamlit as st
from indicators.dasar.label import teks
from pages._bersama import pilih_bahasa
st.set_page_config(layout="wide")
b = pilih_bahasa()
st.navigation([st.Page({str(AKAR / HALAMAN)!r}, title=teks("halaman_layanan_desa", b), url_path="layanan-desa",
                       default=True)]).run()
"""


def buka(**query) -> AppTest:
    at = AppTest.from_string(ENTRI, default_timeout=300)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value in ("Layanan Desa", "Village Services")
    return at


def data_gudang() -> dict:
    from indicators.data.gudang import Gudang

    g = Gudang.bawaan()
    return {n: g.baca(n) for n in layanan.DATASET}


def teks_nilai(x, satuan: str, b: str = "id") -> str:
    """How the page writes an indicator value (indicators.dasar.format)."""
    if satuan.startswith("%"):
        return persen(x, 1, b)
    return angka(x, 1, b) if "/" in satuan or x != x else f"{angka(x, 1, b)} {satuan}"


def metrik(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize(("query", "tingkat", "unit"), [
    ({}, "kabupaten", "18.02"),
    ({"kec": KEC, "periode": "2026-06"}, "kecamatan", KEC),
    ({"kec": KEC, "desa": DESA, "periode": "2025-12"}, "desa", DESA),
])
def test_angka_utama_sama_dengan_nilai_inti_skor(query, tingkat, unit):
    at = buka(**query)
    data = data_gudang()
    periode = query.get("periode") or layanan.periode_data(data)
    k = muat_kerangka()
    inti = hitung_nilai(data, k, "18.02", tingkat, periode).loc[unit]   # the scoring core, the whole framework
    m = metrik(at)
    dicek = 0
    for i in layanan.INDIKATOR:
        if i not in inti.index:            # gov_desa_lapor is not defined for a single village
            assert k.indikator_id(i).nama["id"] not in m
            continue
        ind = k.indikator_id(i)
        assert m[ind.nama["id"]] == teks_nilai(inti[i], ind.satuan), i
        dicek += 1
    assert dicek >= 9
    assert at.subheader[0].value.endswith(at.selectbox(key="periode").format_func(periode))


def test_saringan_dari_url_ke_widget_dan_kembali():
    at = buka(kec=KEC, desa=DESA, jenis="surat_domisili,surat_usaha", bulan="3", periode="2026-06")
    assert at.selectbox(key="kec").value == KEC and at.selectbox(key="desa").value == DESA
    assert at.selectbox(key="bulan").value == 3 and at.selectbox(key="periode").value == "2026-06"
    assert at.multiselect(key="jenis").value == ["surat_domisili", "surat_usaha"]
    assert "April 2026 – Juni 2026" in at.subheader[0].value        # three months ending in June
    # another kecamatan: the village of Padang Ratu no longer fits and falls back to all villages
    at.selectbox(key="kec").set_value("18.02.05").run()
    assert not at.exception
    assert at.query_params["kec"] == "18.02.05" and "desa" not in at.query_params
    assert at.subheader[0].value.startswith("Trimurjo")
    at.multiselect(key="jenis").set_value([]).run()
    at.selectbox(key="kec").set_value("semua").run()
    assert "kec" not in at.query_params and "jenis" not in at.query_params
    assert at.query_params["periode"] == "2026-06"          # a choice other than the default stays in the link


def test_nilai_url_tak_dikenal_kembali_ke_bawaan():
    at = buka(kec="99.99", desa="18.02.01.9999", periode="1999-01", bulan="7", jenis="bukan_layanan")
    assert at.selectbox(key="kec").value == "semua" and at.selectbox(key="bulan").value == 1
    assert at.selectbox(key="periode").value == layanan.periode_data(data_gudang())   # the latest month
    assert at.multiselect(key="jenis").value == []
    assert at.subheader[0].value.startswith("Kabupaten Lampung Tengah")


def test_jenis_layanan_menghitung_indikator_inti_pada_jenis_itu():
    at = buka(jenis="surat_pindah")
    data = data_gudang()
    periode = layanan.periode_data(data)
    mohon = data["layanan_permohonan"]
    data["layanan_permohonan"] = mohon[mohon["jenis_layanan"] == "surat_pindah"]
    k = muat_kerangka()
    inti = hitung_nilai(data, k, "18.02", "kabupaten", periode).loc["18.02"]
    m = metrik(at)
    for i in ("gov_sla_layanan", "gov_hari_proses", "gov_layanan_online"):
        assert m[k.indikator_id(i).nama["id"]] == teks_nilai(inti[i], k.indikator_id(i).satuan), i
    assert any("jenis layanan yang dipilih" in c.value for c in at.caption)


TAB = ["DesaID", "Smart Netizen", "Ronda Online", "Sinyal", "Kualitas data", "Tabel desa"]


def test_setiap_tab_lewat_url_dan_hanya_tab_terbuka_yang_dihitung():
    spek, unduh = {}, []
    kode_kolom = re.compile(r"[a-z0-9]+(_[a-z0-9]+)+")        # a raw column name: every header is labelled
    for tab in TAB:
        at = buka(**({"bagian": tab} if tab != TAB[0] else {}))
        assert [t.label for t in at.tabs] == TAB
        assert len(at.header) == 1                            # one section: the open tab only
        spek[tab] = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
        if tab == "Ronda Online":  # its map is Leaflet (the village a click selects); values read from its script
            peta_ronda = nilai_choropleth(at)
            assert "Kejadian per 1.000 penduduk (per desa)" in [m.value.strip("*") for m in at.markdown]
        for tabel in at.dataframe:
            assert not any(kode_kolom.fullmatch(str(c)) for c in tabel.value.columns), (tab, tabel.value.columns)
        unduh += [(tab, e.proto.label) for e in at.get("download_button")]
        if tab == "Kualitas data":
            m = metrik(at)
            for t in ("Selesai dalam hitungan menit", "Tanggal di masa depan", "Tanggal/waktu mustahil",
                      "Kemungkinan duplikat"):
                assert re.fullmatch(r"[\d.]+", m[t]), t          # every flag counted, zero included
            assert int(m["Selesai dalam hitungan menit"].replace(".", "")) > 0   # the demo plants them
    semua = [f for fs in spek.values() for f in fs]
    peta = [f for f in semua if any(t["type"] == "choroplethmap" for t in f["data"])]
    assert len(peta) == 2 and len(semua) - len(peta) >= 10
    for kode in [{k for t in f["data"][:2] for k in t["locations"]} for f in peta] + [set(peta_ronda)]:
        # every village of the district, coloured or grey as "no data"
        assert len(kode) == 311 and all(re.fullmatch(r"18\.02\.\d\d\.[12]\d{3}", k) for k in kode)
    judul = {tab: [dibaca(f["layout"]["title"]["text"]) for f in fs] for tab, fs in spek.items()}
    assert "Status situs desa" in judul["DesaID"]
    assert len(judul["Smart Netizen"]) == 6 and not judul["Tabel desa"]
    assert judul["Smart Netizen"][0] == "Permohonan per bulan menurut jenis layanan, dan bagian daring"
    for tab in ("DesaID", "Smart Netizen", "Kualitas data", "Tabel desa"):
        assert (tab, "Unduh CSV") in unduh and (tab, "Unduh XLSX") in unduh, tab


def test_halaman_dalam_bahasa_inggris():
    at = buka(lang="en", kec=KEC)
    assert at.title[0].value == "Village Services"
    assert [t.label for t in at.tabs] == ["DesaID", "Smart Netizen", "Ronda Online", "Signal", "Data quality",
                                          "Village table"]
    assert [h.value for h in at.header] == ["DesaID — village websites"]
    at = buka(lang="en", bagian="Signal")
    assert [h.value for h in at.header] == ["Mobile signal and online services"]
    k = muat_kerangka()
    assert k.indikator_id("gov_sla_layanan").nama["en"] in metrik(at)


def test_permohonan_per_bulan_menurut_kanal_dari_url():
    at = buka(bagian="Smart Netizen", menurut="kanal")
    f = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert f["layout"]["title"]["text"].startswith("Permohonan per bulan menurut kanal")
    assert [t["name"] for t in f["data"]] == ["Loket", "Daring", "Daring (%)"]
    # the online share line is the core's gov_layanan_online of each month (the last two: Sep, Oct 2026)
    y = f["data"][2]["y"]
    y = np.frombuffer(base64.b64decode(y["bdata"]), dtype=y["dtype"]) if isinstance(y, dict) else np.asarray(y)
    data, k = data_gudang(), muat_kerangka()
    for i, bulan in ((-2, "2026-09"), (-1, "2026-10")):
        inti = hitung_nilai(data, k, "18.02", "kabupaten", bulan).loc["18.02", "gov_layanan_online"]
        assert y[i] == inti, bulan
