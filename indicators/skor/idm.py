"""The official Indeks Desa Membangun (IDM) layer — shown as supplied, never recomputed by our method.

IDM = (IKS + IKE + IKL) / 3 (Permendesa PDTT 2/2016). Status by IDM value, boundaries inclusive
from below as written in docs/metode.md: Sangat Tertinggal ≤ 0.4907 < Tertinggal ≤ 0.5989 < Berkembang
≤ 0.7072 < Maju ≤ 0.8155 < Mandiri. The boundaries and names are data (``idm`` in
``data/kerangka.yaml``).

>>> status_idm([0.4907, 0.4908, 0.8155, 0.8156]).tolist()
['sangat_tertinggal', 'tertinggal', 'maju', 'mandiri']
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.skor.kerangka import Kerangka, muat_kerangka


def _tangga(kerangka: Kerangka | None) -> list[dict]:
    k = kerangka if kerangka is not None and kerangka.idm else muat_kerangka()
    return list(k.idm["status"])


def status_idm(nilai, kerangka: Kerangka | None = None) -> np.ndarray:
    """Status code for each IDM value ("" where the value is missing).

    >>> status_idm([0.5989, 0.5990, float("nan")]).tolist()
    ['tertinggal', 'berkembang', '']
    """
    tangga = _tangga(kerangka)
    batas = np.array([t["batas_atas"] for t in tangga[:-1]], dtype=float)
    kode = np.array([t["kode"] for t in tangga] + [""], dtype=object)
    x = np.asarray(nilai, dtype=float)
    pos = np.searchsorted(batas, x, side="left")   # x ≤ batas[i] → status i
    return np.where(np.isnan(x), "", kode[pos]).astype(object)


def lapisan_idm(profil_desa: pd.DataFrame, kerangka: Kerangka | None = None) -> pd.DataFrame:
    """Per village: the IDM value used, its source, the official status and the gap to the next one.

    Columns ``kode_wilayah, skor_idm, sumber_nilai (resmi | rumus_resmi | ''), status_idm (as supplied),
    status_dari_nilai, status_cocok, nama_status_id, nama_status_en, status_berikut, batas_berikut,
    selisih_ke_berikut``. ``skor_idm`` is taken as supplied; only when it is missing and IKS, IKE and
    IKL are all present is the official formula applied (flagged ``rumus_resmi``). The gap is how
    far the value must rise to pass the next boundary (the next status needs IDM > boundary).

    >>> df = pd.DataFrame({"kode_wilayah": ["a", "b"], "skor_idm": [0.7, None], "iks": [None, 0.9],
    ...                    "ike": [None, 0.6], "ikl": [None, 0.6], "status_idm": ["berkembang", None]})
    >>> kolom = ["skor_idm", "sumber_nilai", "status_dari_nilai", "selisih_ke_berikut"]
    >>> lapisan_idm(df)[kolom].round(4).values.tolist()
    [[0.7, 'resmi', 'berkembang', 0.0072], [0.7, 'rumus_resmi', 'berkembang', 0.0072]]
    """
    tangga = _tangga(kerangka)
    df = profil_desa
    n = len(df)
    def kol(c):
        return pd.to_numeric(df[c], errors="coerce").to_numpy(dtype=float) if c in df else np.full(n, np.nan)
    resmi = kol("skor_idm")
    rumus = (kol("iks") + kol("ike") + kol("ikl")) / 3
    nilai = np.where(np.isnan(resmi), rumus, resmi)
    sumber = np.where(~np.isnan(resmi), "resmi", np.where(~np.isnan(rumus), "rumus_resmi", ""))
    status = status_idm(nilai, kerangka)
    urutan = {t["kode"]: j for j, t in enumerate(tangga)}
    pos = np.array([urutan.get(s, -1) for s in status])
    batas = np.array([np.nan if t["batas_atas"] is None else t["batas_atas"] for t in tangga] + [np.nan], dtype=float)
    berikut = np.array([t["kode"] for t in tangga[1:]] + ["", ""], dtype=object)
    batas_berikut = np.where(pos >= 0, batas[pos], np.nan)
    supplied = df["status_idm"].astype(object).where(df["status_idm"].notna(), "").to_numpy() if "status_idm" in df \
        else np.full(n, "", dtype=object)
    cocok = pd.array([(a == b) if a and b else None for a, b in zip(supplied, status, strict=True)], dtype="boolean")
    nama = {t["kode"]: t["nama"] for t in tangga}
    return pd.DataFrame({
        "kode_wilayah": df["kode_wilayah"].astype(str).to_numpy(),
        "skor_idm": nilai,
        "sumber_nilai": sumber,
        "status_idm": supplied,
        "status_dari_nilai": status,
        "status_cocok": cocok,
        "nama_status_id": [nama[s]["id"] if s else "" for s in status],
        "nama_status_en": [nama[s]["en"] if s else "" for s in status],
        "status_berikut": np.where(pos >= 0, berikut[pos], ""),
        "batas_berikut": batas_berikut,
        "selisih_ke_berikut": batas_berikut - nilai,
    })
