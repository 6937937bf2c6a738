"""Standing among units: pillars against the target, leaders and trailers, strengths and weaknesses,
what-if rank changes and runs of ranks that cannot be told apart.

- ``pilar_kabupaten``: the district's pillars against the previous period and the target.
- ``teratas_terbawah``: the leading and trailing units (units without an index are left out, never 0).
- ``kekuatan_kelemahan``: a unit's strengths and weaknesses by its rank among units per indicator.
- ``dampak_bobot``: the rank changes a what-if weighting causes (both rankings come from the core).
- ``kelompok_tumpang_tindih``: groups of ranks that share a common rank range (really indistinguishable);
  ``tak_terbedakan``: the units whose rank interval overlaps one unit's own.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.dasar.label import BAHASA, teks
from indicators.ringkasan.aturan import target_skor
from indicators.ringkasan.periode import selisih_periode
from indicators.skor.hierarki import DESIMAL_PERINGKAT
from indicators.skor.kerangka import Kerangka


def pilar_kabupaten(kini: pd.DataFrame, lalu: pd.DataFrame | None, kerangka: Kerangka) -> pd.DataFrame:
    """The district's index and six pillars: ``ukuran, nama_id, nama_en, skor, skor_lalu, selisih, target``.

    ``kini``/``lalu`` are the one-row ``skor`` tables of the kabupaten level.

    >>> from indicators.skor.kerangka import PILAR, muat_kerangka
    >>> k = muat_kerangka()
    >>> kini = pd.DataFrame([{"kode_wilayah": "18.02", "indeks": 61.0, **{p: 60.0 for p in PILAR}}])
    >>> lalu = kini.assign(indeks=60.0)
    >>> r = pilar_kabupaten(kini, lalu, k).iloc[0]
    >>> r["ukuran"], float(r["skor"]), float(r["selisih"]), float(r["target"])
    ('indeks', 61.0, 1.0, 60.0)
    """
    s = selisih_periode(kini.iloc[:1], lalu.iloc[:1] if lalu is not None else None)
    nama = {p.id: p.nama for p in kerangka.pilar} | {"indeks": {b: teks("indeks", b) for b in BAHASA}}
    return pd.DataFrame({
        "ukuran": s["ukuran"], "nama_id": [nama[u]["id"] for u in s["ukuran"]],
        "nama_en": [nama[u]["en"] for u in s["ukuran"]], "skor": s["nilai"], "skor_lalu": s["nilai_lalu"],
        "selisih": s["selisih"], "target": [target_skor(kerangka, u) for u in s["ukuran"]]})


def teratas_terbawah(skor: pd.DataFrame, n: int = 5, kolom: str = "indeks") -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``n`` best and ``n`` worst units by ``kolom`` (the core's ``peringkat`` for the index);
    units without a value are left out; the bottom list never repeats a unit of the top list.

    >>> t = pd.DataFrame({"kode_wilayah": list("abcd"), "indeks": [50.0, 70.0, np.nan, 60.0]})
    >>> atas, bawah = teratas_terbawah(t, n=2)
    >>> atas["kode_wilayah"].tolist(), bawah["kode_wilayah"].tolist(), atas["peringkat"].tolist()
    (['b', 'd'], ['a'], [1, 2])
    """
    from indicators.skor.pipeline import peringkat

    if n < 1:
        raise ValueError("n harus >= 1")
    t = skor.copy()
    if kolom != "indeks" or "peringkat" not in t:
        t["peringkat"] = pd.array(peringkat(t[kolom].to_numpy(dtype=float)), dtype="Float64").astype("Int64")
    ada = t[t[kolom].notna()].sort_values(["peringkat", "kode_wilayah"], kind="stable")
    atas = ada.head(n)
    bawah = ada[~ada["kode_wilayah"].isin(atas["kode_wilayah"])].iloc[::-1].head(n)
    return atas.reset_index(drop=True), bawah.reset_index(drop=True)


