"""Step 1 of docs/metode.md: indicator values per unit and period, computed from the datasets.

Each indicator's ``hitung`` key in the framework names one computation of ``JENIS_HITUNG``:

- ``rasio``: ``kali`` × pembilang / penyebut, each a count of rows (or ``jumlah: column`` sum, or
  ``unik: [columns]`` distinct count, times ``faktor: hari_periode``) after a ``filter``; both are
  pooled at the level asked (a kecamatan's share is over all its rows, not a mean of village shares).
  ``penyebut.dataset`` may name another dataset. A unit with a denominator but no numerator data
  gets no value (never 0; recorded): "no data" is not "none happened". A unit present in the
  numerator's dataset with no matching row has a true 0 (12 requests, none online: 0 %).
- ``jumlah``: one such pooled count or sum, usually divided by a declared denominator.
- ``median`` / ``rata``: median or (weighted) mean of a column over the rows of the unit.
- ``cakupan_desa``: share of the unit's villages (official register) with at least one row.
- ``nilai``: values supplied in ``nilai_indikator``; a value at the unit's own level wins, otherwise
  the values of the closest finer level are combined (``agregasi: rata`` or ``rata_tertimbang`` by a
  ``profil_desa`` column; a plain mean for a unit where a contributing code has no positive weight;
  ``jumlah`` sums counts).

Denominators (COINr's "Denominate"): an indicator with ``per: {penyebut, kali}`` is divided by the
denominator the framework declares under ``penyebut`` (population, households, area and the number
of villages from the register and ``profil_desa``, road length from ``ruas_jalan``), summed over the
unit at the level scored, times ``kali``; no denominator (or 0) → no value, recorded like a missing
numerator.

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

import numpy as np
import pandas as pd

from indicators.skor.jenis_hitung import JENIS_HITUNG
from indicators.skor.kerangka import Kerangka
from indicators.skor.konteks import PANJANG_KODE, DataTidakAda, Konteks, awal_bulan, periode_terakhir

__all__ = ["baris_indikator", "hitung_nilai", "periode_terakhir"]


def _konteks(data, kerangka: Kerangka, kode_kabupaten: str, tingkat: str, periode: str,
             wilayah: pd.DataFrame | None) -> tuple[Konteks, pd.Index]:
    """The computation context of one kabupaten, level and period, and the index of every unit."""
    from indicators.wilayah.daftar import daftar_wilayah

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
            s = pd.to_numeric(s, errors="coerce").astype(float)
            s.index = s.index.astype(str)
            if ind.per:
                s = _bagi_penyebut(s, ind, ktx)
        except DataTidakAda as e:
            if catatan is not None:
                catatan.append({"indikator": ind.id, "keterangan": str(e)})
            s = pd.Series(dtype=float)
        kolom[ind.id] = s.reindex(idx).replace([np.inf, -np.inf], np.nan)
    out = pd.DataFrame(kolom, index=idx, columns=[i.id for i in k.indikator], dtype=float)
    if catatan is not None:
        catatan.extend(ktx.catatan)
    return out


def _bagi_penyebut(s: pd.Series, ind, ktx: Konteks) -> pd.Series:
    """``s`` / the indicator's declared denominator × ``kali``; a value without a denominator (or a
    denominator without a value) becomes no value, recorded."""
    bawah = ktx.penyebut(ind.per["penyebut"])
    bawah.index = bawah.index.astype(str)
    ada = s.dropna()
    ktx.catat(ind.id, bawah.index.difference(ada.index), "pembilang_tidak_ada",
              f"ada penyebut ({ind.per['penyebut']}) tetapi tidak ada data: nilai kosong, bukan 0")
    ktx.catat(ind.id, ada.index.difference(bawah.index), "penyebut_tidak_ada",
              f"penyebut {ind.per['penyebut']} kosong atau 0: nilai kosong")
    return ada.reindex(bawah.index) / bawah * ind.per["kali"]
