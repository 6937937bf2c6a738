"""Step 1 of SCORING.md: indicator values per unit and period, computed from the datasets.

Each indicator's ``hitung`` key in the framework names one computation of ``JENIS_HITUNG``:

- ``rasio``: ``kali`` × pembilang / penyebut, each a count of rows (or ``jumlah: column`` sum, or
  ``unik: [columns]`` distinct count, times ``faktor: hari_periode``) after a ``filter``; both are
  pooled at the level asked (a kecamatan's share is over all its rows, not a mean of village shares).
  ``penyebut.dataset`` may name another dataset (road length for complaints per 10 km).
- ``median`` / ``rata``: median or (weighted) mean of a column over the rows of the unit.
- ``cakupan_desa``: share of the unit's villages (official register) with at least one row.
- ``nilai``: values supplied in ``nilai_indikator``; a value at the unit's own level wins, otherwise
  the values of the closest finer level are combined (``agregasi: rata`` or ``rata_tertimbang`` by a
  ``profil_desa`` column; a plain mean for a unit where a contributing code has no positive weight).

:func:`baris_indikator` returns the rows a ``median``, ``rata`` or ``rasio`` computation reads, so a
page can break an indicator down (per service type, per month, percentiles) with the same selection.

Periods (``"YYYY-MM"``): event datasets use the rows whose time column falls in the month (or in the
``jendela`` months ending with it); snapshot datasets (``desa_website``, ``program_progres``,
``nilai_indikator``) the latest snapshot ≤ the period and younger than ``batas_umur_bulan``;
``posisi`` the state at the end of the month; static datasets (``profil_desa``, ``ruas_jalan``) as
they are. A unit without data gets NaN, never 0; a dataset that is absent makes the indicator NaN
for every unit. Rows without ``kode_wilayah`` count only at the kabupaten level.

>>> import pandas as pd
>>> from indicators.skor.kerangka import muat_kerangka
>>> data = {"ruas_jalan": pd.DataFrame({"id_ruas": ["a", "b"], "panjang_km": [3.0, 1.0],
...     "kondisi": ["baik", "rusak_berat"], "kode_wilayah": ["18.02.01", "18.02.01"]})}
>>> x = hitung_nilai(data, muat_kerangka(), "18.02", "kecamatan", "2026-10")
>>> len(x), x.loc["18.02.01", "liv_kemantapan_jalan"], x.loc["18.02.02", "liv_kemantapan_jalan"]
(28, np.float64(75.0), np.float64(nan))
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from indicators.skor.kerangka import Indikator, Kerangka
from indicators.skor.turunan import turunkan

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


def _per_unit(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["_unit"].notna()]


# --- the computations ---------------------------------------------------------------------------

class Rasio:
    """``kali`` × Σ pembilang / Σ penyebut, pooled over the unit's rows."""

    @staticmethod
    def periksa(spek: Mapping, tempat: str) -> None:
        for b in ("pembilang", "penyebut"):
            if not isinstance(spek.get(b), dict):
                raise ValueError(f"{tempat}: hitung rasio membutuhkan '{b}' (boleh {{}})")
            _periksa_filter(spek[b].get("filter"), f"{tempat}.hitung.{b}")
            if spek[b].get("faktor") not in (None, "hari_periode"):
                raise ValueError(f"{tempat}: hitung.{b}.faktor hanya boleh 'hari_periode'")
        _periksa_waktu(spek.get("waktu"), tempat)

    @staticmethod
    def _bagian(b: Mapping, spek: Mapping, ind: Indikator, ktx: Konteks) -> pd.Series:
        nama = b.get("dataset", ind.sumber)
        waktu = b.get("waktu") or (spek.get("waktu") if nama == ind.sumber else None)
        df = _per_unit(ktx.baca(nama, waktu))
        perlu = ["_unit", *([b["jumlah"]] if b.get("jumlah") in df else []), *b.get("unik", [])]
        df = df.loc[saring(df, b.get("filter")), [c for c in dict.fromkeys(perlu) if c in df]]
        if "jumlah" in b:
            if b["jumlah"] not in df:
                raise DataTidakAda(f"kolom {b['jumlah']!r} tidak ada di {nama}")
            s = pd.to_numeric(df[b["jumlah"]], errors="coerce").groupby(df["_unit"]).sum()
        elif "unik" in b:
            s = df.drop_duplicates(["_unit", *b["unik"]]).groupby("_unit").size()
        else:
            s = df.groupby("_unit").size()
        s = s.astype(float)
        if b.get("faktor") == "hari_periode":
            s = s * ktx.hari_periode(waktu or WAKTU_BAWAAN.get(nama, {}))
        return s

    def hitung(self, spek: Mapping, ind: Indikator, ktx: Konteks) -> pd.Series:
        atas = self._bagian(spek["pembilang"], spek, ind, ktx)
        bawah = self._bagian(spek["penyebut"], spek, ind, ktx)
        bawah = bawah[bawah > 0]
        return atas.reindex(bawah.index).fillna(0.0) / bawah * float(spek.get("kali", 1))

    @staticmethod
    def baris(spek: Mapping, ind: Indikator, ktx: Konteks) -> pd.DataFrame:
        """The denominator's rows, with ``_pembilang`` (the row counts in the numerator too): the
        value of a unit is ``kali`` × Σ ``_pembilang`` / number of rows. Only for a rasio whose two parts
        count rows of the indicator's own dataset and period, the numerator's rows among the
        denominator's; ``ValueError`` otherwise."""
        bagian = (spek["pembilang"], spek["penyebut"])
        if any(b.get("dataset", ind.sumber) != ind.sumber or b.get("waktu") or {"jumlah", "unik", "faktor"} & set(b)
               for b in bagian):
            raise ValueError(f"{ind.id}: baris hanya untuk rasio yang menghitung baris dataset {ind.sumber} sendiri")
        df = _per_unit(ktx.baca(ind.sumber, spek.get("waktu")))
        atas, bawah = saring(df, bagian[0].get("filter")), saring(df, bagian[1].get("filter"))
        if (atas & ~bawah).any():
            raise ValueError(f"{ind.id}: baris pembilang bukan bagian dari baris penyebut")
        return df[bawah].assign(_pembilang=atas[bawah])


