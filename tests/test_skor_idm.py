"""The official IDM layer against the published thresholds (Permendesa PDTT 2/2016, as in docs/metode.md):
Sangat Tertinggal ≤ 0.4907 < Tertinggal ≤ 0.5989 < Berkembang ≤ 0.7072 < Maju ≤ 0.8155 < Mandiri."""
import numpy as np
import pandas as pd
import pytest

from indicators.skor.idm import lapisan_idm, status_idm
from tests.bantu import demo


@pytest.mark.parametrize("nilai,status", [
    (0.0, "sangat_tertinggal"),
    (0.4907, "sangat_tertinggal"),      # boundaries belong to the lower status
    (0.49071, "tertinggal"),
    (0.5989, "tertinggal"),
    (0.59891, "berkembang"),
    (0.7072, "berkembang"),
    (0.70721, "maju"),
    (0.8155, "maju"),
    (0.81551, "mandiri"),
    (1.0, "mandiri"),
    (np.nan, ""),
])
def test_ambang_status(nilai, status):
    assert status_idm([nilai]).tolist() == [status]


def test_selisih_ke_status_berikut_dan_nilai_resmi_tidak_dihitung_ulang():
    df = pd.DataFrame({
        "kode_wilayah": ["a", "b", "c", "d"],
        "skor_idm": [0.65, 0.6, np.nan, 0.9],
        # b's sub-indices would give (0.9 + 0.9 + 0.9)/3 = 0.9, but its official IDM 0.6 is used as supplied
        "iks": [np.nan, 0.9, 0.5, np.nan], "ike": [np.nan, 0.9, 0.4, np.nan], "ikl": [np.nan, 0.9, 0.6, np.nan],
        "status_idm": ["berkembang", "maju", None, "mandiri"],
    })
    t = lapisan_idm(df).set_index("kode_wilayah")
    assert t["skor_idm"].tolist()[:2] == [0.65, 0.6] and t.loc["b", "sumber_nilai"] == "resmi"
    # c has no official IDM: the official formula (0.5 + 0.4 + 0.6)/3 = 0.5 is applied and flagged
    assert t.loc["c", "skor_idm"] == pytest.approx(0.5) and t.loc["c", "sumber_nilai"] == "rumus_resmi"
    assert t["status_dari_nilai"].tolist() == ["berkembang", "berkembang", "tertinggal", "mandiri"]
    # a: Berkembang needs more than 0.7072 to become Maju: gap 0.7072 − 0.65 = 0.0572
    assert t.loc["a", "status_berikut"] == "maju" and t.loc["a", "selisih_ke_berikut"] == pytest.approx(0.0572)
    assert t.loc["c", "status_berikut"] == "berkembang" and t.loc["c", "selisih_ke_berikut"] == pytest.approx(0.0989)
    assert t.loc["d", "status_berikut"] == "" and np.isnan(t.loc["d", "selisih_ke_berikut"])
    # the supplied status of b (maju) disagrees with its value (0.6 → berkembang): flagged, not overwritten
    assert t["status_cocok"].tolist()[:2] == [True, False] and pd.isna(t.loc["c", "status_cocok"])
    assert t.loc["b", "status_idm"] == "maju"
    assert t.loc["a", "nama_status_id"] == "Berkembang" and t.loc["a", "nama_status_en"] == "Developing"


def test_demo_status_resmi_konsisten_dengan_nilai():
    t = lapisan_idm(demo()["profil_desa"])
    ada = t["status_cocok"].notna()
    assert ada.sum() > 250 and t.loc[ada, "status_cocok"].all()
