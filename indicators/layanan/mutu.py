"""Data-quality flags of the village-service datasets: counted and listed, never silently dropped.

The indicators keep every row as the data say (the scoring core does not drop them either); these
flags tell officers which rows to check with the operator. Thresholds are in ``data/layanan.yaml``
(``mutu``). Flags (``tanda``):

- ``selesai_kilat``: a request "completed" within ``selesai_kilat_menit`` minutes of submission;
- ``tanggal_masa_depan``: a date after the data's "now" (the end of its latest month);
- ``waktu_mustahil``: completion before submission, a date before ``tanggal_paling_awal``, a status
  that contradicts the dates, a website update after its snapshot month, a response time beyond
  ``respon_maks_menit``;
- ``duplikat``: the same village, service type and channel (Ronda: report type and category) within
  ``duplikat_menit`` minutes of the previous one — a possible double entry (the first one is kept).

Months missing per village (a monthly series with holes) are listed by :func:`bulan_hilang_desa`.

>>> m = pd.DataFrame({"id_permohonan": ["A", "B"], "kode_wilayah": ["18.02.01.2001"] * 2,
...     "jenis_layanan": ["surat_usaha"] * 2, "kanal": ["loket"] * 2, "status": ["selesai"] * 2,
...     "tanggal_masuk": pd.to_datetime(["2026-10-01 08:00", "2026-10-01 08:04"]),
...     "tanggal_selesai": pd.to_datetime(["2026-10-01 08:03", "2026-10-02 08:00"])})
>>> tanda_permohonan(m, pd.Timestamp("2026-11-01"))[["id", "tanda", "angka"]].values.tolist()
[['A', 'selesai_kilat', 3.0], ['B', 'duplikat', 4.0]]
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from indicators.dasar import format as fmt
from indicators.dasar.label import teks
from indicators.data.impor import bulan_hilang
from indicators.layanan import nilai as layanan

TANDA = ("selesai_kilat", "tanggal_masa_depan", "waktu_mustahil", "duplikat")
KOLOM = ["dataset", "id", "kode_wilayah", "tanda", "rincian", "kolom", "tanggal", "angka", "pembanding"]
MENIT = pd.Timedelta(minutes=1)


def _aturan() -> dict:
    return layanan.deklarasi()["mutu"]


def _baris(df: pd.DataFrame, mask, dataset: str, id_: pd.Series, tanda: str, rincian: str, kolom: str = "",
           tanggal=None, angka=None, pembanding=None) -> pd.DataFrame:
    m = np.asarray(mask, dtype=bool)
    n = int(m.sum())

    def ambil(v):  # mask before any conversion: 80,000 timestamps to objects would take a second
        if v is None:
            return [None] * n
        return np.asarray(v)[m] if not np.isscalar(v) else [v] * n

    return pd.DataFrame({"dataset": dataset, "id": id_.astype(str).to_numpy()[m],
                         "kode_wilayah": df["kode_wilayah"].astype(str).to_numpy()[m], "tanda": tanda,
                         "rincian": rincian, "kolom": kolom, "tanggal": ambil(tanggal), "angka": ambil(angka),
                         "pembanding": ambil(pembanding)}, columns=KOLOM)


def _duplikat(df: pd.DataFrame, kunci: list[str], kolom_waktu: str, menit: float, id_: pd.Series) -> tuple:
    """Rows within ``menit`` of the previous row with the same ``kunci``: (mask, minutes, id of that row)."""
    urut = df.assign(_id=id_.astype(str), _t=pd.to_datetime(df[kolom_waktu]))
    urut = urut.sort_values([*kunci, "_t", "_id"], kind="stable")
    sama = np.ones(len(urut), bool)
    for k in kunci:
        v = urut[k].astype(str).to_numpy()
        sama &= np.r_[False, v[1:] == v[:-1]]
    selisih = (urut["_t"].diff() / MENIT).to_numpy(float)
    dup = sama & (selisih <= menit)
    sebelum = np.r_[None, urut["_id"].to_numpy()[:-1]]
    mask = pd.Series(dup, index=urut.index).reindex(df.index).to_numpy(bool)
    return (mask, pd.Series(selisih, index=urut.index).reindex(df.index).to_numpy(),
            pd.Series(sebelum, index=urut.index).reindex(df.index).to_numpy())


def tanda_permohonan(mohon: pd.DataFrame, kini: pd.Timestamp, aturan: Mapping | None = None) -> pd.DataFrame:
    """Flags of Smart Netizen requests (one row per flag; a request may have several)."""
    a = dict(_aturan(), **(aturan or {}))
    if mohon.empty:
        return pd.DataFrame(columns=KOLOM)
    t0, t1 = pd.to_datetime(mohon["tanggal_masuk"]), pd.to_datetime(mohon["tanggal_selesai"])
    status, id_ = mohon["status"].astype(str), mohon["id_permohonan"]
    awal = pd.Timestamp(a["tanggal_paling_awal"])
    menit = ((t1 - t0) / MENIT).to_numpy(float)
    bagian = [
        _baris(mohon, (status == "selesai") & (menit >= 0) & (menit <= a["selesai_kilat_menit"]), "layanan_permohonan",
               id_, "selesai_kilat", "selesai_kilat", "tanggal_selesai", t1, menit),
    ]
    for kol, t in (("tanggal_masuk", t0), ("tanggal_selesai", t1)):
        bagian.append(_baris(mohon, (t >= kini).fillna(False), "layanan_permohonan", id_, "tanggal_masa_depan",
                             "masa_depan", kol, t))
        bagian.append(_baris(mohon, (t < awal).fillna(False), "layanan_permohonan", id_, "waktu_mustahil",
                             "sebelum_awal", kol, t))
    bagian += [
        _baris(mohon, (t1 < t0).fillna(False), "layanan_permohonan", id_, "waktu_mustahil", "selesai_sebelum_masuk",
               "tanggal_selesai", t1, menit),
        _baris(mohon, status.isin(["selesai", "ditolak"]) & t1.isna(), "layanan_permohonan", id_, "waktu_mustahil",
               "tutup_tanpa_tanggal", "tanggal_selesai", None, None, status),
        _baris(mohon, status.isin(["diajukan", "diproses"]) & t1.notna(), "layanan_permohonan", id_, "waktu_mustahil",
               "terbuka_bertanggal", "tanggal_selesai", t1, None, status),
    ]
    dup, selisih, sebelum = _duplikat(mohon, ["kode_wilayah", "jenis_layanan", "kanal"], "tanggal_masuk",
                                      a["duplikat_menit"], id_)
    bagian.append(_baris(mohon, dup, "layanan_permohonan", id_, "duplikat", "duplikat", "tanggal_masuk", t0, selisih,
                         sebelum))
    return pd.concat(bagian, ignore_index=True)


def tanda_ronda(ronda: pd.DataFrame, kini: pd.Timestamp, aturan: Mapping | None = None) -> pd.DataFrame:
    """Flags of Ronda Online reports."""
    a = dict(_aturan(), **(aturan or {}))
    if ronda.empty:
        return pd.DataFrame(columns=KOLOM)
    t, id_ = pd.to_datetime(ronda["waktu"]), ronda["id_laporan"]
    respon = pd.to_numeric(ronda["waktu_respon_menit"], errors="coerce").astype(float)
    dup, selisih, sebelum = _duplikat(ronda, ["kode_wilayah", "jenis", "kategori"], "waktu", a["duplikat_menit"], id_)
    return pd.concat([
        _baris(ronda, (t >= kini).fillna(False), "ronda_laporan", id_, "tanggal_masa_depan", "masa_depan", "waktu", t),
        _baris(ronda, (t < pd.Timestamp(a["tanggal_paling_awal"])).fillna(False), "ronda_laporan", id_,
               "waktu_mustahil", "sebelum_awal", "waktu", t),
        _baris(ronda, (respon > a["respon_maks_menit"]).fillna(False), "ronda_laporan", id_, "waktu_mustahil",
               "respon_tidak_wajar", "waktu_respon_menit", None, respon),
        _baris(ronda, dup, "ronda_laporan", id_, "duplikat", "duplikat", "waktu", t, selisih, sebelum),
    ], ignore_index=True)


def tanda_situs(web: pd.DataFrame, kini: pd.Timestamp, aturan: Mapping | None = None) -> pd.DataFrame:
    """Flags of DesaID snapshots (id = ``kode_wilayah/periode``)."""
    a = dict(_aturan(), **(aturan or {}))
    if web.empty:
        return pd.DataFrame(columns=KOLOM)
    id_ = web["kode_wilayah"].astype(str) + "/" + web["periode"].astype(str)
    upd = pd.to_datetime(web["tanggal_update_terakhir"])
    akhir_potret = pd.to_datetime(web["periode"].astype(str) + "-01") + pd.offsets.MonthBegin(1)
    dup = id_.duplicated(keep="first").to_numpy()
    return pd.concat([
        _baris(web, (akhir_potret > kini).to_numpy(), "desa_website", id_, "tanggal_masa_depan", "masa_depan",
               "periode", akhir_potret - pd.Timedelta(days=1)),
        _baris(web, (upd >= kini).fillna(False), "desa_website", id_, "tanggal_masa_depan", "masa_depan",
               "tanggal_update_terakhir", upd),
        _baris(web, ((upd >= akhir_potret) & (upd < kini)).fillna(False), "desa_website", id_, "waktu_mustahil",
               "update_setelah_potret", "tanggal_update_terakhir", upd),
        _baris(web, (upd < pd.Timestamp(a["tanggal_paling_awal"])).fillna(False), "desa_website", id_,
               "waktu_mustahil", "sebelum_awal", "tanggal_update_terakhir", upd),
        _baris(web, dup, "desa_website", id_, "duplikat", "duplikat_kunci", "periode"),
    ], ignore_index=True)


def tanda_mutu(data: Mapping[str, pd.DataFrame], kini: pd.Timestamp, aturan: Mapping | None = None) -> pd.DataFrame:
    """Every flag of the three service datasets (columns :data:`KOLOM`)."""
    fungsi = {"layanan_permohonan": tanda_permohonan, "ronda_laporan": tanda_ronda, "desa_website": tanda_situs}
    bagian = [f(data[n], kini, aturan) for n, f in fungsi.items() if data.get(n) is not None]
    bagian = [b for b in bagian if len(b)]
    return pd.concat(bagian, ignore_index=True) if bagian else pd.DataFrame(columns=KOLOM)


# which flags are checked on which dataset (a website snapshot is never "completed within minutes")
DIPERIKSA = {"layanan_permohonan": TANDA, "ronda_laporan": TANDA[1:], "desa_website": TANDA[1:]}


def ringkasan_tanda(tanda: pd.DataFrame) -> pd.DataFrame:
    """Flag counts per dataset and the flags checked on it (0 where none): ``dataset, tanda, jumlah``.

    >>> r = ringkasan_tanda(pd.DataFrame({"dataset": ["ronda_laporan"], "tanda": ["duplikat"]}))
    >>> r[r["dataset"] == "ronda_laporan"].values.tolist()
    [['ronda_laporan', 'tanggal_masa_depan', 0], ['ronda_laporan', 'waktu_mustahil', 0], \
['ronda_laporan', 'duplikat', 1]]
    """
    idx = pd.MultiIndex.from_tuples([(d, t) for d, ts in DIPERIKSA.items() for t in ts], names=["dataset", "tanda"])
    g = tanda.groupby(["dataset", "tanda"]).size() if len(tanda) else pd.Series(dtype=int)
    return g.reindex(idx, fill_value=0).astype(int).rename("jumlah").reset_index()


def uraian(tanda: pd.DataFrame, bahasa: str = "id") -> pd.Series:
    """Each flag in words (``lay_rincian_<rincian>`` labels), numbers and dates in the reader's format.

    >>> t = pd.DataFrame({"rincian": ["selesai_kilat"], "kolom": ["tanggal_selesai"], "tanggal": [None],
    ...                   "angka": [3.0], "pembanding": [None]})
    >>> uraian(t, "en").tolist()
    ['completed 3 minutes after submission']
    """
    def satu(r) -> str:
        return teks(f"lay_rincian_{r['rincian']}", bahasa).format(
            kolom=r["kolom"], tanggal=fmt.tanggal(r["tanggal"], bahasa) if pd.notna(r["tanggal"]) else "–",
            angka=fmt.angka(r["angka"], 0, bahasa) if pd.notna(r["angka"]) else "–",
            pembanding="" if r["pembanding"] is None or pd.isna(r["pembanding"]) else str(r["pembanding"]))

    return tanda.apply(satu, axis=1).astype(object) if len(tanda) else pd.Series(dtype=object)


def bulan_hilang_desa(data: Mapping[str, pd.DataFrame], kode_kabupaten: str) -> pd.DataFrame:
    """Months missing per village and dataset, between the dataset's first and last month, for the
    villages that entered something (villages that never did are the "operator belum input" list):
    ``dataset, kode_wilayah, nama, bulan_ada, bulan_terakhir, jumlah_hilang, bulan_hilang``. The
    dataset's last month is :func:`indicators.layanan.nilai.periode_data` at the latest (a future row
    does not stretch it)."""
    batas = layanan.periode_data(data)
    hasil = []
    for nama, kol in layanan.DATASET_WAKTU.items():
        df = data.get(nama)
        if df is None or df.empty:
            continue
        bulan = df[kol].astype(str) if kol == "periode" else pd.to_datetime(df[kol]).dt.strftime("%Y-%m")
        pasang = pd.DataFrame({"kode_wilayah": df["kode_wilayah"].astype(str), "bulan": bulan})
        pasang = pasang[(pasang["bulan"] <= batas) & (pasang["bulan"] >= str(_aturan()["tanggal_paling_awal"])[:7])]
        h = bulan_hilang(pasang.drop_duplicates(), kode_kabupaten)
        hasil.append(h[(h["bulan_ada"] > 0) & (h["jumlah_hilang"] > 0)].assign(dataset=nama))
    kol = ["dataset", "kode_wilayah", "nama", "bulan_ada", "bulan_terakhir", "jumlah_hilang", "bulan_hilang"]
    return pd.concat(hasil, ignore_index=True)[kol] if hasil else pd.DataFrame(columns=kol)