class Median:
    """Median of ``kolom`` over the unit's rows (after ``filter``)."""

    @staticmethod
    def periksa(spek: Mapping, tempat: str) -> None:
        if not isinstance(spek.get("kolom"), str):
            raise ValueError(f"{tempat}: hitung {spek.get('jenis')} membutuhkan 'kolom'")
        _periksa_filter(spek.get("filter"), f"{tempat}.hitung")
        _periksa_waktu(spek.get("waktu"), tempat)

    @staticmethod
    def baris(spek: Mapping, ind: Indikator, ktx: Konteks) -> pd.DataFrame:
        """The rows summarised, every column kept, with ``_x`` (the value of ``kolom``, never missing)."""
        df = _per_unit(ktx.baca(ind.sumber, spek.get("waktu")))
        if spek["kolom"] not in df:
            raise DataTidakAda(f"kolom {spek['kolom']!r} tidak ada di {ind.sumber}")
        df = df[saring(df, spek.get("filter"))]
        return df.assign(_x=pd.to_numeric(df[spek["kolom"]], errors="coerce")).dropna(subset=["_x"])

    def hitung(self, spek: Mapping, ind: Indikator, ktx: Konteks) -> pd.Series:
        df = self.baris(spek, ind, ktx)
        return df.groupby("_unit")["_x"].median()


class Rata(Median):
    """Mean of ``kolom`` over the unit's rows, weighted by ``bobot`` (a column of the same rows) if given."""

    def hitung(self, spek: Mapping, ind: Indikator, ktx: Konteks) -> pd.Series:
        df = self.baris(spek, ind, ktx)
        if spek.get("bobot"):
            w = pd.to_numeric(df[spek["bobot"]], errors="coerce").fillna(0.0)
            df = df.assign(_wx=w * df["_x"], _w=w)
            g = df.groupby("_unit")[["_wx", "_w"]].sum()
            return (g["_wx"] / g["_w"].where(g["_w"] > 0)).dropna()
        return df.groupby("_unit")["_x"].mean()


class CakupanDesa:
    """Share (%) of the unit's villages in the register with at least one (filtered) row."""

    @staticmethod
    def periksa(spek: Mapping, tempat: str) -> None:
        _periksa_filter(spek.get("filter"), f"{tempat}.hitung")
        _periksa_waktu(spek.get("waktu"), tempat)

    def hitung(self, spek: Mapping, ind: Indikator, ktx: Konteks) -> pd.Series:
        df = _per_unit(ktx.baca(ind.sumber, spek.get("waktu")))
        df = df[saring(df, spek.get("filter"))]
        desa = df.loc[df["_kode"].str.len() == PANJANG_KODE["desa"], ["_unit", "_kode"]].drop_duplicates()
        jumlah = ktx.unit_desa()
        return desa.groupby("_unit").size().reindex(jumlah.index).fillna(0.0) / jumlah * 100.0


