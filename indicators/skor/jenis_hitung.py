"""The computations an indicator's ``hitung`` key may name, one small class each, behind ``JENIS_HITUNG``.

Each class has ``periksa(spek, tempat)`` (checked when the framework is loaded) and
``hitung(spek, indikator, konteks)`` (a value per unit). Adding a computation is adding one class
and one entry in ``JENIS_HITUNG``. What each one does is described in :mod:`indicators.skor.hitung`.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from indicators.skor.konteks import (
    MODE_WAKTU,
    OPERATOR,
    PANJANG_KODE,
    WAKTU_BAWAAN,
    DataTidakAda,
    Konteks,
    saring,
)

if TYPE_CHECKING:  # types only: the framework module imports this one, never the reverse
    from indicators.skor.kerangka import Indikator

def _per_unit(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["_unit"].notna()]


def _periksa_bagian(b: Mapping, tempat: str) -> None:
    _periksa_filter(b.get("filter"), tempat)
    if b.get("faktor") not in (None, "hari_periode"):
        raise ValueError(f"{tempat}: faktor hanya boleh 'hari_periode'")


def _bagian(b: Mapping, spek: Mapping, ind: Indikator, ktx: Konteks) -> tuple[pd.Series, pd.Index]:
    """One pooled part per unit: a row count (or ``jumlah: column`` sum, or ``unik: [columns]``
    distinct count, times ``faktor: hari_periode``) over the rows after ``filter``.

    Returns the part and the units *observed* in its dataset for the period (rows before the filter).
    A unit observed with no matching row has a true 0 (12 requests, none online: 0 %); a unit absent
    from the dataset, or whose summed values are all missing, has no value (never 0).
    """
    nama = b.get("dataset", ind.sumber)
    waktu = b.get("waktu") or (spek.get("waktu") if nama == ind.sumber else None)
    df = _per_unit(ktx.baca(nama, waktu))
    teramati = pd.Index(df["_unit"].unique(), dtype=object)
    perlu = ["_unit", *([b["jumlah"]] if b.get("jumlah") in df else []), *b.get("unik", [])]
    df = df.loc[saring(df, b.get("filter")), [c for c in dict.fromkeys(perlu) if c in df]]
    if "jumlah" in b:
        if b["jumlah"] not in df:
            raise DataTidakAda(f"kolom {b['jumlah']!r} tidak ada di {nama}")
        s = pd.to_numeric(df[b["jumlah"]], errors="coerce").groupby(df["_unit"]).sum(min_count=1)
    elif "unik" in b:
        s = df.drop_duplicates(["_unit", *b["unik"]]).groupby("_unit").size()
    else:
        s = df.groupby("_unit").size()
    s = s.astype(float)
    nol = teramati.difference(s.index)          # observed, nothing matched: a true zero
    s = pd.concat([s, pd.Series(0.0, index=nol)]) if len(nol) else s
    if b.get("faktor") == "hari_periode":
        s = s * ktx.hari_periode(waktu or WAKTU_BAWAAN.get(nama, {}))
    return s, teramati


class Rasio:
    """``kali`` × Σ pembilang / Σ penyebut, pooled over the unit's rows.

    A unit with a denominator but no numerator data (absent from the numerator's dataset, or its
    summed values all missing) gets no value, not 0; so does a denominator that is missing or 0. Both
    are recorded for the audit trail (``Konteks.catat``); only the chosen imputation may fill them.
    """

    @staticmethod
    def periksa(spek: Mapping, tempat: str) -> None:
        for b in ("pembilang", "penyebut"):
            if not isinstance(spek.get(b), dict):
                raise ValueError(f"{tempat}: hitung rasio membutuhkan '{b}' (boleh {{}})")
            _periksa_bagian(spek[b], f"{tempat}.hitung.{b}")
        _periksa_waktu(spek.get("waktu"), tempat)

    def hitung(self, spek: Mapping, ind: Indikator, ktx: Konteks) -> pd.Series:
        atas, _ = _bagian(spek["pembilang"], spek, ind, ktx)
        bawah, _ = _bagian(spek["penyebut"], spek, ind, ktx)
        ada = bawah[bawah > 0]
        hilang = ada.index.difference(atas.dropna().index)
        ktx.catat(ind.id, hilang, "pembilang_tidak_ada",
                  "ada penyebut tetapi tidak ada data pembilang: nilai kosong, bukan 0")
        tanpa = atas.dropna().index.difference(ada.index)
        ktx.catat(ind.id, tanpa, "penyebut_tidak_ada", "ada pembilang tetapi penyebut kosong atau 0: nilai kosong")
        return atas.reindex(ada.index) / ada * float(spek.get("kali", 1))

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


class Jumlah:
    """A pooled count of the unit's rows after ``filter`` (or ``jumlah: column`` sum, ``unik: [columns]``
    distinct count) — usually divided by a declared denominator (the indicator's ``per``). A unit
    absent from the dataset gets no value; observed with no matching row, 0."""

    @staticmethod
    def periksa(spek: Mapping, tempat: str) -> None:
        _periksa_bagian(spek, f"{tempat}.hitung")
        _periksa_waktu(spek.get("waktu"), tempat)

    def hitung(self, spek: Mapping, ind: Indikator, ktx: Konteks) -> pd.Series:
        return _bagian(spek, spek, ind, ktx)[0]


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

    AGREGASI = ("rata", "rata_tertimbang", "jumlah")

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
            if spek.get("agregasi") == "jumlah":   # counts supplied per finer unit (a denominator comes after)
                hasil = pd.concat([hasil, bagian.groupby("_unit")["_x"].sum()])
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


JENIS_HITUNG = {"rasio": Rasio(), "jumlah": Jumlah(), "median": Median(), "rata": Rata(), "cakupan_desa": CakupanDesa(),
                "nilai": Nilai()}


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
