"""The declared rules of road complaints: lifecycle statuses, open/closed, service-level targets, labels.

Everything comes from ``data/aduan.yaml`` (officers change the file, not the code).

>>> status_terbuka()["dikerjakan"], status_terbuka()["bukan_kewenangan"]
(True, False)
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
import yaml

from indicators.dasar.label import semua_label, teks
from indicators.dasar.pengaturan import DATA_DIR

URUTAN_KEWENANGAN = ["nasional", "provinsi", "kabupaten", "desa"]
KATEGORI = ("status", "kewenangan", "tingkat", "jenis_kerusakan", "kondisi")
KOLOM_WAJIB = ["id_aduan", "waktu_lapor", "lat", "lon", "nama_ruas", "status_jalan", "jenis_kerusakan", "tingkat",
               "status", "waktu_status"]
PERIODE_RELATIF = {"12b": 12, "6b": 6, "3b": 3}


@lru_cache(maxsize=1)
def deklarasi() -> dict:
    """Everything ``data/aduan.yaml`` declares."""
    return yaml.safe_load((DATA_DIR / "aduan.yaml").read_text(encoding="utf-8"))


def label_kategori(kategori: str, bahasa: str = "id") -> dict[str, str]:
    """Code → label of one declared category, in the reader's language.

    >>> label_kategori("kewenangan", "en")["provinsi"], label_kategori("status")["bukan_kewenangan"]
    ('Provincial', 'Bukan kewenangan')
    """
    if kategori not in KATEGORI:
        raise ValueError(f"kategori harus salah satu dari {KATEGORI}, bukan {kategori!r}")
    if bahasa not in ("id", "en"):
        raise ValueError(f"bahasa harus 'id' atau 'en', bukan {bahasa!r}")
    d = deklarasi()[kategori]
    return {k: (v["label"] if kategori == "status" else v)[bahasa] for k, v in d.items()}


def judul_kolom(kolom, bahasa: str = "id") -> dict[str, str]:
    """Readable headers for table columns: the label ``aduan_kolom_<name>`` where one is declared.

    >>> judul_kolom(["terbuka", "xyz"], "en")
    {'terbuka': 'Open', 'xyz': 'xyz'}
    """
    return {k: teks(f"aduan_kolom_{k}", bahasa) if f"aduan_kolom_{k}" in semua_label() else k for k in kolom}


def status_terbuka() -> dict[str, bool]:
    return {k: v["terbuka"] for k, v in deklarasi()["status"].items()}


def tandai_terbuka(aduan: pd.DataFrame) -> pd.Series:
    """True for complaints whose current status is open."""
    return aduan["status"].map(status_terbuka()).astype(bool)


def terbuka_pada(aduan: pd.DataFrame, akhir: pd.Timestamp) -> pd.Series:
    """Complaints open at ``akhir``: reported before it, and open now or closed only at or after it
    (the briefing's statement and the complaints page's "position at the end of a month" use this).

    >>> a = pd.DataFrame({"waktu_lapor": pd.to_datetime(["2026-09-01", "2026-09-02", "2026-11-01"]),
    ...                   "status": ["selesai", "selesai", "diterima"],
    ...                   "waktu_status": pd.to_datetime(["2026-09-20", "2026-11-05", "2026-11-01"])})
    >>> terbuka_pada(a, pd.Timestamp("2026-11-01")).tolist()
    [False, True, False]
    """
    lapor = pd.to_datetime(aduan["waktu_lapor"])
    buka_kini = tandai_terbuka(aduan).to_numpy(dtype=bool)
    tutup_sesudah = (pd.to_datetime(aduan["waktu_status"]) >= akhir).fillna(False).to_numpy(dtype=bool)
    return pd.Series((lapor < akhir).to_numpy() & (buka_kini | tutup_sesudah), index=aduan.index)


def target_hari(jenis: str, status_jalan, tingkat, target: dict | None = None) -> np.ndarray:
    """Service-level target in days for each (authority, severity) pair.

    ``jenis`` is ``verifikasi`` or ``perbaikan``; ``target`` defaults to ``data/aduan.yaml``.

    >>> target_hari("perbaikan", ["kabupaten", "provinsi"], ["berat", "ringan"]).tolist()
    [30.0, 120.0]
    """
    tabel = deklarasi()["target_hari"] if target is None else target
    if jenis not in tabel:
        raise ValueError(f"jenis target harus salah satu dari {sorted(tabel)}, bukan {jenis!r}")
    mentah = np.asarray(status_jalan, dtype=object)
    kew, tk = mentah.astype(str), np.asarray(tingkat, dtype=object).astype(str)
    # authority not known (no road field, no segment near enough): no target, so never overdue
    tanpa = np.array([v is None or v is pd.NA or (isinstance(v, float) and v != v) or not str(v).strip()
                      for v in mentah], dtype=bool)
    hasil = np.array([tabel[jenis].get(k, {}).get(s, np.nan) for k, s in zip(kew, tk, strict=True)], dtype=float)
    if np.isnan(hasil[~tanpa]).any():
        salah = sorted({(k, s) for k, s, h, t in zip(kew, tk, hasil, tanpa, strict=True) if np.isnan(h) and not t})
        raise ValueError(f"tidak ada target {jenis} untuk (kewenangan, tingkat) {salah[:5]}")
    return hasil
