"""Mobile signal against service adoption: does the lack of 4G explain a low online share?

The online share of a group of villages is the core's ``gov_layanan_online`` formula over the rows it
reads (requests entered in the period), pooled per group. Comparing villages with and without 4G across
the whole district mixes in everything else that differs between places, so the comparison is also
made *within* each kecamatan (villages of the same kecamatan, with and without 4G) and averaged over
the kecamatan that have both — an association, not a proof of cause.

>>> r = pd.DataFrame({"_kode": ["18.02.01.2001", "18.02.01.2001", "18.02.01.2002", "18.02.01.2002"],
...                   "_pembilang": [True, True, True, False]})
>>> sinyal = pd.Series({"18.02.01.2001": "4g", "18.02.01.2002": "2g"})
>>> daring_per_sinyal(r, sinyal)[["sinyal", "persen_daring"]].values.tolist()
[['4g', 100.0], ['2g', 50.0]]
>>> float(selisih_dalam_kecamatan(r, sinyal)["selisih_rata"])
50.0
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from indicators.layanan import nilai as layanan
from indicators.layanan.netizen import rasio_per


def sinyal_desa(data: Mapping[str, pd.DataFrame]) -> pd.Series:
    """Best signal at each village centre (``profil_desa.sinyal``), by village code; empty without it."""
    prof = data.get("profil_desa")
    if prof is None or prof.empty or "sinyal" not in prof:
        return pd.Series(dtype=object)
    return pd.Series(prof["sinyal"].astype(object).to_numpy(), index=prof["kode_wilayah"].astype(str).to_numpy())


def daring_per_sinyal(rows_online: pd.DataFrame, sinyal: pd.Series) -> pd.DataFrame:
    """Per signal class (best first; ``tidak_diketahui`` last when some villages lack it): ``desa`` with
    requests, ``permohonan``, ``daring``, ``persen_daring``."""
    urutan = [*layanan.deklarasi()["sinyal"], "tidak_diketahui"]
    if rows_online.empty:
        return pd.DataFrame(columns=["sinyal", "desa", "permohonan", "daring", "persen_daring"])
    kode = rows_online["_kode"].astype(str)
    r = rows_online.assign(sinyal=kode.map(sinyal).fillna("tidak_diketahui").astype(str), _k=kode)
    g = rasio_per(r, "sinyal")
    g["desa"] = r.groupby("sinyal")["_k"].nunique()
    g = g.reindex([u for u in urutan if u in g.index])
    return (g.rename(columns={"penyebut": "permohonan", "pembilang": "daring", "persen": "persen_daring"})
            .rename_axis("sinyal").reset_index()[["sinyal", "desa", "permohonan", "daring", "persen_daring"]])


def selisih_dalam_kecamatan(rows_online: pd.DataFrame, sinyal: pd.Series) -> dict:
    """Online share of 4G villages minus that of villages without 4G, within each kecamatan having
    both: ``per_kecamatan`` (a frame), ``selisih_rata`` (mean over those kecamatan, points) and
    ``kecamatan`` (how many). NaN when no kecamatan has both."""
    if rows_online.empty:
        return {"per_kecamatan": pd.DataFrame(), "selisih_rata": np.nan, "kecamatan": 0}
    kode = rows_online["_kode"].astype(str)
    s = kode.map(sinyal)
    r = rows_online[s.notna()].assign(_kec=kode.str.slice(0, 8), _4g=np.where(s[s.notna()] == "4g", "4g", "bukan_4g"))
    g = rasio_per(r, ["_kec", "_4g"]).reset_index().pivot_table(index="_kec", columns="_4g", values="persen")
    if not {"4g", "bukan_4g"} <= set(g.columns):
        return {"per_kecamatan": pd.DataFrame(), "selisih_rata": np.nan, "kecamatan": 0}
    g = g.dropna(subset=["4g", "bukan_4g"])
    g["selisih"] = g["4g"] - g["bukan_4g"]
    return {"per_kecamatan": g.rename_axis("kode_wilayah").reset_index(),
            "selisih_rata": float(g["selisih"].mean()) if len(g) else np.nan, "kecamatan": len(g)}


def adopsi_desa(nilai_desa: pd.DataFrame, rows_online: pd.DataFrame, sinyal: pd.Series,
                kode_desa: list[str]) -> pd.DataFrame:
    """Per village: ``sinyal``, ``permohonan`` entered in the period, ``persen_daring`` (the core's
    ``gov_layanan_online`` at village level) and ``daring_rendah`` (below ``online_rendah_persen``)."""
    masuk = rows_online["_kode"].astype(str).value_counts() if len(rows_online) else pd.Series(dtype=int)
    out = pd.DataFrame({"kode_wilayah": kode_desa})
    out["sinyal"] = out["kode_wilayah"].map(sinyal)
    out["permohonan"] = out["kode_wilayah"].map(masuk).fillna(0).astype(int)
    daring = nilai_desa["gov_layanan_online"] if "gov_layanan_online" in nilai_desa else pd.Series(dtype=float)
    out["persen_daring"] = out["kode_wilayah"].map(daring).astype(float)
    out["daring_rendah"] = out["persen_daring"] < float(layanan.deklarasi()["online_rendah_persen"])
    return out


def ringkasan_sinyal(adopsi: pd.DataFrame) -> dict:
    """Villages without 4G; among the villages with a low online share, how many lack 4G, against the
    share of villages lacking 4G among all villages with requests.

    >>> a = pd.DataFrame({"sinyal": ["4g", "4g", "2g", "3g"], "permohonan": [5, 5, 5, 0],
    ...                   "persen_daring": [80.0, 30.0, 20.0, None], "daring_rendah": [False, True, True, False]})
    >>> r = ringkasan_sinyal(a)
    >>> r["tanpa_4g"], r["rendah"], r["rendah_tanpa_4g"], r["persen_tanpa_4g_rendah"], r["persen_tanpa_4g_semua"]
    (2, 2, 1, 50.0, 33.33333333333333)
    """
    ada = adopsi[adopsi["permohonan"] > 0]
    tanpa = adopsi["sinyal"].notna() & (adopsi["sinyal"] != "4g")
    rendah = ada[ada["daring_rendah"].astype(bool)]
    r_tanpa = int((rendah["sinyal"].notna() & (rendah["sinyal"] != "4g")).sum())
    ada_tanpa = int((ada["sinyal"].notna() & (ada["sinyal"] != "4g")).sum())
    return {"tanpa_4g": int(tanpa.sum()), "rendah": len(rendah), "rendah_tanpa_4g": r_tanpa,
            "persen_tanpa_4g_rendah": r_tanpa / len(rendah) * 100 if len(rendah) else np.nan,
            "persen_tanpa_4g_semua": ada_tanpa / len(ada) * 100 if len(ada) else np.nan}
