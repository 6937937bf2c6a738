"""The briefing's reasoning: the district's standing, what changed, who leads and who trails, and the
three things that need a decision — computed from the scoring core's tables and the datasets.

Pure functions, DataFrames in and out (no streamlit). The Ringkasan and Pilar pages and the
``briefing`` command call the same code, so the page, the PDF and the command line agree.

- ``selisih_periode``, ``pilar_kabupaten``: change since the previous period, pillars against a target.
- ``teratas_terbawah``: the leading and trailing units (units without an index are left out, never 0).
- ``kekuatan_kelemahan``: a unit's best and worst indicators (normalised score next to the raw value).
- ``dampak_bobot``: the rank changes a what-if weighting causes (both rankings come from the core).
- ``kelompok_tumpang_tindih``: runs of ranks whose 5–95 % rank intervals overlap.
- ``perhatian_*`` and ``pilih_perhatian``: the attention statements, chosen in the declared order.
- ``susun_ringkasan``: everything the Ringkasan page and the briefing PDF show, in one object.

Settings (target, attention order and thresholds) are declared in ``data/kerangka.yaml`` under
``ringkasan``; texts in ``data/label/ringkasan.yaml``.

>>> kini = pd.DataFrame({"kode_wilayah": ["a", "b"], "indeks": [60.0, np.nan]})
>>> lalu = pd.DataFrame({"kode_wilayah": ["a", "b"], "indeks": [57.5, 40.0]})
>>> selisih_periode(kini, lalu, ["indeks"])[["kode_wilayah", "selisih"]].values.tolist()
[['a', 2.5], ['b', nan]]
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from indicators.format import angka, nama_periode, persen
from indicators.label import BAHASA, teks
from indicators.skor.kerangka import PILAR, Kerangka

UKURAN = ("indeks", *PILAR)
TOPIK = ("aduan_kewenangan", "data_kosong", "program_terlambat", "pilar_turun", "kecamatan_turun",
         "pilar_terlemah", "kecamatan_terbawah")
BAWAAN = {
    "target": {"bawaan": 60.0},
    "perhatian": {
        "urutan": list(TOPIK),
        "ambang_persen_aduan": 20.0,
        "kewenangan_luar": ["provinsi", "nasional"],
        "bulan_tanpa_data": 2,
        "dataset_tanpa_data": ["layanan_permohonan", "desa_website", "ronda_laporan"],
        "ambang_turun_poin": 1.0,
    },
}


# --- settings -------------------------------------------------------------------------------------

def pengaturan_ringkasan(kerangka: Kerangka) -> dict:
    """The ``ringkasan`` settings of the framework file, defaults filled in, validated.

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> pengaturan_ringkasan(muat_kerangka())["perhatian"]["bulan_tanpa_data"]
    2
    """
    raw = kerangka.pengaturan.get("ringkasan") or {}
    if not isinstance(raw, Mapping):
        raise ValueError("kerangka: 'ringkasan' harus pemetaan {target, perhatian}")
    target = {**BAWAAN["target"], **(raw.get("target") or {})}
    for k, v in target.items():
        if k not in ("bawaan", *UKURAN):
            raise ValueError(f"ringkasan.target: kunci tak dikenal {k!r} (bawaan, indeks atau id pilar)")
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 100:
            raise ValueError(f"ringkasan.target.{k} harus angka 0–100, bukan {v!r}")
    perhatian = {**BAWAAN["perhatian"], **(raw.get("perhatian") or {})}
    salah = [t for t in perhatian["urutan"] if t not in TOPIK]
    if salah:
        raise ValueError(f"ringkasan.perhatian.urutan: topik tak dikenal {salah}; pilih dari {', '.join(TOPIK)}")
    if not isinstance(perhatian["bulan_tanpa_data"], int) or perhatian["bulan_tanpa_data"] < 1:
        raise ValueError("ringkasan.perhatian.bulan_tanpa_data harus bilangan bulat >= 1")
    return {"target": {k: float(v) for k, v in target.items()}, "perhatian": perhatian}


def target_skor(kerangka: Kerangka, ukuran: str) -> float:
    """The target score (0–100) of the index or a pillar: its own value, else ``bawaan``.

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> target_skor(muat_kerangka(), "governance")
    60.0
    """
    t = pengaturan_ringkasan(kerangka)["target"]
    return float(t.get(ukuran, t["bawaan"]))


# --- periods and change ---------------------------------------------------------------------------

def daftar_periode(data: Mapping[str, pd.DataFrame], bulan_maks: int = 24) -> list[str]:
    """The months a page can offer, oldest first: from the earliest month of the dated datasets (at
    most ``bulan_maks`` months back) to the latest month of the data (``periode_terakhir``).

    >>> d = {"layanan_permohonan": pd.DataFrame({"tanggal_masuk": pd.to_datetime(["2026-08-03", "2026-10-01"])})}
    >>> daftar_periode(d)
    ['2026-08', '2026-09', '2026-10']
    """
    from indicators.gudang import kolom_bulan
    from indicators.skor.hitung import periode_terakhir

    akhir = periode_terakhir(data)
    awal = []
    for nama, df in data.items():
        if df is None or df.empty or nama == "aduan_jalan_riwayat":
            continue
        try:
            kol = kolom_bulan(nama)
        except ValueError:
            kol = "periode" if "periode" in df else None
        if kol and kol in df:
            t = df[kol].dropna()
            if len(t):
                awal.append(str(t.min())[:7] if kol == "periode" else pd.Timestamp(t.min()).strftime("%Y-%m"))
    bulan = pd.period_range(min([*awal, akhir]), akhir, freq="M").strftime("%Y-%m").tolist()
    return bulan[-bulan_maks:]


def periode_sebelumnya(periode: str) -> str:
    """The month before ``periode``.

    >>> periode_sebelumnya("2026-01")
    '2025-12'
    """
    from indicators.skor.hitung import geser_periode
    return geser_periode(periode, -1)


def selisih_periode(kini: pd.DataFrame, lalu: pd.DataFrame | None, kolom: Sequence[str] = UKURAN) -> pd.DataFrame:
    """Per unit and measure: ``nilai`` now, ``nilai_lalu`` and ``selisih`` (NaN when either is missing:
    a change is never computed against "insufficient data"). Rows in ``kini``'s order, then measure."""
    a = kini.set_index("kode_wilayah")
    b = lalu.set_index("kode_wilayah").reindex(a.index) if lalu is not None else None
    bagian = []
    for k in kolom:
        nilai = a[k].astype(float)
        sebelum = b[k].astype(float) if b is not None and k in b else pd.Series(np.nan, index=a.index)
        bagian.append(pd.DataFrame({"kode_wilayah": a.index, "ukuran": k, "nilai": nilai.to_numpy(),
                                    "nilai_lalu": sebelum.to_numpy(), "selisih": (nilai - sebelum).to_numpy()}))
    out = pd.concat(bagian, ignore_index=True)
    urut = {k: i for i, k in enumerate(a.index)}
    return out.sort_values(["kode_wilayah", "ukuran"], key=lambda s: s.map(urut) if s.name == "kode_wilayah"
                           else s.map({k: i for i, k in enumerate(kolom)}), kind="stable", ignore_index=True)


