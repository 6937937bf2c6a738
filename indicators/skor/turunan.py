"""Derived columns: facts about a row that a framework's ``hitung`` can filter on or summarise.

One small function per dataset, registered in ``TURUNAN``; the framework refers to the derived
columns by name (``tepat_waktu``, ``hari_proses``, ``terbuka_akhir``...). Settings such as service
targets come from the framework's top level (``target_layanan_hari``...), never from code.

>>> import pandas as pd
>>> df = pd.DataFrame({"jenis_layanan": ["surat_domisili"], "status": ["selesai"],
...                    "tanggal_masuk": pd.to_datetime(["2026-01-05 08:00"]),
...                    "tanggal_selesai": pd.to_datetime(["2026-01-05 20:00"])})
>>> out = layanan_permohonan(df, {"target_layanan_hari": {"surat_domisili": 1}}, {}, pd.Timestamp("2026-02-01"))
>>> out[["hari_proses", "tepat_waktu"]].values.tolist()
[[0.5, True]]
"""
from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

HARI = pd.Timedelta(days=1)
STATUS_ADUAN_TERTUTUP = ("selesai", "ditolak", "duplikat", "bukan_kewenangan")
KONTAK_SITUS = ("ada_alamat", "ada_email", "ada_telepon")   # the contact columns of desa_website


def _benar(s: pd.Series) -> pd.Series:
    """A boolean column with missing values read as False."""
    return s.astype("boolean").fillna(False).astype(bool)


def layanan_permohonan(df: pd.DataFrame, setelan: Mapping, data: Mapping, akhir: pd.Timestamp) -> pd.DataFrame:
    """``hari_proses`` (days, completed requests), ``tenggat`` (deadline), ``tepat_waktu`` (done by it)."""
    selesai = df["status"].astype(str).eq("selesai") & df["tanggal_selesai"].notna()
    hari = (df["tanggal_selesai"] - df["tanggal_masuk"]) / HARI
    target = df["jenis_layanan"].astype(str).map(setelan.get("target_layanan_hari", {})).astype(float)
    tenggat = df["tanggal_masuk"] + pd.to_timedelta(target, unit="D")
    return df.assign(hari_proses=hari.where(selesai), target_hari=target, tenggat=tenggat,
                     tepat_waktu=(selesai & tenggat.notna() & (df["tanggal_selesai"] <= tenggat)).astype(bool))


def ronda_laporan(df: pd.DataFrame, setelan: Mapping, data: Mapping, akhir: pd.Timestamp) -> pd.DataFrame:
    """``malam``: the night a report belongs to (a 02:00 report belongs to the previous evening)."""
    return df.assign(malam=(df["waktu"] - pd.Timedelta(hours=12)).dt.normalize())


def aduan_jalan(df: pd.DataFrame, setelan: Mapping, data: Mapping, akhir: pd.Timestamp) -> pd.DataFrame:
    """``terbuka_akhir`` (open at the end of the period), ``tenggat_verifikasi``, ``verifikasi_tepat``.

    A complaint is open at ``akhir`` when its current status is open, or when it was closed only
    after ``akhir``. The first decision is the earliest history row with a status other than
    ``diterima``; without the history dataset ``verifikasi_tepat`` is not derived (the indicator is
    then missing, not 0).
    """
    status = df["status"].astype(str)
    tertutup = status.isin(STATUS_ADUAN_TERTUTUP)
    terbuka = ~tertutup | (df["waktu_status"] >= akhir)
    target = float(setelan.get("target_verifikasi_aduan_hari", 3))
    out = df.assign(terbuka_akhir=terbuka.astype(bool),
                    tenggat_verifikasi=df["waktu_lapor"] + pd.Timedelta(days=target))
    riwayat = data.get("aduan_jalan_riwayat")
    if riwayat is not None and len(riwayat.columns):
        keputusan = riwayat[riwayat["status"].astype(str) != "diterima"]
        pertama = keputusan.groupby(keputusan["id_aduan"].astype(str))["waktu"].min()
        t = df["id_aduan"].astype(str).map(pertama)
        t = pd.to_datetime(t)
        out["hari_verifikasi"] = ((t - df["waktu_lapor"]) / HARI).to_numpy()
        out["verifikasi_tepat"] = (t.notna() & (t <= out["tenggat_verifikasi"])).to_numpy(dtype=bool)
    return out


def kolom_kontak(setelan: Mapping) -> tuple[str, ...]:
    """The contact items a village website must list (the district's standard): the framework's
    ``kontak_situs`` when declared, else address, email and phone.

    >>> kolom_kontak({}), kolom_kontak({"kontak_situs": ["ada_alamat"]})
    (('ada_alamat', 'ada_email', 'ada_telepon'), ('ada_alamat',))
    """
    kolom = tuple(setelan.get("kontak_situs") or KONTAK_SITUS)
    if not set(kolom) <= set(KONTAK_SITUS):
        raise ValueError(f"kontak_situs hanya boleh memuat {KONTAK_SITUS}, bukan {kolom}")
    return kolom


def desa_website(df: pd.DataFrame, setelan: Mapping, data: Mapping, akhir: pd.Timestamp) -> pd.DataFrame:
    """``hari_sejak_update`` (to the end of the snapshot month), ``diperbarui``, ``skor_kontak`` (0–100:
    the share of :func:`kolom_kontak` listed)."""
    akhir_potret = pd.to_datetime(df["periode"].astype(str) + "-01") + pd.offsets.MonthBegin(1)
    hari = (akhir_potret - pd.to_datetime(df["tanggal_update_terakhir"])) / HARI
    batas = float(setelan.get("website_diperbarui_hari", 30))
    kolom = kolom_kontak(setelan)
    kontak = sum(_benar(df[k]).astype(float) for k in kolom)
    return df.assign(hari_sejak_update=hari, diperbarui=(hari <= batas).fillna(False).astype(bool),
                     skor_kontak=kontak / len(kolom) * 100)


TURUNAN: dict[str, Callable[[pd.DataFrame, Mapping, Mapping, pd.Timestamp], pd.DataFrame]] = {
    "layanan_permohonan": layanan_permohonan,
    "ronda_laporan": ronda_laporan,
    "aduan_jalan": aduan_jalan,
    "desa_website": desa_website,
}


def turunkan(nama: str, df: pd.DataFrame, setelan: Mapping, data: Mapping, akhir: pd.Timestamp) -> pd.DataFrame:
    """Add the derived columns of dataset ``nama`` (unchanged when it has none)."""
    f = TURUNAN.get(nama)
    if f is None or df.empty:
        return df
    with np.errstate(invalid="ignore"):
        return f(df, setelan, data, akhir)
