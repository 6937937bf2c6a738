"""Road condition ("kemantapan jalan") from ``ruas_jalan``, and complaints per 10 km of road.

Kemantapan is the share of road length in a steady condition — ``baik`` or ``sedang`` by default
(``data/aduan.yaml`` → ``kondisi_mantap``), the measure Indonesian road agencies report:

    kemantapan = 100 × Σ panjang_km (kondisi ∈ mantap) / Σ panjang_km (kondisi known)

A segment whose condition is not recorded (not yet surveyed, e.g. a road file without condition)
counts in the length but not in kemantapan.

>>> r = pd.DataFrame({"status_jalan": ["provinsi", "provinsi", "kabupaten"], "panjang_km": [10.0, 5.0, 4.0],
...                   "kondisi": ["baik", "rusak_berat", "sedang"], "kode_wilayah": ["18.02.01"] * 3})
>>> kemantapan(r, "status_jalan")[["status_jalan", "panjang_km", "kemantapan_persen"]].round(1).head(3).values.tolist()
[['nasional', 0.0, nan], ['provinsi', 15.0, 66.7], ['kabupaten', 4.0, 100.0]]
"""
from __future__ import annotations

import numpy as np
import pandas as pd


def _cek(ruas: pd.DataFrame) -> None:
    kurang = [k for k in ("status_jalan", "panjang_km", "kondisi") if k not in ruas]
    if kurang:
        raise ValueError(f"kolom ruas_jalan wajib tidak ada: {kurang}")
    panjang = pd.to_numeric(ruas["panjang_km"], errors="coerce")
    if panjang.isna().any() or (panjang < 0).any():
        raise ValueError("panjang_km harus angka tidak negatif di setiap ruas")


def kemantapan(ruas: pd.DataFrame, per: str, mantap: list[str] | None = None) -> pd.DataFrame:
    """Road length, steady length and kemantapan (%, NaN where there is no road) per ``per``.

    ``per`` is ``status_jalan`` (every authority listed, in order) or ``kode_wilayah`` (the
    kecamatan a segment lies in). Also returns the length per condition (``km_<kondisi>``).
    """
    from indicators.aduan.aturan import URUTAN_KEWENANGAN, deklarasi

    _cek(ruas)
    if per not in ("status_jalan", "kode_wilayah"):
        raise ValueError(f"per harus 'status_jalan' atau 'kode_wilayah', bukan {per!r}")
    mantap = list(deklarasi()["kondisi_mantap"] if mantap is None else mantap)
    kondisi = list(deklarasi()["kondisi"])
    panjang = pd.to_numeric(ruas["panjang_km"]).astype(float)
    kunci = ruas[per].astype(str)
    per_kondisi = pd.DataFrame({"kunci": kunci, "kondisi": ruas["kondisi"].astype(str), "km": panjang}).pivot_table(
        index="kunci", columns="kondisi", values="km", aggfunc="sum", fill_value=0.0)
    per_kondisi = per_kondisi.reindex(columns=kondisi, fill_value=0.0)
    total = panjang.groupby(kunci).sum()
    if per == "status_jalan":
        per_kondisi = per_kondisi.reindex(URUTAN_KEWENANGAN, fill_value=0.0)
    total = total.reindex(per_kondisi.index, fill_value=0.0)
    # a segment not yet surveyed (kondisi empty) counts in the length, not in kemantapan
    disurvei = per_kondisi.sum(axis=1)
    steady = per_kondisi[[k for k in mantap if k in per_kondisi]].sum(axis=1)
    out = pd.DataFrame({"panjang_km": total, "mantap_km": steady,
                        "kemantapan_persen": (steady / disurvei.where(disurvei > 0) * 100)})
    out = out.join(per_kondisi.add_prefix("km_"))
    return out.rename_axis(per).reset_index()