def pilar_kabupaten(kini: pd.DataFrame, lalu: pd.DataFrame | None, kerangka: Kerangka) -> pd.DataFrame:
    """The district's index and six pillars: ``ukuran, nama_id, nama_en, skor, skor_lalu, selisih, target``.

    ``kini``/``lalu`` are the one-row ``skor`` tables of the kabupaten level.

    >>> from indicators.skor.kerangka import muat_kerangka
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


# --- leaders, trailers, strengths ----------------------------------------------------------------

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


# --- attention statements -------------------------------------------------------------------------

@dataclass(frozen=True)
class Pernyataan:
    """One attention statement: its topic, the text in both languages, the figures behind it and the
    page where the evidence is."""
    topik: str
    teks: dict
    angka: dict = field(default_factory=dict)
    halaman: str = ""


def _kalimat(kunci: str, **isi) -> dict:
    """A label filled in both languages; a value may be a function of the language."""
    return {b: teks(kunci, b).format(**{k: (v(b) if callable(v) else v) for k, v in isi.items()}) for b in BAHASA}


def terbuka_pada(aduan: pd.DataFrame, akhir: pd.Timestamp) -> pd.Series:
    """Complaints open at ``akhir``: reported before it, and open now or closed only at or after it.

    >>> a = pd.DataFrame({"waktu_lapor": pd.to_datetime(["2026-09-01", "2026-09-02", "2026-11-01"]),
    ...                   "status": ["selesai", "selesai", "diterima"],
    ...                   "waktu_status": pd.to_datetime(["2026-09-20", "2026-11-05", "2026-11-01"])})
    >>> terbuka_pada(a, pd.Timestamp("2026-11-01")).tolist()
    [False, True, False]
    """
    from indicators.aduan import tandai_terbuka

    lapor = pd.to_datetime(aduan["waktu_lapor"])
    buka_kini = tandai_terbuka(aduan).to_numpy(dtype=bool)
    tutup_sesudah = (pd.to_datetime(aduan["waktu_status"]) >= akhir).fillna(False).to_numpy(dtype=bool)
    return pd.Series((lapor < akhir).to_numpy() & (buka_kini | tutup_sesudah), index=aduan.index)


def aduan_per_kewenangan(aduan: pd.DataFrame, akhir: pd.Timestamp) -> pd.DataFrame:
    """Open complaints at ``akhir`` per road authority: ``status_jalan, jumlah`` (duplicate groups
    counted once: column ``kelompok`` of ``aduan.siapkan``), ``persen`` and ``kecamatan`` (how many
    kecamatan they lie in), every authority of ``data/aduan.yaml`` listed."""
    from indicators.aduan import URUTAN_KEWENANGAN

    buka = aduan[terbuka_pada(aduan, akhir).to_numpy()]
    kel = buka["kelompok"] if "kelompok" in buka else buka["id_aduan"]
    kec = (buka["kode_kecamatan"] if "kode_kecamatan" in buka else buka["kode_wilayah"].astype("string").str[:8])
    kew = buka["status_jalan"].astype(str)
    jumlah = kel.groupby(kew).nunique().reindex(URUTAN_KEWENANGAN, fill_value=0)
    n_kec = kec.groupby(kew).nunique().reindex(URUTAN_KEWENANGAN, fill_value=0)
    total = int(jumlah.sum())
    return pd.DataFrame({"status_jalan": URUTAN_KEWENANGAN, "jumlah": jumlah.to_numpy(dtype=int),
                         "persen": (jumlah / total * 100 if total else jumlah * np.nan).to_numpy(dtype=float),
                         "kecamatan": n_kec.to_numpy(dtype=int)})


def perhatian_aduan(aduan: pd.DataFrame | None, akhir: pd.Timestamp, ambang_persen: float = 20.0,
                    kewenangan_luar: Sequence[str] = ("provinsi", "nasional")) -> Pernyataan | None:
    """"63 % of open road complaints are on provincial roads — 412 complaints, 7 kecamatan": the
    authority outside the regency with the largest share of the open backlog at ``akhir``, when that
    share reaches ``ambang_persen``."""
    if aduan is None or aduan.empty:
        return None
    t = aduan_per_kewenangan(aduan, akhir)
    total = int(t["jumlah"].sum())
    luar = t[t["status_jalan"].isin(list(kewenangan_luar)) & (t["jumlah"] > 0)]
    if not total or luar.empty:
        return None
    r = luar.sort_values(["jumlah", "status_jalan"], ascending=[False, True], kind="stable").iloc[0]
    if r["persen"] < ambang_persen:
        return None
    kew = str(r["status_jalan"])
    return Pernyataan(
        "aduan_kewenangan",
        _kalimat("rk_p_aduan", persen=lambda b: persen(r["persen"], 0, b), jalan=lambda b: teks(f"rk_jalan_{kew}", b),
                 jumlah=lambda b: angka(int(r["jumlah"]), 0, b), total=lambda b: angka(total, 0, b),
                 kecamatan=lambda b: angka(int(r["kecamatan"]), 0, b), pemilik=lambda b: teks(f"rk_pemilik_{kew}", b)),
        {"kewenangan": kew, "persen": float(r["persen"]), "jumlah": int(r["jumlah"]), "total": total,
         "kecamatan": int(r["kecamatan"])}, "pages/aduan-jalan.py")


def bulan_tanpa_data(df: pd.DataFrame, kolom_waktu: str, desa: Sequence[str], periode: str) -> pd.DataFrame:
    """Per village: the last month with a row up to ``periode`` and how many months in a row, ending
    with ``periode``, have none (0 = data this month). A village that never had a row counts every
    month from the dataset's first month (``tidak_pernah``).

    >>> d = pd.DataFrame({"kode_wilayah": ["a", "a", "b"], "periode": ["2026-07", "2026-08", "2026-10"]})
    >>> bulan_tanpa_data(d, "periode", ["a", "b", "c"], "2026-10")[["bulan_kosong", "tidak_pernah"]].values.tolist()
    [[2, False], [0, False], [4, True]]
    """
    akhir = pd.Period(periode, freq="M")
    waktu = df[kolom_waktu]
    bulan = (pd.PeriodIndex(waktu.astype(str), freq="M") if kolom_waktu == "periode" or waktu.dtype == object
             or pd.api.types.is_string_dtype(waktu) else pd.to_datetime(waktu).dt.to_period("M"))
    t = pd.DataFrame({"kode_wilayah": df["kode_wilayah"].astype(str).to_numpy(), "bulan": np.asarray(bulan)})
    t = t[t["bulan"] <= akhir]
    pertama = t["bulan"].min() if len(t) else akhir
    terakhir = t.groupby("kode_wilayah")["bulan"].max().reindex(list(desa))
    pernah = terakhir.notna()
    jarak = [(akhir - b).n if isinstance(b, pd.Period) else (akhir - pertama).n + 1 for b in terakhir]
    return pd.DataFrame({"kode_wilayah": list(desa),
                         "bulan_terakhir": [str(b) if isinstance(b, pd.Period) else "" for b in terakhir],
                         "bulan_kosong": np.asarray(jarak, dtype=int), "tidak_pernah": ~pernah.to_numpy()})


def perhatian_data_kosong(data: Mapping[str, pd.DataFrame], desa: pd.DataFrame, periode: str,
                          dataset: Sequence[str] = ("layanan_permohonan",), min_bulan: int = 2) -> Pernyataan | None:
    """"23 villages have no Smart Netizen data for 2 months": the first dataset of ``dataset`` in which
    some villages (``desa``: kode_wilayah, kode_induk) have no row in the last ``min_bulan`` months."""
    from indicators.gudang import kolom_bulan

    kec = desa.set_index("kode_wilayah")["kode_induk"]
    for nama in dataset:
        df = data.get(nama)
        if df is None or df.empty or "kode_wilayah" not in df:
            continue
        b = bulan_tanpa_data(df, kolom_bulan(nama), desa["kode_wilayah"].astype(str).tolist(), periode)
        kosong = b[b["bulan_kosong"] >= min_bulan]
        if len(kosong):
            return _pernyataan_data_kosong(nama, kosong, kec, desa, periode, min_bulan)
    return None


def _pernyataan_data_kosong(nama: str, kosong: pd.DataFrame, kec: pd.Series, desa: pd.DataFrame, periode: str,
                            min_bulan: int) -> Pernyataan:
    per_kec = kosong["kode_wilayah"].map(kec).value_counts().sort_index().sort_values(ascending=False, kind="stable")
    dari = (pd.Period(periode, freq="M") - (min_bulan - 1)).strftime("%Y-%m")
    kec_teratas = str(per_kec.index[0])
    nama_kec = desa.drop_duplicates("kode_induk").set_index("kode_induk").get("nama_induk")
    label_kec = str(nama_kec[kec_teratas]) if nama_kec is not None and kec_teratas in nama_kec else kec_teratas
    n, pernah_tidak = len(kosong), int(kosong["tidak_pernah"].sum())
    kunci = ("rk_p_data_kosong" if pernah_tidak == 0 else "rk_p_data_belum_pernah" if pernah_tidak == n
             else "rk_p_data_kosong_pernah")
    sejak = (pd.Period(periode, freq="M") - (int(kosong["bulan_kosong"].max()) - 1)).strftime("%Y-%m")
    return Pernyataan(
        "data_kosong",
        _kalimat(kunci, n=lambda b: angka(n, 0, b), layanan=lambda b: teks(f"rk_dataset_{nama}", b),
                 bulan=lambda b: angka(min_bulan, 0, b), sejak=lambda b: nama_periode(sejak, b),
                 rentang=lambda b: f"{nama_periode(dari, b)} – {nama_periode(periode, b)}",
                 tidak_pernah=lambda b: angka(pernah_tidak, 0, b), kecamatan=label_kec,
                 n_kec=lambda b: angka(int(per_kec.iloc[0]), 0, b)),
        {"dataset": nama, "desa": n, "tidak_pernah": pernah_tidak, "bulan": min_bulan,
         "kecamatan": kec_teratas, "desa_kecamatan": int(per_kec.iloc[0])}, "pages/layanan-desa.py")


def perhatian_program(status: pd.DataFrame | None, kerangka: Kerangka) -> Pernyataan | None:
    """"5 of 31 masterplan programmes are late": from ``progres.status_program`` at the period; the
    pillar with most late programmes and the programme furthest behind."""
    if status is None or status.empty:
        return None
    telat = status[status["status"] == "terlambat"]
    if telat.empty:
        return None
    nama_pilar = {p.id: p.nama for p in kerangka.pilar}
    per_pilar = telat["pilar"].astype(str).value_counts().sort_index().sort_values(ascending=False, kind="stable")
    pilar = str(per_pilar.index[0])
    paling = telat.sort_values(["selisih", "id_program"], kind="stable").iloc[0]
    return Pernyataan(
        "program_terlambat",
        _kalimat("rk_p_program", n=lambda b: angka(len(telat), 0, b), total=lambda b: angka(len(status), 0, b),
                 pilar=lambda b: nama_pilar.get(pilar, {b: pilar})[b],
                 n_pilar=lambda b: angka(int(per_pilar.iloc[0]), 0, b),
                 program=str(paling["nama"]), opd=str(paling.get("opd", "")),
                 selisih=lambda b: angka(abs(float(paling["selisih"])), 1, b)),
        {"terlambat": len(telat), "total": len(status), "pilar": pilar, "program": str(paling["id_program"]),
         "selisih": float(paling["selisih"])}, "pages/progres.py")


def perhatian_pilar_turun(pilar: pd.DataFrame, periode_lalu: str, ambang: float = 1.0) -> Pernyataan | None:
    """The pillar that fell most since the previous period, when it fell by ``ambang`` points or more."""
    p = pilar[(pilar["ukuran"] != "indeks") & pilar["selisih"].notna()]
    if p.empty:
        return None
    r = p.sort_values(["selisih", "ukuran"], kind="stable").iloc[0]
    if r["selisih"] > -ambang:
        return None
    return Pernyataan(
        "pilar_turun",
        _kalimat("rk_p_pilar_turun", pilar=lambda b: r[f"nama_{b}"], selisih=lambda b: angka(-r["selisih"], 1, b),
                 lalu=lambda b: angka(r["skor_lalu"], 1, b), kini=lambda b: angka(r["skor"], 1, b),
                 periode=lambda b: nama_periode(periode_lalu, b)),
        {"pilar": r["ukuran"], "selisih": float(r["selisih"])}, "pages/pilar.py")


def perhatian_pilar_terlemah(pilar: pd.DataFrame) -> Pernyataan | None:
    """The weakest pillar and its gap to the target."""
    p = pilar[(pilar["ukuran"] != "indeks") & pilar["skor"].notna()]
    if p.empty:
        return None
    r = p.sort_values(["skor", "ukuran"], kind="stable").iloc[0]
    return Pernyataan(
        "pilar_terlemah",
        _kalimat("rk_p_pilar_terlemah", pilar=lambda b: r[f"nama_{b}"], skor=lambda b: angka(r["skor"], 1, b),
                 target=lambda b: angka(r["target"], 0, b),
                 selisih=lambda b: angka(max(r["target"] - r["skor"], 0), 1, b)),
        {"pilar": r["ukuran"], "skor": float(r["skor"]), "target": float(r["target"])}, "pages/pilar.py")


def perhatian_kecamatan_turun(kecamatan: pd.DataFrame, periode_lalu: str, ambang: float = 1.0) -> Pernyataan | None:
    """The kecamatan whose index fell most since the previous period (``kecamatan`` has ``nama``,
    ``indeks``, ``indeks_lalu``, ``selisih``), when it fell by ``ambang`` points or more."""
    k = kecamatan[kecamatan["selisih"].notna()]
    if k.empty:
        return None
    r = k.sort_values(["selisih", "kode_wilayah"], kind="stable").iloc[0]
    if r["selisih"] > -ambang:
        return None
    return Pernyataan(
        "kecamatan_turun",
        _kalimat("rk_p_kecamatan_turun", nama=str(r["nama"]), selisih=lambda b: angka(-r["selisih"], 1, b),
                 lalu=lambda b: angka(r["indeks_lalu"], 1, b), kini=lambda b: angka(r["indeks"], 1, b),
                 periode=lambda b: nama_periode(periode_lalu, b)),
        {"kode_wilayah": r["kode_wilayah"], "selisih": float(r["selisih"])}, "pages/pilar.py")


def perhatian_kecamatan_terbawah(kecamatan: pd.DataFrame, kerangka: Kerangka) -> Pernyataan | None:
    """The last-ranked kecamatan and its weakest pillar."""
    k = kecamatan[kecamatan["indeks"].notna()]
    if k.empty:
        return None
    r = k.sort_values(["indeks", "kode_wilayah"], kind="stable").iloc[0]
    nilai_pilar = r[list(PILAR)].astype(float).dropna()
    if nilai_pilar.empty:
        return None
    lemah = str(nilai_pilar.sort_values(kind="stable").index[0])
    nama_pilar = {p.id: p.nama for p in kerangka.pilar}
    return Pernyataan(
        "kecamatan_terbawah",
        _kalimat("rk_p_kecamatan_terbawah", nama=str(r["nama"]), indeks=lambda b: angka(r["indeks"], 1, b),
                 n=lambda b: angka(len(k), 0, b), pilar=lambda b: nama_pilar[lemah][b],
                 skor=lambda b: angka(nilai_pilar[lemah], 1, b)),
        {"kode_wilayah": r["kode_wilayah"], "pilar": lemah}, "pages/pilar.py")


def pilih_perhatian(kandidat: Mapping[str, Pernyataan | None], urutan: Sequence[str] = TOPIK,
                    n: int = 3) -> tuple[Pernyataan, ...]:
    """The first ``n`` statements that fired, in the declared order.

    >>> p = {"a": None, "b": Pernyataan("b", {"id": "B", "en": "B"}), "c": Pernyataan("c", {"id": "C", "en": "C"})}
    >>> [x.topik for x in pilih_perhatian(p, ["a", "c", "b"], n=1)]
    ['c']
    """
    return tuple(kandidat[t] for t in urutan if kandidat.get(t) is not None)[:n]


# --- the whole briefing ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Ringkasan:
    """Everything the Ringkasan page and the briefing PDF show for one district and period.

    ``kabupaten``: the one-row ``skor`` table (index, pillars, maturity, coverage); ``pilar``: see
    ``pilar_kabupaten``; ``kecamatan``: the kecamatan ``skor`` table with ``indeks_lalu``, ``selisih``;
    ``teratas``/``terbawah``: three kecamatan each; ``perhatian``: the chosen statements."""
    kode_kabupaten: str
    nama_kabupaten: str
    periode: str
    periode_lalu: str
    kabupaten: pd.DataFrame
    pilar: pd.DataFrame
    kecamatan: pd.DataFrame
    teratas: pd.DataFrame
    terbawah: pd.DataFrame
    perhatian: tuple[Pernyataan, ...]
    catatan: dict

    @property
    def indeks(self) -> float:
        return float(self.kabupaten["indeks"].iloc[0])

    @property
    def selisih_indeks(self) -> float:
        return float(self.pilar.set_index("ukuran").loc["indeks", "selisih"])


def susun_ringkasan(data: Mapping[str, pd.DataFrame], kerangka: Kerangka, kode_kabupaten: str, periode: str,
                    skor_fn: Callable[[str, str], pd.DataFrame] | None = None, aduan_siap: pd.DataFrame | None = None,
                    n_teratas: int = 3) -> Ringkasan:
    """Compose the briefing of ``kode_kabupaten`` for ``periode``.

    ``skor_fn(tingkat, periode)`` returns the core's ``skor`` table (with ``nama``); by default
    ``skor_wilayah`` on ``data`` (pages pass their cached version). ``aduan_siap`` is the output of
    ``aduan.siapkan`` (computed here when None and complaints exist).
    """
    from indicators import progres
    from indicators.skor.pipeline import skor_wilayah
    from indicators.wilayah import daftar_wilayah, nama_wilayah

    if skor_fn is None:
        def skor_fn(tingkat: str, p: str) -> pd.DataFrame:
            return skor_wilayah(data, kerangka, kode_kabupaten, tingkat, p).skor
    atur = pengaturan_ringkasan(kerangka)["perhatian"]
    lalu = periode_sebelumnya(periode)
    kab, kab_lalu = skor_fn("kabupaten", periode), skor_fn("kabupaten", lalu)
    pilar = pilar_kabupaten(kab, kab_lalu, kerangka)
    kec, kec_lalu = skor_fn("kecamatan", periode), skor_fn("kecamatan", lalu)
    kec = kec.assign(indeks_lalu=kec["kode_wilayah"].map(kec_lalu.set_index("kode_wilayah")["indeks"]).astype(float))
    kec["selisih"] = kec["indeks"].astype(float) - kec["indeks_lalu"]
    atas, bawah = teratas_terbawah(kec, n_teratas)

    adu = data.get("aduan_jalan")
    if aduan_siap is None and adu is not None and len(adu):
        from indicators.aduan import siapkan
        aduan_siap = siapkan(adu, data.get("aduan_jalan_riwayat"), kode_kabupaten)
    akhir = pd.Period(periode, freq="M").end_time.ceil("D")
    status = None
    pp, prog = data.get("program_progres"), data.get("program")
    if pp is not None and len(pp):
        try:
            status = progres.status_program(pp, prog if prog is not None and len(prog) else None, periode)
        except ValueError:
            status = None
    desa = daftar_wilayah(kode_kabupaten, "desa")[["kode_wilayah", "kode_induk"]]
    desa = desa.assign(nama_induk=desa["kode_induk"].map(daftar_wilayah(kode_kabupaten, "kecamatan")
                                                          .set_index("kode_wilayah")["nama"]))
    kandidat = {
        "aduan_kewenangan": perhatian_aduan(aduan_siap, akhir, atur["ambang_persen_aduan"], atur["kewenangan_luar"]),
        "data_kosong": perhatian_data_kosong(data, desa, periode, atur["dataset_tanpa_data"], atur["bulan_tanpa_data"]),
        "program_terlambat": perhatian_program(status, kerangka),
        "pilar_turun": perhatian_pilar_turun(pilar, lalu, atur["ambang_turun_poin"]),
        "kecamatan_turun": perhatian_kecamatan_turun(kec, lalu, atur["ambang_turun_poin"]),
        "pilar_terlemah": perhatian_pilar_terlemah(pilar),
        "kecamatan_terbawah": perhatian_kecamatan_terbawah(kec, kerangka),
    }
    catatan = {
        "cakupan": float(kab["cakupan"].iloc[0]),
        "kecamatan_tanpa_indeks": int(kec["indeks"].isna().sum()),
        "jumlah_kecamatan": len(kec),
        "pilar_tanpa_skor": [p for p in PILAR if pd.isna(kab[p].iloc[0])],
    }
    return Ringkasan(kode_kabupaten, nama_wilayah(kode_kabupaten), periode, lalu, kab.reset_index(drop=True), pilar,
                     kec.reset_index(drop=True), atas, bawah, pilih_perhatian(kandidat, atur["urutan"]), catatan)


_MARKDOWN = set("\\`*_{}[]()<>#+-.!|$~&:=\"'")


def markdown_aman(s) -> str:
    """Text shown through Markdown as written: every Markdown/LaTeX/HTML special character escaped.

    >>> markdown_aman("<img src=x onerror=alert(1)> `${x}` *a*")
    '\\\\<img src\\\\=x onerror\\\\=alert\\\\(1\\\\)\\\\> \\\\`\\\\$\\\\{x\\\\}\\\\` \\\\*a\\\\*'
    """
    return "".join("\\" + c if c in _MARKDOWN else c for c in ("" if s is None else str(s)))


def format_selisih(x, bahasa: str = "id", desimal: int = 1) -> str:
    """A change with its sign, "0,0" when it rounds to zero, "–" when missing.

    >>> format_selisih(1.25), format_selisih(-0.03), format_selisih(-2.94, "en"), format_selisih(np.nan)
    ('+1,3', '0,0', '-2.9', '–')
    """
    if x is None or x is pd.NA or (isinstance(x, float) and np.isnan(x)):
        return "–"
    s = angka(x, desimal, bahasa)
    if s.lstrip("-").strip("0,.") == "":
        return angka(0, desimal, bahasa)
    return s if s.startswith("-") else "+" + s


# --- tables as pages show and export them ---------------------------------------------------------

def tabel_tampil(df: pd.DataFrame, kolom: Mapping[str, tuple[str, int | None]], bahasa: str = "id",
                 kosong: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(export, display) copies of ``df`` with ``kolom`` (column → (header, decimals or None for text)).

    The export keeps numbers as numbers (a spreadsheet can compute; a missing score stays empty,
    never 0); the display writes them in the reader's format and a missing number as ``kosong``
    (default "data tidak cukup"). Same rows, same order, same headers.

    >>> e, d = tabel_tampil(pd.DataFrame({"n": ["a", "b"], "x": [61.25, np.nan]}), {"n": ("Nama", None),
    ...                     "x": ("Indeks", 1)}, "id")
    >>> e["Indeks"].tolist()[0], d.values.tolist()
    (61.25, [['a', '61,3'], ['b', 'data tidak cukup']])
    """
    kosong = teks("rk_data_tidak_cukup", bahasa) if kosong is None else kosong
    ekspor = pd.DataFrame({judul: df[k].to_numpy() for k, (judul, _) in kolom.items()})
    tampil = ekspor.copy()
    for judul, desimal in kolom.values():
        if desimal is None:
            tampil[judul] = [("" if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) else str(v))
                             for v in ekspor[judul]]
        else:  # each distinct value formatted once (Babel costs ~0.1 ms a call; 311 villages × 10 columns)
            nilai = pd.Series(ekspor[judul].to_numpy(), dtype=object)
            ada = ~nilai.isna().to_numpy()
            posisi, unik = pd.factorize(nilai[ada])
            teks_ = np.full(len(nilai), kosong, dtype=object)
            teks_[ada] = np.array([angka(v, desimal, bahasa) for v in unik], dtype=object)[posisi]
            tampil[judul] = teks_
    return ekspor, tampil


