"""What an import would change in the store, computed in SQL before anything is written.

Used by :class:`indicators.data.gudang.Gudang` for the officer's preview and inside the import's own
transaction (so the preview and the import count the same way). Row months come from
:func:`kolom_bulan`; SQL text is built from declared names only (:mod:`indicators.data.sql`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from indicators.data import skema as _skema
from indicators.data.sql import id_sql as _id
from indicators.data.sql import syarat_sql as _syarat

DEMO = "_impor_id IN (SELECT id FROM log_impor WHERE sumber = 'demo')"


@dataclass(frozen=True)
class RencanaImpor:
    """What an import would change: rows new, updated, identical (skipped), and removed — simulated
    rows of the dataset (``demo_dihapus``) and, for ``ganti_bulan`` datasets, rows of the file's
    months and villages that the file no longer holds (``dihapus``). Per month of the file: its rows
    (``baris_per_bulan``), its region codes (``desa_berkas_per_bulan``) and the region codes holding
    rows of that month once imported (``desa_per_bulan``)."""
    dataset: str
    baris: int
    baru: int
    diperbarui: int
    sama: int
    ganti_demo: bool
    demo_dihapus: int = 0
    dihapus: int = 0
    baris_per_bulan: dict = field(default_factory=dict)
    desa_berkas_per_bulan: dict = field(default_factory=dict)
    desa_per_bulan: dict = field(default_factory=dict)

    @property
    def berubah(self) -> bool:
        return bool(self.baru or self.diperbarui or self.dihapus or self.demo_dihapus)


def kolom_bulan(dataset: str) -> str | None:
    """The column that dates a dataset's rows: its first ``periode`` column, else its first required
    date or time column; None for datasets without one (profiles, roads, programmes).

    >>> kolom_bulan("aduan_jalan"), kolom_bulan("desa_website"), kolom_bulan("program")
    ('waktu_lapor', 'periode', None)
    """
    ds = _skema.skema(dataset)
    periode = [k for k, c in ds.kolom.items() if c.tipe == "periode"]
    waktu = [k for k, c in ds.kolom.items() if c.tipe in ("tanggal", "waktu") and c.wajib]
    return (periode or waktu or [None])[0]


def ekspr_bulan(dataset: str, awalan: str = "") -> str:
    """SQL for a row's month (YYYY-MM) from :func:`kolom_bulan` (declared names only).

    >>> ekspr_bulan("desa_website", "t."), ekspr_bulan("ronda_laporan")
    ('t."periode"', 'strftime("waktu", \\'%Y-%m\\')')
    """
    kol = kolom_bulan(dataset)
    k = awalan + _id(kol)
    return k if _skema.skema(dataset).kolom[kol].tipe == "periode" else f"strftime({k}, '%Y-%m')"


def _pasangan(dataset: str) -> str:
    """t's row lies in a month (and village) of b's rows."""
    bulan = f"{ekspr_bulan(dataset, 't.')} = {ekspr_bulan(dataset, 'b.')}"
    if "kode_wilayah" in _skema.skema(dataset).kolom:
        return f"{bulan} AND t.{_id('kode_wilayah')} IS NOT DISTINCT FROM b.{_id('kode_wilayah')}"
    return bulan


def syarat_ganti_bulan(dataset: str, sumber: str) -> str:
    """SQL condition on ``t`` (the dataset table): a stored row of a month and village the new rows
    (relation ``sumber``: ``_baru`` or ``_masuk``, aliased ``b``) cover, whose key they no longer hold."""
    if sumber not in ("_baru", "_masuk"):
        raise ValueError(f"relasi tidak dikenal: {sumber!r}")
    on = _syarat(_skema.skema(dataset).kunci, "b.{k} = t.{k}")
    return (f"EXISTS (SELECT 1 FROM {sumber} b WHERE {_pasangan(dataset)}) "  # noqa: S608
            f"AND NOT EXISTS (SELECT 1 FROM {sumber} b WHERE {on})")


def rencana_sql(con, data: pd.DataFrame, dataset: str, n_demo: int) -> RencanaImpor:
    """The plan of importing ``data`` (typed rows with ``_catatan_mutu``) into ``dataset``; ``n_demo``:
    simulated rows the dataset holds now (all replaced by a real import)."""
    ds = _skema.skema(dataset)
    tabel = _id(dataset)
    ganti_demo = n_demo > 0
    tinggal = f"NOT ({DEMO})" if ganti_demo else "TRUE"  # stored rows that stay
    kolom = [*ds.kolom, "_catatan_mutu"]
    bulan = kolom_bulan(dataset)
    ganti = ds.impor == "ganti_bulan" and bulan is not None
    con.register("_baru", data)
    try:
        on = _syarat(ds.kunci, "b.{k} = t.{k}")
        sama_kol = _syarat(kolom, "b.{k} IS NOT DISTINCT FROM t.{k}")
        ada = con.execute(f"SELECT count(*) FROM _baru b JOIN {tabel} t ON {on} WHERE {tinggal}").fetchall()[0][0]  # noqa: S608
        sama = con.execute(f"SELECT count(*) FROM _baru b JOIN {tabel} t ON {on} AND {sama_kol} "  # noqa: S608
                           f"WHERE {tinggal}").fetchall()[0][0]
        dihapus = 0
        if ganti:
            dihapus = con.execute(f"SELECT count(*) FROM {tabel} t WHERE {tinggal} "  # noqa: S608
                                  f"AND {syarat_ganti_bulan(dataset, '_baru')}").fetchall()[0][0]
        per_bulan, desa_berkas, desa_sesudah = {}, {}, {}
        if bulan is not None:
            kode = _id("kode_wilayah") if "kode_wilayah" in ds.kolom else "NULL"
            b = con.execute(f"SELECT {ekspr_bulan(dataset)} AS bulan, {kode} AS kode FROM _baru").df()  # noqa: S608
            b = b.dropna(subset=["bulan"])
            per_bulan = {str(k): int(v) for k, v in b.groupby("bulan").size().items()}
            desa_berkas = {str(k): frozenset(v.dropna()) for k, v in b.groupby("bulan")["kode"]}
            if per_bulan:
                hapus = f"AND NOT ({syarat_ganti_bulan(dataset, '_baru')})" if ganti else ""
                sisa = con.execute(
                    f"SELECT DISTINCT {ekspr_bulan(dataset, 't.')} AS bulan, {kode if kode == 'NULL' else 't.' + kode} "  # noqa: S608
                    f"AS kode FROM {tabel} t WHERE {tinggal} {hapus} AND {ekspr_bulan(dataset, 't.')} IN "
                    f"(SELECT DISTINCT {ekspr_bulan(dataset)} FROM _baru)").df()
                semua = pd.concat([b, sisa], ignore_index=True).dropna()
                desa_sesudah = {m: frozenset(semua.loc[semua["bulan"] == m, "kode"]) for m in per_bulan}
    finally:
        con.unregister("_baru")
    return RencanaImpor(dataset, len(data), len(data) - ada, ada - sama, sama, ganti_demo, int(n_demo), int(dihapus),
                        per_bulan, desa_berkas, desa_sesudah)