class Nilai:
    """Values of ``nilai_indikator``: own level first, else combined from the closest finer level."""

    AGREGASI = ("rata", "rata_tertimbang")

    @classmethod
    def periksa(cls, spek: Mapping, tempat: str) -> None:
        if spek.get("agregasi", "rata") not in cls.AGREGASI:
            raise ValueError(f"{tempat}: hitung.agregasi harus salah satu dari {cls.AGREGASI}")
        if spek.get("agregasi") == "rata_tertimbang" and not isinstance(spek.get("bobot"), str):
            raise ValueError(f"{tempat}: hitung rata_tertimbang membutuhkan 'bobot' (kolom profil_desa)")

    def hitung(self, spek: Mapping, ind: Indikator, ktx: Konteks) -> pd.Series:
        df = ktx.baca("nilai_indikator")
        df = df[df["indikator"].astype(str) == ind.id]
        x = pd.to_numeric(df["nilai"], errors="coerce")
        df = df.assign(_x=x)[x.notna()]
        panjang = df["_kode"].str.len()
        n = PANJANG_KODE[ktx.tingkat]
        hasil = df.loc[panjang == n].groupby("_unit")["_x"].mean()
        bobot = self._bobot(spek, ktx)
        for lebih_halus in sorted(v for v in PANJANG_KODE.values() if v > n):
            bagian = df[(panjang == lebih_halus) & ~df["_unit"].isin(hasil.index)]
            if bagian.empty:
                continue
            w = pd.Series(1.0, index=bagian.index)
            if bobot is not None:
                wb = bagian["_kode"].astype(str).map(self._bobot_kode(bobot, lebih_halus)).astype(float)
                lengkap = (wb > 0).groupby(bagian["_unit"]).transform("all")
                w = wb.where(lengkap, 1.0)   # a unit with a value lacking its weight: plain mean
            g = bagian.assign(_wx=w * bagian["_x"], _w=w).groupby("_unit")[["_wx", "_w"]].sum()
            hasil = pd.concat([hasil, g["_wx"] / g["_w"]])
        return hasil

    @staticmethod
    def _bobot(spek: Mapping, ktx: Konteks) -> pd.Series | None:
        """Village weights from ``profil_desa`` (None: unweighted, when the profile is absent)."""
        if spek.get("agregasi") != "rata_tertimbang":
            return None
        profil = ktx.data.get("profil_desa")
        if profil is None or profil.empty or spek["bobot"] not in profil:
            return None
        w = pd.to_numeric(profil[spek["bobot"]], errors="coerce").astype(float)
        return pd.Series(w.to_numpy(), index=profil["kode_wilayah"].astype(str).to_numpy())

    @staticmethod
    def _bobot_kode(bobot: pd.Series, panjang: int) -> pd.Series:
        return bobot.groupby(bobot.index.str.slice(0, panjang)).sum()


JENIS_HITUNG = {"rasio": Rasio(), "median": Median(), "rata": Rata(), "cakupan_desa": CakupanDesa(), "nilai": Nilai()}


def _periksa_filter(filt, tempat: str) -> None:
    if filt is None:
        return
    if not isinstance(filt, dict):
        raise ValueError(f"{tempat}.filter harus pemetaan kolom: syarat")
    for kol, s in filt.items():
        if isinstance(s, dict) and any(op not in OPERATOR for op in s):
            raise ValueError(f"{tempat}.filter.{kol}: operator tidak dikenal {sorted(set(s) - set(OPERATOR))}; "
                             f"pilih dari {OPERATOR}")


def _periksa_waktu(w, tempat: str) -> None:
    if w is None:
        return
    if not isinstance(w, dict) or w.get("mode") not in MODE_WAKTU:
        raise ValueError(f"{tempat}: hitung.waktu.mode harus salah satu dari {MODE_WAKTU}")
    if w["mode"] in ("bulan", "posisi") and not isinstance(w.get("kolom"), str):
        raise ValueError(f"{tempat}: hitung.waktu mode {w['mode']} membutuhkan 'kolom'")
    if w["mode"] == "potret" and not isinstance(w.get("kunci"), list):
        raise ValueError(f"{tempat}: hitung.waktu mode potret membutuhkan 'kunci'")