def kekuatan_kelemahan(normal: pd.DataFrame, nilai: pd.DataFrame, kode: str, n: int = 3) -> pd.DataFrame:
    """A unit's strengths and weaknesses by its RANK among the units on each indicator (as COINr's
    ``get_str_weak``), never by the raw score: a score of 11,1 ranked 291 of 311 is no strength.

    ``normal``/``nilai``: the core's normalised and raw frames (index kode_wilayah, one column per
    indicator). The unit's position on an indicator is ``(rank − 1)/(units − 1)`` (0 = best, 1 =
    worst; ties share the best rank). Strengths: up to ``n`` indicators in the better half (position
    < ½), best first; weaknesses: up to ``n`` in the worse half (position > ½), worst first. An
    indicator on which every unit ties, or with fewer than two units, is neither; one the unit has no
    data for is neither. Columns ``jenis`` (kekuatan | kelemahan), ``indikator``, ``skor``, ``nilai``
    (raw), ``median_skor`` (all units), ``posisi`` (rank, 1 = best) and ``jumlah`` (units ranked).

    >>> nm = pd.DataFrame({"x": [90.0, 10.0, 50.0], "y": [20.0, 30.0, 40.0]}, index=["a", "b", "c"])
    >>> kekuatan_kelemahan(nm, nm, "a", n=1)[["jenis", "indikator", "posisi", "jumlah"]].values.tolist()
    [['kekuatan', 'x', 1, 3], ['kelemahan', 'y', 3, 3]]
    """
    if kode not in normal.index:
        raise ValueError(f"wilayah {kode!r} tidak ada dalam hasil skor")
    x = normal.astype(float).round(DESIMAL_PERINGKAT)
    skor = normal.loc[kode].astype(float)
    rank = x.rank(axis=0, ascending=False, method="min")
    jumlah = x.notna().sum(axis=0)
    terburuk = rank.max(axis=0)
    t = pd.DataFrame({"indikator": normal.columns, "skor": skor.to_numpy(),
                      "nilai": nilai.reindex(index=normal.index, columns=normal.columns).loc[kode]
                      .to_numpy(dtype=float),
                      "median_skor": normal.median(axis=0, skipna=True).to_numpy(),
                      "posisi": rank.loc[kode].to_numpy(), "jumlah": jumlah.to_numpy(),
                      "terburuk": terburuk.to_numpy()})
    t = t[t["skor"].notna() & (t["jumlah"] >= 2) & (t["terburuk"] > 1)]
    t = t.assign(letak=(t["posisi"] - 1) / (t["jumlah"] - 1))
    kuat = t[(t["letak"] < 0.5) & (t["posisi"] < t["terburuk"])]
    kuat = kuat.sort_values(["letak", "posisi", "skor", "indikator"], ascending=[True, True, False, True],
                            kind="stable").head(n)
    lemah = t[t["letak"] > 0.5]
    lemah = lemah.sort_values(["letak", "posisi", "skor", "indikator"], ascending=[False, False, True, True],
                              kind="stable").head(n)
    out = pd.concat([kuat.assign(jenis="kekuatan"), lemah.assign(jenis="kelemahan")], ignore_index=True)
    out["posisi"] = out["posisi"].astype("Int64")
    out["jumlah"] = out["jumlah"].astype("Int64")
    return out[["jenis", "indikator", "skor", "nilai", "median_skor", "posisi", "jumlah"]]


def dampak_bobot(awal: pd.DataFrame, baru: pd.DataFrame, kolom: str = "indeks") -> pd.DataFrame:
    """Rank changes caused by a what-if weighting: both tables are the core's ``skor`` output.

    Columns ``kode_wilayah, nilai_awal, nilai_baru, peringkat_awal, peringkat_baru, naik`` (positive =
    the unit moves up), in the new ranking's order (units without an index last).

    >>> a = pd.DataFrame({"kode_wilayah": ["x", "y"], "indeks": [60.0, 50.0], "peringkat": [1, 2]})
    >>> b = pd.DataFrame({"kode_wilayah": ["x", "y"], "indeks": [55.0, 58.0], "peringkat": [2, 1]})
    >>> dampak_bobot(a, b)[["kode_wilayah", "peringkat_awal", "peringkat_baru", "naik"]].values.tolist()
    [['y', 2, 1, 1], ['x', 1, 2, -1]]
    """
    from indicators.skor.pipeline import peringkat

    def rank(t: pd.DataFrame) -> pd.Series:
        if kolom == "indeks" and "peringkat" in t:
            r = t["peringkat"]
        else:
            r = pd.array(peringkat(t[kolom].to_numpy(dtype=float)), dtype="Float64").astype("Int64")
        return pd.Series(pd.array(r, dtype="Int64"), index=t["kode_wilayah"].to_numpy())

    ra, rb = rank(awal), rank(baru).reindex(awal["kode_wilayah"])
    out = pd.DataFrame({"kode_wilayah": awal["kode_wilayah"].to_numpy(),
                        "nilai_awal": awal[kolom].to_numpy(dtype=float),
                        "nilai_baru": baru.set_index("kode_wilayah")[kolom].reindex(awal["kode_wilayah"])
                        .to_numpy(dtype=float),
                        "peringkat_awal": ra.to_numpy(), "peringkat_baru": rb.to_numpy()})
    out["naik"] = (out["peringkat_awal"] - out["peringkat_baru"]).astype("Int64")
    return out.sort_values(["peringkat_baru", "kode_wilayah"], na_position="last", kind="stable", ignore_index=True)


