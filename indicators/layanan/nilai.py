"""Village services — DesaID websites, Smart Netizen requests, Ronda Online, mobile signal: the front door.

One computation, shared with the scoring core (docs/metode.md, langkah 1):

- indicator values come from :func:`indicators.skor.hitung.hitung_nilai` (:func:`nilai`);
- breakdowns of an indicator (per service type, per month, per village, percentiles) group the very rows
  the core's computation selects (:func:`baris`, via :func:`indicators.skor.hitung.baris_indikator`);
- derived columns (deadlines, processing days, patrol nights, website freshness, contact score) are the
  core's (:mod:`indicators.skor.turunan`), so are the settings they read (``target_layanan_hari``,
  ``website_diperbarui_hari`` in ``data/kerangka.yaml``).

What only the page needs is declared in ``data/layanan.yaml``. The sections live beside this module:
``situs`` (DesaID), ``netizen`` (Smart Netizen), ``ronda``, ``sinyal`` and ``mutu`` (data-quality flags);
:mod:`indicators.tampilan.grafik_layanan` and :mod:`indicators.tampilan.grafik_ronda` draw them and
:mod:`indicators.tampilan.bagian_layanan` assembles each section for a unit and set of filters.

>>> k = kerangka_layanan(3)
>>> [i.id for i in k.indikator][:3], k.indikator_id("gov_layanan_online").hitung["waktu"]["jendela"]
(['gov_sla_layanan', 'gov_hari_proses', 'gov_layanan_online'], 3)
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

import pandas as pd
import yaml

from indicators.dasar.pengaturan import DATA_DIR
from indicators.skor.hitung import baris_indikator, hitung_nilai
from indicators.skor.kerangka import Kerangka, muat_kerangka
from indicators.skor.konteks import WAKTU_BAWAAN, awal_bulan, geser_periode, periode_terakhir
from indicators.skor.turunan import turunkan

DATASET = ("desa_website", "layanan_permohonan", "ronda_laporan", "profil_desa")
DATASET_WAKTU = {"layanan_permohonan": "tanggal_masuk", "ronda_laporan": "waktu", "desa_website": "periode"}
# The framework's indicators this page shows, in the order of its headline.
INDIKATOR = ("gov_sla_layanan", "gov_hari_proses", "gov_layanan_online", "gov_desa_lapor", "brand_web_aktif",
             "brand_kontak_lengkap", "brand_posting_90", "soc_ronda_rutin", "soc_respon_kejadian", "soc_sinyal_4g")
TINGKAT_KODE = {5: "kabupaten", 8: "kecamatan", 13: "desa"}


@lru_cache(maxsize=1)
def deklarasi() -> dict:
    """Everything ``data/layanan.yaml`` declares."""
    return yaml.safe_load((DATA_DIR / "layanan.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Saringan:
    """The page's filters: the month, how many months end with it, service types, and one unit
    (a kecamatan, or a village; none = the whole kabupaten).

    >>> Saringan("2026-10", kecamatan="18.02.03").unit("18.02")
    ('kecamatan', '18.02.03')
    """
    periode: str
    jendela: int = 1
    jenis: tuple[str, ...] = ()
    kecamatan: str | None = None
    desa: str | None = None

    def __post_init__(self):
        awal_bulan(self.periode)
        if int(self.jendela) < 1:
            raise ValueError("jendela harus sedikitnya 1 bulan")
        if self.desa and self.kecamatan and not self.desa.startswith(self.kecamatan + "."):
            raise ValueError(f"desa {self.desa} tidak berada di kecamatan {self.kecamatan}")

    def unit(self, kode_kabupaten: str) -> tuple[str, str]:
        """``(tingkat, kode)`` of the unit the filters select."""
        kode = self.desa or self.kecamatan or kode_kabupaten
        return TINGKAT_KODE[len(kode)], kode

    def bulan(self) -> list[str]:
        """The months of the period, oldest first."""
        return daftar_bulan(self.periode, self.jendela)


def daftar_bulan(periode: str, n: int) -> list[str]:
    """The ``n`` months ending with ``periode``, oldest first.

    >>> daftar_bulan("2026-01", 3)
    ['2025-11', '2025-12', '2026-01']
    """
    return [geser_periode(periode, -i) for i in range(int(n) - 1, -1, -1)]


def kerangka_layanan(jendela: int = 1, kerangka: Kerangka | None = None) -> Kerangka:
    """The framework's village-service indicators (:data:`INDIKATOR`). With ``jendela`` > 1 every
    month-based one reads the ``jendela`` months ending with the period (a longer window of its own
    is kept); ``jendela`` 1 leaves them exactly as scored."""
    k = kerangka or muat_kerangka()
    k = k.tanpa({i.id for i in k.indikator} - set(INDIKATOR))
    if int(jendela) <= 1:
        return k
    ind = []
    for i in k.indikator:
        w = dict(i.hitung.get("waktu") or WAKTU_BAWAAN.get(i.sumber, {"mode": "statis"}))
        if w.get("mode") == "bulan":
            w["jendela"] = max(int(w.get("jendela", 1)), int(jendela))
            i = replace(i, hitung={**i.hitung, "waktu": w})
        ind.append(i)
    return replace(k, indikator=tuple(ind))


def data_jenis(data: Mapping[str, pd.DataFrame], jenis: tuple[str, ...] = ()) -> dict[str, pd.DataFrame]:
    """The datasets with Smart Netizen requests limited to the service types ``jenis`` (empty = all)."""
    out = dict(data)
    mohon = out.get("layanan_permohonan")
    if jenis and mohon is not None:
        out["layanan_permohonan"] = mohon[mohon["jenis_layanan"].astype(str).isin(list(jenis))]
    return out


def nilai(data: Mapping[str, pd.DataFrame], kode_kabupaten: str, tingkat: str, saringan: Saringan,
          kerangka: Kerangka | None = None) -> pd.DataFrame:
    """Indicator values of every unit of ``tingkat``: the scoring core's computation, for the period,
    months and service types of ``saringan`` (its unit is not applied: every unit is returned)."""
    return hitung_nilai(data_jenis(data, saringan.jenis), kerangka_layanan(saringan.jendela, kerangka),
                        kode_kabupaten, tingkat, saringan.periode)


def baris(data: Mapping[str, pd.DataFrame], indikator: str, kode_kabupaten: str, saringan: Saringan,
          kerangka: Kerangka | None = None) -> pd.DataFrame:
    """The rows the core's computation of ``indikator`` reads for the filters' period and service types,
    at the kabupaten level (``_kode``: the row's own code), with ``_bulan`` (the month of the row's time
    column) for month-based indicators. Select a unit with :func:`di_unit` on ``_kode``."""
    k = kerangka_layanan(saringan.jendela, kerangka)
    df = baris_indikator(data_jenis(data, saringan.jenis), k, indikator, kode_kabupaten, "kabupaten",
                         saringan.periode)
    w = k.indikator_id(indikator).hitung.get("waktu") or WAKTU_BAWAAN.get(k.indikator_id(indikator).sumber, {})
    if w.get("mode") == "bulan":
        t = pd.to_datetime(df[w["kolom"]]) if len(df) else pd.Series(dtype="datetime64[ns]")
        df = df.assign(_bulan=t.dt.strftime("%Y-%m"))
    return df


def di_unit(kode: pd.Series, unit: str) -> pd.Series:
    """Rows whose region code lies in ``unit`` (the unit itself or any code under it)."""
    k = kode.astype("string")
    return (k.eq(unit) | k.str.startswith(unit + ".")).fillna(False).astype(bool)


def turunan(data: Mapping[str, pd.DataFrame], nama: str, kode_kabupaten: str, periode: str,
            kerangka: Kerangka | None = None) -> pd.DataFrame:
    """Rows of dataset ``nama`` in the kabupaten with the core's derived columns, every month; empty
    when absent. ``periode`` sets the end the derivations measure to (the month's end)."""
    df = data.get(nama)
    if df is None or df.empty:
        return pd.DataFrame(columns=list(df.columns) if df is not None else [])
    df = df[di_unit(df["kode_wilayah"], kode_kabupaten)].reset_index(drop=True)
    k = kerangka or muat_kerangka()
    return turunkan(nama, df, k.pengaturan, data, awal_bulan(periode) + pd.offsets.MonthBegin(1))


def periode_data(data: Mapping[str, pd.DataFrame]) -> str:
    """The latest month of the service data (the core's rule: a few stray future rows do not move it)."""
    return periode_terakhir({n: data[n] for n in DATASET_WAKTU if n in data and data[n] is not None})


def opsi_periode(data: Mapping[str, pd.DataFrame]) -> list[str]:
    """Months a page may choose, newest first: from the earliest month of the service data to
    :func:`periode_data` (a future-dated row does not add months).

    >>> d = {"ronda_laporan": pd.DataFrame({"waktu": pd.to_datetime(["2026-08-03", "2026-10-01"])})}
    >>> opsi_periode(d)
    ['2026-10', '2026-09', '2026-08']
    """
    akhir = periode_data(data)
    awal = []
    for n, kol in DATASET_WAKTU.items():
        df = data.get(n)
        if df is None or df.empty or kol not in df:
            continue
        s = df[kol].astype(str) if kol == "periode" else pd.to_datetime(df[kol]).dt.strftime("%Y-%m")
        s = s.dropna()
        if len(s):
            awal.append(s.min())
    paling_awal = str(deklarasi()["mutu"]["tanggal_paling_awal"])[:7]   # an impossible date adds no months
    mulai = max(min(awal), paling_awal) if awal else akhir
    bulan = [str(p) for p in pd.period_range(mulai, akhir, freq="M")]
    return bulan[::-1]


def kini(data: Mapping[str, pd.DataFrame]) -> pd.Timestamp:
    """The data's "now": the first instant after :func:`periode_data` (later dates are future)."""
    return awal_bulan(periode_data(data)) + pd.offsets.MonthBegin(1)


def akhir_periode(periode: str) -> pd.Timestamp:
    """The first instant after month ``periode``.

    >>> akhir_periode("2026-12")
    Timestamp('2027-01-01 00:00:00')
    """
    return awal_bulan(periode) + pd.offsets.MonthBegin(1)


def penduduk(data: Mapping[str, pd.DataFrame]) -> pd.Series:
    """Population per village code (``profil_desa``); empty without the profile."""
    prof = data.get("profil_desa")
    if prof is None or prof.empty:
        return pd.Series(dtype=float)
    return pd.Series(pd.to_numeric(prof["penduduk"], errors="coerce").astype(float).to_numpy(),
                     index=prof["kode_wilayah"].astype(str).to_numpy())


def per_1000(jumlah: pd.Series, penduduk_: pd.Series, bulan: int = 1) -> pd.Series:
    """Counts per 1,000 people per month, aligned on the counts' index; NaN without a population.

    >>> per_1000(pd.Series({"a": 6, "b": 1}), pd.Series({"a": 2000.0}), 3).tolist()
    [1.0, nan]
    """
    p = penduduk_.reindex(jumlah.index).astype(float)
    return jumlah.astype(float) / p.where(p > 0) * 1000 / max(int(bulan), 1)
