"""The progress and evaluation pages through AppTest: filters live in the URL, the tables shown are the
core's filtered tables (and so are the exports), charts are drawn, the language switches, the weights
move the index as the core says, the report downloads are offered."""
import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from indicators.dasar.pengaturan import AKAR
from indicators.evaluasi.susun import evaluasi
from indicators.progres.kurva import kurva_s
from indicators.progres.masukan import daftar_periode, saring_program
from indicators.progres.status import status_program
from indicators.skor.kerangka import DIMENSI, muat_kerangka
from tests.bantu import demo

PROGRES, EVALUASI = "pages/progres.py", "pages/evaluasi.py"


@pytest.fixture(scope="module", autouse=True)
def gudang_uji(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("DASBOR_PATH_GUDANG", str(tmp_path_factory.mktemp("gudang") / "progres.duckdb"))
    yield
    mp.undo()


def buka(halaman: str, **query) -> AppTest:
    at = AppTest.from_file(str(AKAR / "app.py"), default_timeout=240)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(halaman).run()
    assert not at.exception, at.exception
    return at


def _grafik(at) -> list[dict]:
    return [json.loads(e.proto.spec) for e in at.get("plotly_chart")]


def _angka(v) -> list:
    """Plotly serialises numeric arrays as typed base64 ({"dtype", "bdata"}); plain lists stay lists."""
    if isinstance(v, dict) and "bdata" in v:
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"])).tolist()
    return list(v)


def _q(at, kunci: str) -> str:
    """A URL parameter as one string (AppTest keeps each as a list of values)."""
    v = at.query_params[kunci]
    return v[0] if isinstance(v, list) else v


def _tabel(at, judul_kolom: str):
    """The first dataframe on the page with that column."""
    for e in at.dataframe:
        if judul_kolom in e.value.columns:
            return e.value
    raise AssertionError(f"no table with column {judul_kolom!r}")


def test_progres_dua_kurva_s_target_vs_realisasi():
    at = buka(PROGRES)
    grafik = _grafik(at)
    garis = [f for f in grafik if any(t.get("mode") == "lines+markers" for t in f["data"])]
    assert len(garis) >= 2
    nama = {t["name"] for f in garis[:2] for t in f["data"]}
    assert {"Target", "Realisasi", "Rencana"} <= nama
    # the physical S-curve ends at the core's value for the latest month
    d = demo()
    k = kurva_s(d["program_progres"], d["program"]).iloc[-1]
    fisik = {t["name"]: t for t in garis[0]["data"]}
    assert _angka(fisik["Realisasi"]["y"])[-1] == pytest.approx(k["realisasi_fisik"])
    assert _angka(fisik["Target"]["y"])[-1] == pytest.approx(k["target_fisik"])
    assert any(f["data"][0]["type"] == "bar" and f["data"][0].get("base") for f in grafik)  # the timeline


def test_progres_filter_dari_url_dan_tabel_sama_dengan_inti():
    at = buka(PROGRES, pilar="governance,living", jenis="quick_win", posisi="2025-12")
    assert at.multiselect(key="pilar").value == ["governance", "living"]
    assert at.multiselect(key="jenis").value == ["quick_win"]
    assert at.selectbox(key="posisi").value == "2025-12"
    d = demo()
    p = saring_program(d["program"], ["governance", "living"], None, ["quick_win"])
    s = status_program(d["program_progres"], p, "2025-12")
    tabel = _tabel(at, "Jangka")
    # the "all programmes" table (and therefore its export) is exactly the filtered core table
    semua = [t for t in at.dataframe if "Status" in t.value.columns][-1].value
    assert sorted(semua["Kode"]) == sorted(p["id_program"])
    assert semua["Kode"].tolist() == s["id_program"].tolist()
    assert set(tabel["Jangka"]) <= {"Quick win"}
    assert at.metric[0].value == str(len(p))


def test_progres_mengubah_filter_menulis_url():
    at = buka(PROGRES)
    at.multiselect(key="opd").set_value(["Diskominfo"]).run()
    assert _q(at, "opd") == "Diskominfo"
    semua = [t for t in at.dataframe if "Status" in t.value.columns][-1].value
    assert set(semua["OPD"]) == {"Diskominfo"}
    at.selectbox(key="posisi").set_value("2025-06").run()
    assert _q(at, "posisi") == "2025-06"


def test_progres_url_tidak_dikenal_kembali_ke_bawaan():
    at = buka(PROGRES, posisi="2099-01", pilar="tidak_ada")
    assert at.selectbox(key="posisi").value == daftar_periode(demo()["program_progres"])[-1]
    assert at.multiselect(key="pilar").value == []


def test_progres_bahasa_inggris():
    at = buka(PROGRES, lang="en")
    assert at.title[0].value == "Masterplan Progress"
    assert "Late programmes" in [m.label for m in at.metric]
    assert "Late programmes and responsible agencies" in [s.value for s in at.subheader]


def test_evaluasi_lima_dimensi_indeks_dan_unduhan():
    at = buka(EVALUASI)
    h = evaluasi(demo(), muat_kerangka(), "18.02", "2026-10")
    assert at.metric[0].label == "Indeks capaian"
    assert at.metric[0].value == f"{h.indeks:.1f}".replace(".", ",")
    dim = _tabel(at, "Kontribusi (poin)")
    assert dim["Dimensi"].tolist() == ["Baseline", "Output", "Outcome", "Impact", "Quick Win"]
    heat = next(f for f in _grafik(at) if f["data"][0]["type"] == "heatmap")
    assert heat["data"][0]["x"] == ["Baseline", "Output", "Outcome", "Impact", "Quick Win"]
    # the evidence table lists evidence of every evidenced cell
    bukti = _tabel(at, "Jenis bukti")
    assert len(bukti) == len(h.bukti)
    label = {b.label for b in at.get("download_button")}
    assert {"Unduh laporan reviu (PDF)", "Unduh tabel pendukung (XLSX)"} <= label
    assert any("U4SSC" in s.value for s in at.subheader)


def test_evaluasi_bobot_menggeser_indeks_seperti_inti():
    at = buka(EVALUASI)
    for d in DIMENSI:
        at.number_input(key=f"bobot_{d}").set_value(100.0 if d == "impact" else 0.0)
    at.run()
    assert not at.exception
    h = evaluasi(demo(), muat_kerangka(), "18.02", "2026-10")
    impact = h.dimensi.set_index("dimensi").loc["impact", "skor"]
    # only impact weighs: the index is the impact dimension's score
    assert at.metric[0].value == f"{impact:.1f}".replace(".", ",")
    assert at.metric[1].value == "100%"  # all of the (only) weight has evidence


def test_evaluasi_filter_pilar_membatasi_bukti():
    at = buka(EVALUASI, pilar="environment")
    bukti = _tabel(at, "Jenis bukti")
    assert set(bukti["Pilar"]) == {"Lingkungan Cerdas"}
    cw = _tabel(at, "Dimensi U4SSC")
    assert set(cw["Pilar"]) == {"Lingkungan Cerdas"}


def test_evaluasi_bahasa_inggris():
    at = buka(EVALUASI, lang="en")
    assert at.title[0].value == "Kominfo Evaluation"
    assert at.metric[0].label == "Achievement index"
    assert not np.isnan(float(at.metric[0].value.replace(",", "")))


def test_progres_posisi_sebelum_program_mulai():
    # GOV-02 starts in 2026 (demo): at position July 2025 its curve has no report yet — said, not a failure
    pp = demo()["program_progres"]
    assert pp.loc[pp["id_program"] == "GOV-02", "periode"].astype(str).min() > "2025-07"
    at = buka("pages/progres.py", posisi="2025-07", program="GOV-02")
    assert [e.value for e in at.error] == []
    assert any("belum punya laporan sampai Juli 2025" in i.value for i in at.info)
    assert any(d.value.shape[0] > 0 for d in at.dataframe)  # the tables below still drawn