def kelompok_tumpang_tindih(interval: pd.DataFrame) -> pd.DataFrame:
    """Groups of consecutive nominal ranks that are really indistinguishable: every member's 5–95 %
    rank interval contains one common range of ranks (``bersama_dari``–``bersama_sampai``), so any
    of them could hold any of those places. Intervals are not chained: A overlapping B and B
    overlapping C does not put A with C unless all three share a rank. ``interval`` has
    ``kode_wilayah, peringkat, peringkat_p05, peringkat_p95`` (the core's ``ketidakpastian``).
    Returns ``dari, sampai`` (nominal ranks), ``jumlah``, ``kode`` (tuple), ``bersama_dari``,
    ``bersama_sampai`` for every group of at least two units.

    >>> iv = pd.DataFrame({"kode_wilayah": list("abcd"), "peringkat": [1, 2, 3, 4],
    ...                    "peringkat_p05": [1, 1, 3, 3], "peringkat_p95": [2, 3, 4, 4]})
    >>> kelompok_tumpang_tindih(iv)[["dari", "sampai", "bersama_dari", "bersama_sampai"]].values.tolist()
    [[1, 2, 1, 2], [3, 4, 3, 4]]
    """
    t = interval.dropna(subset=["peringkat", "peringkat_p05", "peringkat_p95"])
    t = t.sort_values(["peringkat", "kode_wilayah"], kind="stable").reset_index(drop=True)
    kolom = ["dari", "sampai", "jumlah", "kode", "bersama_dari", "bersama_sampai"]
    runs, awal = [], 0
    lo = t["peringkat_p05"].to_numpy(dtype=float)
    hi = t["peringkat_p95"].to_numpy(dtype=float)
    while awal < len(t):
        akhir, bawah, atas = awal + 1, lo[awal], hi[awal]
        while akhir < len(t) and max(bawah, lo[akhir]) <= min(atas, hi[akhir]):
            bawah, atas = max(bawah, lo[akhir]), min(atas, hi[akhir])
            akhir += 1
        if akhir - awal >= 2:
            bag = t.iloc[awal:akhir]
            runs.append((int(bag["peringkat"].iloc[0]), int(bag["peringkat"].iloc[-1]), len(bag),
                         tuple(bag["kode_wilayah"]), int(bawah), int(atas)))
        awal = akhir
    return pd.DataFrame(runs, columns=kolom)


def tak_terbedakan(interval: pd.DataFrame, kode: str) -> pd.DataFrame:
    """The units whose 5–95 % rank interval overlaps the interval of unit ``kode`` — those it cannot be
    told apart from — in nominal-rank order, with their ``peringkat``, ``peringkat_p05``, ``peringkat_p95``.

    >>> iv = pd.DataFrame({"kode_wilayah": list("abcd"), "peringkat": [1, 2, 3, 4],
    ...                    "peringkat_p05": [1, 2, 2, 5], "peringkat_p95": [1, 3, 4, 5]})
    >>> tak_terbedakan(iv, "b")["kode_wilayah"].tolist()
    ['c']
    """
    t = interval.dropna(subset=["peringkat_p05", "peringkat_p95"])
    if kode not in set(t["kode_wilayah"]):
        return t.iloc[:0]
    r = t[t["kode_wilayah"] == kode].iloc[0]
    tindih = (t["peringkat_p05"] <= r["peringkat_p95"]) & (t["peringkat_p95"] >= r["peringkat_p05"])
    out = t[tindih & (t["kode_wilayah"] != kode)]
    return out.sort_values(["peringkat", "kode_wilayah"], kind="stable").reset_index(drop=True)


def jumlah_tumpang_tindih(interval: pd.DataFrame) -> pd.Series:
    """Per unit (index kode_wilayah): how many other units' 5–95 % rank intervals overlap its own.

    >>> iv = pd.DataFrame({"kode_wilayah": list("abc"), "peringkat_p05": [1, 2, 3], "peringkat_p95": [2, 3, 3]})
    >>> jumlah_tumpang_tindih(iv).tolist()
    [1, 2, 1]
    """
    lo = interval["peringkat_p05"].to_numpy(dtype=float)
    hi = interval["peringkat_p95"].to_numpy(dtype=float)
    tindih = (lo[:, None] <= hi[None, :]) & (lo[None, :] <= hi[:, None])
    np.fill_diagonal(tindih, False)
    n = np.where(np.isnan(lo) | np.isnan(hi), 0, tindih.sum(axis=1))
    return pd.Series(n.astype(int), index=interval["kode_wilayah"].to_numpy(), name="tumpang_tindih")