def aduan_per_10km(df: pd.DataFrame, ruas: pd.DataFrame, per: str) -> pd.DataFrame:
    """Unique complaints (all and open) per 10 km of recorded road, per authority or kecamatan.

    ``df`` is a (filtered) frame of :func:`indicators.aduan.siapan.siapkan`; ``per`` is ``status_jalan``
    or ``kode_kecamatan`` (matched to the kecamatan of each road segment). NaN where no road length
    is recorded: a rate over zero km is not a number.
    """
    if per not in ("status_jalan", "kode_kecamatan"):
        raise ValueError(f"per harus 'status_jalan' atau 'kode_kecamatan', bukan {per!r}")
    kol_ruas = "status_jalan" if per == "status_jalan" else "kode_wilayah"
    k = kemantapan(ruas, kol_ruas).set_index(kol_ruas)
    semua = df.groupby(df[per].astype(str))["kelompok"].nunique()
    buka = df[df["terbuka"]].groupby(df.loc[df["terbuka"], per].astype(str))["kelompok"].nunique()
    idx = k.index.union(semua.index) if per == "kode_kecamatan" else k.index
    km = k["panjang_km"].reindex(idx)
    per10 = 10 / km.where(km > 0)
    out = pd.DataFrame({
        "panjang_km": km.fillna(0.0), "kemantapan_persen": k["kemantapan_persen"].reindex(idx),
        "aduan": semua.reindex(idx, fill_value=0).astype(int), "terbuka": buka.reindex(idx, fill_value=0).astype(int),
    })
    out["aduan_per_10km"] = out["aduan"] * per10
    out["terbuka_per_10km"] = out["terbuka"] * per10
    return out.rename_axis(per).reset_index()


def kemantapan_ruas(ruas: pd.DataFrame, mantap: list[str] | None = None) -> pd.DataFrame:
    """Length and kemantapan per road name (``nama_ruas``), for the escalation pack."""
    from indicators.aduan.aturan import deklarasi

    _cek(ruas)
    mantap = list(deklarasi()["kondisi_mantap"] if mantap is None else mantap)
    panjang = pd.to_numeric(ruas["panjang_km"]).astype(float)
    kondisi = ruas["kondisi"].astype(object)
    steady = panjang.where(kondisi.isin(mantap), 0.0)
    g = pd.DataFrame({"nama_ruas": ruas["nama_ruas"].astype(str), "panjang_km": panjang, "mantap_km": steady,
                      "disurvei_km": panjang.where(kondisi.isin(deklarasi()["kondisi"]), 0.0),
                      "rusak_berat_km": panjang.where(kondisi == "rusak_berat", 0.0)})
    out = g.groupby("nama_ruas").sum()
    out["kemantapan_persen"] = np.where(out["disurvei_km"] > 0, out["mantap_km"] / out["disurvei_km"].where(
        out["disurvei_km"] > 0) * 100, np.nan)
    out = out.drop(columns="disurvei_km")
    return out.reset_index()


def aduan_per_km_ruas(df: pd.DataFrame, ruas: pd.DataFrame) -> pd.DataFrame:
    """Complaints per km of each road segment (``id_ruas``), for the hot-spot lines of the road map.

    ``df`` a (filtered) frame of :func:`indicators.aduan.siapan.siapkan` built with ``ruas=`` (so each
    complaint carries the ``id_ruas`` it was snapped to); ``ruas`` the ``ruas_jalan`` dataset. One row
    per segment, every segment listed: ``aduan`` and ``terbuka`` are unique complaints (duplicate
    groups), ``aduan_per_km``/``terbuka_per_km`` over the segment's length (NaN for a zero length).

    >>> r = pd.DataFrame({"id_ruas": ["a", "b"], "nama_ruas": ["A", "B"], "status_jalan": ["provinsi", "desa"],
    ...                   "panjang_km": [2.0, 0.5], "kondisi": ["baik", None]})
    >>> d = pd.DataFrame({"id_ruas": ["a", "a", "a", None], "kelompok": ["k1", "k1", "k2", "k3"],
    ...                   "terbuka": [True, True, False, True]})
    >>> aduan_per_km_ruas(d, r)[["id_ruas", "aduan", "terbuka", "aduan_per_km"]].values.tolist()
    [['a', 2, 1, 1.0], ['b', 0, 0, 0.0]]
    """
    if "id_ruas" not in df:
        raise ValueError("aduan belum ditambatkan ke jaringan jalan: siapkan(..., ruas=ruas_jalan) dulu")
    kol = [k for k in ("id_ruas", "nama_ruas", "status_jalan", "panjang_km", "kondisi", "kode_wilayah") if k in ruas]
    out = ruas[kol].drop_duplicates("id_ruas").set_index("id_ruas")
    ada = df[df["id_ruas"].notna()]
    out["aduan"] = ada.groupby("id_ruas")["kelompok"].nunique().reindex(out.index, fill_value=0).astype(int)
    buka = ada[ada["terbuka"]]
    out["terbuka"] = buka.groupby("id_ruas")["kelompok"].nunique().reindex(out.index, fill_value=0).astype(int)
    km = pd.to_numeric(out["panjang_km"], errors="coerce")
    out["aduan_per_km"] = out["aduan"] / km.where(km > 0)
    out["terbuka_per_km"] = out["terbuka"] / km.where(km > 0)
    return out.reset_index()
