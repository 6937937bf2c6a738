"""The crosswalk of the framework's indicators to ITU U4SSC key performance indicators, for reviewers.
"""
from __future__ import annotations

import pandas as pd

from indicators.evaluasi.pengaturan import BAHASA, PengaturanEvaluasi, muat_pengaturan
from indicators.skor.kerangka import Kerangka


def crosswalk_u4ssc(kerangka: Kerangka, bahasa: str = "id",
                    pengaturan: PengaturanEvaluasi | None = None) -> pd.DataFrame:
    """Each pillar, then each indicator, with the closest U4SSC dimension, sub-dimension, category and
    KPI, the match strength and a note. An item missing from the settings has ``kecocokan`` =
    ``belum_dipetakan`` (never dropped).

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> t = crosswalk_u4ssc(muat_kerangka(), "en").set_index("id")
    >>> t.loc["soc_sinyal_4g", ["u4ssc_dimensi", "u4ssc_sub", "kpi_u4ssc", "kecocokan"]].tolist()
    ['Economy', 'ICT', 'Wireless Broadband Coverage', 'langsung']
    """
    if bahasa not in BAHASA:
        raise ValueError(f"bahasa harus salah satu dari {BAHASA}")
    u = (pengaturan or muat_pengaturan()).u4ssc
    rows = []
    nama_pilar = {p.id: p.nama[bahasa] for p in kerangka.pilar}
    for tingkat, daftar in (("pilar", [(p.id, p.id, p.nama[bahasa]) for p in kerangka.pilar]),
                            ("indikator", [(i.id, i.pilar, i.nama[bahasa]) for i in kerangka.indikator])):
        for id_, pilar, nama in daftar:
            e = (u.get(tingkat) or {}).get(id_)
            row = {"tingkat": tingkat, "id": id_, "pilar": pilar, "pilar_nama": nama_pilar.get(pilar, pilar),
                   "nama": nama, "dimensi_id": None, "sub_id": None, "kategori_id": None, "u4ssc_dimensi": "",
                   "u4ssc_sub": "", "u4ssc_kategori": "", "kpi_u4ssc": "", "kecocokan": "belum_dipetakan",
                   "catatan": ""}
            if e:
                d = u["dimensi"][e["dimensi"]]
                row.update(dimensi_id=e["dimensi"], sub_id=e["sub"], kategori_id=e.get("kategori"),
                           u4ssc_dimensi=d["nama"][bahasa], u4ssc_sub=d["sub"][e["sub"]]["nama"][bahasa],
                           u4ssc_kategori=u["kategori"][e["kategori"]][bahasa] if e.get("kategori") else "",
                           kpi_u4ssc=e.get("kpi") or "", kecocokan=e["kecocokan"],
                           catatan=(e.get("catatan") or {}).get(bahasa, ""))
            rows.append(row)
    return pd.DataFrame(rows)
