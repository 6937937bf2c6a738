"""What an indicator computation reads: one kabupaten's rows for a level and period.

:class:`Konteks` selects the rows of a dataset for the period (event datasets by their time column,
snapshot datasets by the latest snapshot, static datasets as they are) and tags each with its unit
at the level asked; :func:`saring` applies a framework ``filter``. Period helpers (``YYYY-MM``) live
here too, because every computation needs them.

>>> geser_periode("2026-01", -2)
'2025-11'
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from indicators.skor.turunan import turunkan

if TYPE_CHECKING:  # types only: the framework module imports the computations, never the reverse
    from indicators.skor.kerangka import Kerangka

PANJANG_KODE = {"kabupaten": 5, "kecamatan": 8, "desa": 13}
WAKTU_BAWAAN = {
    "layanan_permohonan": {"mode": "bulan", "kolom": "tanggal_masuk"},
    "ronda_laporan": {"mode": "bulan", "kolom": "waktu"},
    "aduan_jalan": {"mode": "bulan", "kolom": "waktu_lapor"},
    "aduan_jalan_riwayat": {"mode": "bulan", "kolom": "waktu"},
    "desa_website": {"mode": "potret", "kunci": ["kode_wilayah"]},
    "program_progres": {"mode": "potret", "kunci": ["id_program"]},
    "nilai_indikator": {"mode": "potret", "kunci": ["kode_wilayah", "indikator"]},
}
MODE_WAKTU = ("bulan", "posisi", "potret", "statis")
OPERATOR = ("dalam", "bukan", "ada", "min", "maks", "lebih", "kurang")


class DataTidakAda(Exception):
    """A dataset or column an indicator needs is absent: the indicator is NaN for every unit."""


def awal_bulan(periode: str) -> pd.Timestamp:
    """First instant of a ``YYYY-MM`` period; ``ValueError`` when malformed.

    >>> awal_bulan("2026-02")
    Timestamp('2026-02-01 00:00:00')
    """
    try:
        if len(periode) != 7 or periode[4] != "-":
            raise ValueError
        return pd.Timestamp(int(periode[:4]), int(periode[5:]), 1)
    except (ValueError, TypeError):
        raise ValueError(f"periode harus berbentuk YYYY-MM, bukan {periode!r}") from None


def geser_periode(periode: str, bulan: int) -> str:
    """``YYYY-MM`` shifted by ``bulan`` months.

    >>> geser_periode("2026-01", -1)
    '2025-12'
    """
    return (awal_bulan(periode) + pd.DateOffset(months=bulan)).strftime("%Y-%m")


def periode_terakhir(data: Mapping[str, pd.DataFrame]) -> str:
    """The latest month of the data: the (lower) median of each dataset's latest month, so that a
    few stray future-dated rows in one dataset do not move the period; ``ValueError`` if none.

    >>> periode_terakhir({"nilai_indikator": pd.DataFrame({"periode": ["2025-12", "2026-03"]})})
    '2026-03'
    """
    calon = []
    for nama, df in data.items():
        if df is None or df.empty or nama == "aduan_jalan_riwayat":  # the history follows its complaints
            continue
        w = WAKTU_BAWAAN.get(nama, {})
        if w.get("mode") == "bulan" and w["kolom"] in df:
            t = pd.to_datetime(df[w["kolom"]]).max()
            if pd.notna(t):
                calon.append(t.strftime("%Y-%m"))
        elif "periode" in df:
            p = df["periode"].dropna().astype(str)
            if len(p):
                calon.append(p.max())
    if not calon:
        raise ValueError("data tidak memuat periode apa pun; sebutkan --period YYYY-MM")
    return sorted(calon)[(len(calon) - 1) // 2]


def saring(df: pd.DataFrame, filt: Mapping | None) -> pd.Series:
    """Row mask of a declarative filter: ``{kolom: nilai}``, ``{kolom: [nilai...]}`` or
    ``{kolom: {dalam|bukan: [...], ada: bool, min|maks|lebih|kurang: angka}}``; missing values never match
    (except under ``bukan``).

    >>> df = pd.DataFrame({"a": ["x", "y", None], "b": [1, 5, 9]})
    >>> saring(df, {"a": {"bukan": ["y"]}, "b": {"maks": 5}}).tolist()
    [True, False, False]
    """
    mask = pd.Series(True, index=df.index)
    for kol, syarat in (filt or {}).items():
        if kol not in df:
            raise DataTidakAda(f"kolom {kol!r} tidak ada")
        s = df[kol]
        if isinstance(syarat, dict):
            for op, v in syarat.items():
                if op == "dalam":
                    m = s.isin(list(v))
                elif op == "bukan":
                    m = ~s.isin(list(v))
                elif op == "ada":
                    m = s.notna() if v else s.isna()
                else:
                    angka = pd.to_numeric(s, errors="coerce")
                    m = {"min": angka >= v, "maks": angka <= v, "lebih": angka > v, "kurang": angka < v}[op]
                mask &= pd.Series(m, index=df.index).astype("boolean").fillna(False).astype(bool)
        elif isinstance(syarat, list):
            mask &= s.isin(syarat).astype(bool)
        else:
            mask &= pd.Series(s == syarat, index=df.index).astype("boolean").fillna(False).astype(bool)
    return mask


@dataclass
class Konteks:
    """What a computation may read: the data of one kabupaten, level and period (cached per call)."""
    data: Mapping[str, pd.DataFrame]
    kerangka: Kerangka
    kode_kabupaten: str
    tingkat: str
    periode: str
    wilayah_desa: pd.DataFrame
    _cache: dict = field(default_factory=dict)
    catatan: list = field(default_factory=list)   # per-unit notes for the audit trail (``catat``)

    def catat(self, indikator: str, kode, perlakuan: str, keterangan: str) -> None:
        """Note that units ``kode`` got no value for ``indikator`` and why (nothing when empty)."""
        kode = [str(k) for k in kode]
        if kode:
            self.catatan.append({"indikator": indikator, "kode_wilayah": kode, "perlakuan": perlakuan,
                                 "keterangan": keterangan})

    def penyebut(self, nama: str) -> pd.Series:
        """A declared denominator (framework ``penyebut``) per unit of the level: the sum of its column
        over the unit's rows, or the number of villages in the register; only values > 0."""
        d = self.kerangka.penyebut[nama]
        if d.get("register") == "desa":
            s = self.unit_desa().astype(float)
        else:
            df = self.baca(d["dataset"])
            if d["jumlah"] not in df:
                raise DataTidakAda(f"kolom {d['jumlah']!r} tidak ada di {d['dataset']}")
            df = df[df["_unit"].notna()]
            s = pd.to_numeric(df[d["jumlah"]], errors="coerce").groupby(df["_unit"]).sum(min_count=1)
        return s[s > 0]

    @property
    def akhir(self) -> pd.Timestamp:
        return awal_bulan(self.periode) + pd.offsets.MonthBegin(1)

    def jendela(self, waktu: Mapping) -> tuple[pd.Timestamp, pd.Timestamp]:
        n = int(waktu.get("jendela", 1))
        return awal_bulan(geser_periode(self.periode, -(n - 1))), self.akhir

    def _dasar(self, nama: str) -> pd.DataFrame:
        """Rows of the kabupaten with derived columns (``_kode``: the row's region code)."""
        if ("dasar", nama) in self._cache:
            return self._cache[("dasar", nama)]
        df = self.data.get(nama)
        if df is None or df.empty:
            raise DataTidakAda(f"dataset {nama} tidak ada")
        df = df.reset_index(drop=True)
        if "kode_wilayah" in df:
            kode = df["kode_wilayah"].astype("string")
            kode = kode.where(kode.str.len() > 0)
            di_sini = kode.isna() | (kode == self.kode_kabupaten) | kode.str.startswith(self.kode_kabupaten + ".")
            df = df[di_sini.fillna(False).astype(bool)]
            kode = kode[df.index].fillna(self.kode_kabupaten)
        else:
            kode = pd.Series(self.kode_kabupaten, index=df.index, dtype="string")
        df = turunkan(nama, df.assign(_kode=kode), self.kerangka.pengaturan, self.data, self.akhir)
        self._cache[("dasar", nama)] = df
        return df

    def baca(self, nama: str, waktu: Mapping | None = None) -> pd.DataFrame:
        """Rows of dataset ``nama`` for the period, with ``_unit`` (the unit code at this level)."""
        waktu = dict(waktu or WAKTU_BAWAAN.get(nama, {"mode": "statis"}))
        kunci = ("baca", nama, repr(sorted(waktu.items())))
        if kunci in self._cache:
            return self._cache[kunci]
        df = self._dasar(nama)
        mode = waktu.get("mode", "statis")
        if mode in ("bulan", "posisi"):
            kol = waktu["kolom"]
            if kol not in df:
                raise DataTidakAda(f"kolom waktu {kol!r} tidak ada di {nama}")
            t = pd.to_datetime(df[kol])
            awal, akhir = self.jendela(waktu)
            df = df[((t >= awal) if mode == "bulan" else True) & (t < akhir)]
        elif mode == "potret":
            p = df["periode"].astype(str)
            umur = int(self.kerangka.pengaturan.get("batas_umur_bulan", 24))
            df = df[(p <= self.periode) & (p > geser_periode(self.periode, -umur))]
            df = df.assign(_p=p).sort_values("_p", kind="stable").drop_duplicates(waktu["kunci"], keep="last")
        n = PANJANG_KODE[self.tingkat]
        kode = df["_kode"]
        df = df.assign(_unit=kode.str.slice(0, n).where(kode.str.len() >= n))
        self._cache[kunci] = df
        return df

    def hari_periode(self, waktu: Mapping) -> int:
        awal, akhir = self.jendela(waktu)
        return int((akhir - awal).days)

    def unit_desa(self) -> pd.Series:
        """Number of villages of each unit in the official register."""
        n = PANJANG_KODE[self.tingkat]
        return self.wilayah_desa["kode_wilayah"].astype(str).str.slice(0, n).value_counts()