def _konteks(data, kerangka: Kerangka, kode_kabupaten: str, tingkat: str, periode: str,
             wilayah: pd.DataFrame | None) -> tuple[Konteks, pd.Index]:
    """The computation context of one kabupaten, level and period, and the index of every unit."""
    from indicators.wilayah import daftar_wilayah

    awal_bulan(periode)
    if wilayah is None:
        desa = daftar_wilayah(kode_kabupaten, "desa")
        unit = daftar_wilayah(kode_kabupaten, tingkat)["kode_wilayah"] if tingkat != "desa" else desa["kode_wilayah"]
    else:
        desa = wilayah
        n = PANJANG_KODE[tingkat]
        unit = pd.Series(sorted(set(wilayah["kode_wilayah"].astype(str).str.slice(0, n))))
    idx = pd.Index(unit.astype(str).tolist(), name="kode_wilayah")
    return Konteks(data, kerangka, kode_kabupaten, tingkat, periode, desa), idx


def baris_indikator(data: Mapping[str, pd.DataFrame], kerangka: Kerangka, indikator: str, kode_kabupaten: str,
                    tingkat: str, periode: str, wilayah: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows one indicator's computation reads for ``periode``, selected exactly as it selects them.

    ``median``/``rata``: the rows summarised, with ``_x``; ``rasio`` (parts counting rows of the
    indicator's own dataset): the denominator's rows with ``_pembilang``. ``_unit`` is the unit code at
    ``tingkat``, ``_kode`` the row's own code. Breakdowns of an indicator (per service type, per month,
    percentiles) group these rows, so they agree with :func:`hitung_nilai` by construction. Empty when a
    dataset or column is absent; ``ValueError`` for other kinds of computation.

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> mohon = pd.DataFrame({"kode_wilayah": ["18.02.01.2001"] * 3, "kanal": ["online", "loket", "online"],
    ...     "jenis_layanan": "surat_usaha", "status": "diajukan", "tanggal_selesai": pd.NaT,
    ...     "tanggal_masuk": pd.to_datetime(["2026-10-01", "2026-10-02", "2026-09-30"])})
    >>> b = baris_indikator({"layanan_permohonan": mohon}, muat_kerangka(), "gov_layanan_online", "18.02",
    ...                     "desa", "2026-10")
    >>> b["_pembilang"].tolist(), b["_unit"].tolist()
    ([True, False], ['18.02.01.2001', '18.02.01.2001'])
    """
    ind = kerangka.indikator_id(indikator)
    jenis = JENIS_HITUNG[ind.hitung["jenis"]]
    if not hasattr(jenis, "baris"):
        raise ValueError(f"{indikator}: hitung {ind.hitung['jenis']} tidak memiliki baris")
    ktx, _ = _konteks(data, kerangka, kode_kabupaten, tingkat, periode, wilayah)
    try:
        return jenis.baris(ind.hitung, ind, ktx)
    except DataTidakAda:
        return pd.DataFrame(columns=["_kode", "_unit", "_x" if ind.hitung["jenis"] != "rasio" else "_pembilang"])


def hitung_nilai(data: Mapping[str, pd.DataFrame], kerangka: Kerangka, kode_kabupaten: str, tingkat: str,
                 periode: str, wilayah: pd.DataFrame | None = None,
                 catatan: list | None = None) -> pd.DataFrame:
    """Indicator values (natural units) of every unit of ``tingkat`` for ``periode``.

    Returns a frame indexed by ``kode_wilayah`` (every unit of the level, in code order) with one
    float column per indicator defined at that level, in framework order; NaN where there is no data.
    ``wilayah`` (columns ``kode_wilayah`` of every village) replaces the official register when given.
    Indicators that could not be computed are described in ``catatan`` (a list, appended to).

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> x = hitung_nilai({}, muat_kerangka(), "18.02", "kabupaten", "2026-10")
    >>> x.shape, bool(x.isna().all().all())
    ((1, 34), True)
    """
    awal_bulan(periode)
    k = kerangka.untuk_tingkat(tingkat)
    ktx, idx = _konteks(data, k, kode_kabupaten, tingkat, periode, wilayah)
    kolom = {}
    for ind in k.indikator:
        try:
            s = JENIS_HITUNG[ind.hitung["jenis"]].hitung(ind.hitung, ind, ktx)
        except DataTidakAda as e:
            if catatan is not None:
                catatan.append({"indikator": ind.id, "keterangan": str(e)})
            s = pd.Series(dtype=float)
        s = pd.to_numeric(s, errors="coerce").astype(float)
        s.index = s.index.astype(str)
        kolom[ind.id] = s.reindex(idx).replace([np.inf, -np.inf], np.nan)
    out = pd.DataFrame(kolom, index=idx, columns=[i.id for i in k.indikator], dtype=float)
    return out