def tabel_kecamatan(df: pd.DataFrame, bahasa: str = "id", kerangka: Kerangka | None = None
                    ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(export, display) of a kecamatan/village score table (the core's ``skor`` with ``nama``;
    ``selisih`` optional): rank, name, code, index, change, maturity, six pillars, coverage."""
    from indicators.skor.kerangka import muat_kerangka

    k = kerangka or muat_kerangka()
    t = df.copy()
    t["kematangan_teks"] = [v if isinstance(v, str) and v else teks("rk_data_tidak_cukup", bahasa)
                            for v in t[f"kematangan_{bahasa}"]]
    kolom = {"peringkat": (teks("rk_peringkat", bahasa), 0), "nama": (teks("rk_nama", bahasa), None),
             "kode_wilayah": (teks("rk_kode", bahasa), None), "indeks": (teks("indeks", bahasa), 1)}
    if "selisih" in t:
        kolom["selisih"] = (teks("rk_perubahan", bahasa), 1)
    kolom["kematangan_teks"] = (teks("rk_kematangan", bahasa), None)
    kolom |= {p.id: (p.nama[bahasa], 1) for p in k.pilar}
    kolom["cakupan"] = (teks("rk_cakupan_data", bahasa) + " (%)", 0)
    ekspor, tampil = tabel_tampil(t, kolom, bahasa)
    judul_rank = teks("rk_peringkat", bahasa)
    tampil[judul_rank] = [s if s != teks("rk_data_tidak_cukup", bahasa) else "–" for s in tampil[judul_rank]]
    if "selisih" in t:
        tampil[teks("rk_perubahan", bahasa)] = [format_selisih(v, bahasa) for v in t["selisih"]]
    return ekspor, tampil


def tabel_peringkat(t: pd.DataFrame, bahasa: str = "id", satuan: str = "") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(export, display) of the Pilar page's ranking, best first; the columns present in ``t`` are
    shown: ``peringkat, nama, kode_wilayah, kecamatan, skor, nilai`` (raw, headed with ``satuan``),
    ``peringkat_median, peringkat_p05, peringkat_p95, tumpang_tindih, naik, cakupan``.

    >>> t = pd.DataFrame({"peringkat": pd.array([2, 1, None], dtype="Int64"), "nama": ["A", "B", "C"],
    ...                   "kode_wilayah": ["a", "b", "c"], "skor": [50.0, 70.0, np.nan]})
    >>> tabel_peringkat(t, "en")[1].values.tolist()
    [['1', 'B', 'b', '70.0'], ['2', 'A', 'a', '50.0'], ['–', 'C', 'c', 'insufficient data']]
    """
    t = t.sort_values(["peringkat", "kode_wilayah"], na_position="last", kind="stable")
    kolom = {"peringkat": (teks("rk_peringkat", bahasa), None), "nama": (teks("rk_nama", bahasa), None),
             "kode_wilayah": (teks("rk_kode", bahasa), None), "kecamatan": (teks("kecamatan", bahasa), None),
             "skor": (teks("rk_skor_0_100", bahasa), 1),
             "nilai": (f"{teks('rk_nilai_asli', bahasa)} ({satuan})" if satuan else teks("rk_nilai_asli", bahasa), 2),
             "peringkat_median": (teks("rk_peringkat_median", bahasa), None),
             "peringkat_p05": (teks("rk_peringkat_p05", bahasa), None),
             "peringkat_p95": (teks("rk_peringkat_p95", bahasa), None),
             "tumpang_tindih": (teks("rk_tumpang_tindih_kolom", bahasa), None),
             "naik": (teks("rk_naik_kolom", bahasa), None),
             "cakupan": (teks("rk_cakupan_data", bahasa) + " (%)", 0)}   # whole numbers: written below
    ekspor, tampil = tabel_tampil(t, {k: v for k, v in kolom.items() if k in t}, bahasa)
    for k in ("peringkat", "peringkat_median", "peringkat_p05", "peringkat_p95", "tumpang_tindih", "naik"):
        if k in t:
            tampil[kolom[k][0]] = ["–" if pd.isna(v) else (format_selisih(v, bahasa, 0) if k == "naik" else str(int(v)))
                                   for v in t[k]]
    return ekspor, tampil
