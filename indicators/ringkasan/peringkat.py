"""Standing among units: pillars against the target, leaders and trailers, strengths and weaknesses,
what-if rank changes and runs of ranks that cannot be told apart.

- ``pilar_kabupaten``: the district's pillars against the previous period and the target.
- ``teratas_terbawah``: the leading and trailing units (units without an index are left out, never 0).
- ``kekuatan_kelemahan``: a unit's best and worst indicators (normalised score next to the raw value).
- ``dampak_bobot``: the rank changes a what-if weighting causes (both rankings come from the core).
- ``kelompok_tumpang_tindih``: runs of ranks whose 5–95 % rank intervals overlap.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.dasar.label import BAHASA, teks
from indicators.ringkasan.aturan import target_skor
from indicators.ringkasan.periode import selisih_periode
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
    """A unit's ``n`` best and ``n`` worst indicators by normalised score (0–100).

    ``normal``/``nilai``: the core's normalised and raw frames (index kode_wilayah, one column per
    indicator). Columns ``jenis`` (kekuatan | kelemahan), ``indikator``, ``skor``, ``nilai`` (raw),
    ``median_skor`` (all units) and ``posisi`` (this unit's rank on the indicator, 1 = best). Ties go
    to the indicator further above (below) the median, then to the id. Indicators without data are
    not strengths or weaknesses; a unit with fewer than 2·n scored indicators gets fewer weaknesses.

    >>> nm = pd.DataFrame({"x": [90.0, 10.0], "y": [20.0, 30.0], "z": [np.nan, 50.0]}, index=["a", "b"])
    >>> kekuatan_kelemahan(nm, nm, "a", n=1)[["jenis", "indikator", "skor", "posisi"]].values.tolist()
    [['kekuatan', 'x', 90.0, 1], ['kelemahan', 'y', 20.0, 2]]
    """
    if kode not in normal.index:
        raise ValueError(f"wilayah {kode!r} tidak ada dalam hasil skor")
    skor = normal.loc[kode].astype(float)
    median = normal.median(axis=0, skipna=True)
    posisi = normal.rank(axis=0, ascending=False, method="min").loc[kode]
    t = pd.DataFrame({"indikator": normal.columns, "skor": skor.to_numpy(),
                      "nilai": nilai.reindex(index=normal.index, columns=normal.columns).loc[kode]
                      .to_numpy(dtype=float),
                      "median_skor": median.to_numpy(), "posisi": posisi.to_numpy()})
    t = t[t["skor"].notna()].assign(beda=lambda d: d["skor"] - d["median_skor"])
    kuat = t.sort_values(["skor", "beda", "indikator"], ascending=[False, False, True], kind="stable").head(n)
    sisa = t[~t["indikator"].isin(kuat["indikator"])]
    lemah = sisa.sort_values(["skor", "beda", "indikator"], ascending=[True, True, True], kind="stable").head(n)
    out = pd.concat([kuat.assign(jenis="kekuatan"), lemah.assign(jenis="kelemahan")], ignore_index=True)
    out["posisi"] = out["posisi"].astype("Int64")
    return out[["jenis", "indikator", "skor", "nilai", "median_skor", "posisi"]]


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
    """Runs of consecutive nominal ranks whose 5–95 % rank intervals overlap (the order within a run
    is not robust). ``interval`` has ``kode_wilayah, peringkat, peringkat_p05, peringkat_p95`` (the
    core's ``ketidakpastian``). Returns ``dari, sampai`` (nominal ranks), ``jumlah`` and ``kode``
    (tuple) for every run of at least two units.

    >>> iv = pd.DataFrame({"kode_wilayah": list("abcd"), "peringkat": [1, 2, 3, 4],
    ...                    "peringkat_p05": [1, 1, 3, 3], "peringkat_p95": [2, 2, 3, 4]})
    >>> kelompok_tumpang_tindih(iv)[["dari", "sampai", "jumlah"]].values.tolist()
    [[1, 2, 2], [3, 4, 2]]
    """
    t = interval.dropna(subset=["peringkat", "peringkat_p05", "peringkat_p95"])
    t = t.sort_values(["peringkat", "kode_wilayah"], kind="stable").reset_index(drop=True)
    runs, awal = [], 0
    for i in range(1, len(t) + 1):
        putus = i == len(t) or t.loc[i, "peringkat_p05"] > max(t.loc[awal:i - 1, "peringkat_p95"])
        if putus:
            if i - awal >= 2:
                bag = t.iloc[awal:i]
                runs.append((int(bag["peringkat"].iloc[0]), int(bag["peringkat"].iloc[-1]), len(bag),
                             tuple(bag["kode_wilayah"])))
            awal = i
    return pd.DataFrame(runs, columns=["dari", "sampai", "jumlah", "kode"])


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
