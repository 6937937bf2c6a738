"""Masterplan programme progress: S-curves of target vs realisation, schedule status, late items.

Progress reports (``program_progres``) are *cumulative*: a month's value is the programme's total so
far. A month without a report therefore carries the last reported value forward; a month before the
programme's start year counts as 0; a month after the start without any report yet is unknown (left
out, never counted as 0).

The portfolio S-curve weights every programme by its budget (``anggaran``), the usual way an Indonesian
*kurva S* adds up activities of different size; the budget curve adds up rupiah.

A programme's status at a period (``status_program``), first rule that applies:

1. ``belum_mulai``   no report yet and the period is before its start year;
2. ``tanpa_laporan`` no report yet although it has started;
3. ``selesai``       realisation reached 100 %;
4. ``terlambat``     realisation trails the target by *more than* ``ambang`` points, or the schedule has
   ended (after December of ``tahun_selesai``) with the work unfinished;
5. ``lebih_cepat``   realisation is ahead of the target by more than ``ambang_cepat`` points;
6. ``sesuai``        on track otherwise.

A report older than ``usang`` months at the period is flagged ``laporan_usang`` (status still computed
from it).

>>> import pandas as pd
>>> pp = pd.DataFrame({"id_program": ["A", "A", "B"], "periode": ["2026-01", "2026-02", "2026-02"],
...                    "target_persen": [10.0, 30.0, 50.0], "realisasi_persen": [10.0, 15.0, 48.0],
...                    "realisasi_anggaran": [1e8, 2e8, 3e8]})
>>> program_terlambat(pp, ambang=10)["id_program"].tolist()
['A']
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd
import yaml

from indicators.pengaturan import DATA_DIR, ambil

KOLOM_PROGRES = ("id_program", "periode", "target_persen", "realisasi_persen", "realisasi_anggaran")
KOLOM_PROGRAM = ("id_program", "nama", "pilar", "opd", "jenis", "tahun_mulai", "tahun_selesai", "anggaran")
STATUS = ("terlambat", "tanpa_laporan", "sesuai", "lebih_cepat", "selesai", "belum_mulai")
JENIS = ("quick_win", "menengah", "panjang")
_POLA_PERIODE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_PRESISI = 6  # differences are compared at this precision: 29.9 - 40 must be -10.1, not -10.100000000000001


@lru_cache(maxsize=1)
def pengaturan_progres() -> dict:
    """The progress settings of ``data/evaluasi.yaml`` (section ``progres``), validated.

    >>> pengaturan_progres()["laporan_usang_bulan"]
    2
    """
    raw = yaml.safe_load((DATA_DIR / "evaluasi.yaml").read_text(encoding="utf-8")).get("progres") or {}
    out = {"ambang_lebih_cepat_persen": raw.get("ambang_lebih_cepat_persen", 10.0),
           "laporan_usang_bulan": raw.get("laporan_usang_bulan", 2)}
    for k, v in out.items():
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
            raise ValueError(f"evaluasi.yaml progres.{k} harus angka >= 0, bukan {v!r}")
    return out


# --- checks -------------------------------------------------------------------------------------

def _periksa_periode(p: str, nama: str = "periode") -> str:
    if not isinstance(p, str) or not _POLA_PERIODE.match(p):
        raise ValueError(f"{nama} harus berbentuk YYYY-MM, bukan {p!r}")
    return p


def periksa_progres(progres: pd.DataFrame) -> pd.DataFrame:
    """The progress table, checked: columns present, periods ``YYYY-MM``, percentages in [0, 100],
    budgets >= 0, one report per programme and month. ``ValueError`` naming the first problem.

    >>> periksa_progres(pd.DataFrame({"id_program": ["A"], "periode": ["2026-13"], "target_persen": [1.0],
    ...                               "realisasi_persen": [1.0], "realisasi_anggaran": [0.0]}))
    Traceback (most recent call last):
    ...
    ValueError: program_progres: periode harus berbentuk YYYY-MM, bukan '2026-13'
    """
    kurang = [k for k in KOLOM_PROGRES if k not in progres.columns]
    if kurang:
        raise ValueError(f"program_progres: kolom wajib tidak ada: {', '.join(kurang)}")
    for p in progres["periode"].astype(str).unique():
        _periksa_periode(p, "program_progres: periode")
    for k in ("target_persen", "realisasi_persen"):
        x = pd.to_numeric(progres[k], errors="coerce")
        if x.isna().any() or ((x < 0) | (x > 100)).any():
            raise ValueError(f"program_progres: {k} harus angka di antara 0 dan 100")
    x = pd.to_numeric(progres["realisasi_anggaran"], errors="coerce")
    if x.isna().any() or (x < 0).any():
        raise ValueError("program_progres: realisasi_anggaran harus angka >= 0")
    ganda = progres.duplicated(["id_program", "periode"])
    if ganda.any():
        r = progres[ganda].iloc[0]
        raise ValueError(f"program_progres: laporan ganda untuk {r['id_program']} periode {r['periode']}")
    return progres


def periksa_program(program: pd.DataFrame) -> pd.DataFrame:
    """The programme table, checked (columns, years, budgets, unique ids); ``ValueError`` otherwise."""
    kurang = [k for k in KOLOM_PROGRAM if k not in program.columns]
    if kurang:
        raise ValueError(f"program: kolom wajib tidak ada: {', '.join(kurang)}")
    ganda = program["id_program"][program["id_program"].duplicated()]
    if len(ganda):
        raise ValueError(f"program: id_program ganda {ganda.iloc[0]!r}")
    if (pd.to_numeric(program["tahun_selesai"]) < pd.to_numeric(program["tahun_mulai"])).any():
        raise ValueError("program: tahun_selesai tidak boleh sebelum tahun_mulai")
    if (pd.to_numeric(program["anggaran"], errors="coerce").fillna(-1) < 0).any():
        raise ValueError("program: anggaran harus angka >= 0")
    return program


def _bulan(periode: str) -> int:
    """Months since year 0 (so that differences of periods are month counts)."""
    return int(periode[:4]) * 12 + int(periode[5:]) - 1


def _ke_periode(n: int) -> str:
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def selisih_bulan(dari: str, sampai: str) -> int:
    """Whole months from ``dari`` to ``sampai``.

    >>> selisih_bulan("2025-11", "2026-02")
    3
    """
    return _bulan(_periksa_periode(sampai)) - _bulan(_periksa_periode(dari))


def akhir_periode(periode: str) -> pd.Timestamp:
    """The last day of a ``YYYY-MM`` month (where a timeline marks "now").

    >>> akhir_periode("2026-02")
    Timestamp('2026-02-28 00:00:00')
    """
    return pd.Period(_periksa_periode(periode), "M").end_time.normalize()


def daftar_periode(progres: pd.DataFrame) -> list[str]:
    """The reported months, oldest first."""
    return sorted(progres["periode"].astype(str).unique())


# --- filters ------------------------------------------------------------------------------------

def saring_program(program: pd.DataFrame, pilar=None, opd=None, jenis=None) -> pd.DataFrame:
    """Programmes of the chosen pillars, agencies and horizons (an empty or ``None`` filter keeps all).

    >>> p = pd.DataFrame({"id_program": ["a", "b"], "pilar": ["living", "economy"], "opd": ["X", "Y"],
    ...                   "jenis": ["quick_win", "panjang"]})
    >>> saring_program(p, pilar=["living"])["id_program"].tolist()
    ['a']
    """
    m = pd.Series(True, index=program.index)
    for kolom, pilihan in (("pilar", pilar), ("opd", opd), ("jenis", jenis)):
        if pilihan:
            m &= program[kolom].isin(list(pilihan))
    return program[m]


# --- monthly grid and S-curves ------------------------------------------------------------------

def progres_bulanan(progres: pd.DataFrame, program: pd.DataFrame | None = None,
                    dari: str | None = None, sampai: str | None = None) -> pd.DataFrame:
    """One row per programme and month from ``dari`` to ``sampai`` (default: the reported range).

    Columns ``id_program, periode, target_persen, realisasi_persen, realisasi_anggaran, dilaporkan,
    sumber`` where ``sumber`` is ``laporan`` (reported that month), ``terbawa`` (last report carried
    forward), ``belum_mulai`` (0 before the start year) or ``tidak_diketahui`` (NaN values). With
    ``program``, only its programmes are kept (reports of other ids are ignored).
    """
    periksa_progres(progres)
    pp = progres.assign(periode=progres["periode"].astype(str), id_program=progres["id_program"].astype(str))
    if program is not None:
        periksa_program(program)
        ids = program["id_program"].astype(str).tolist()
        pp = pp[pp["id_program"].isin(ids)]
    else:
        ids = sorted(pp["id_program"].unique())
    semua = daftar_periode(pp) if len(pp) else []
    dari = _periksa_periode(dari, "dari") if dari else (semua[0] if semua else None)
    sampai = _periksa_periode(sampai, "sampai") if sampai else (semua[-1] if semua else None)
    if dari is None or sampai is None or not ids:
        return pd.DataFrame(columns=[*KOLOM_PROGRES, "dilaporkan", "sumber"])
    if sampai < dari:
        raise ValueError(f"sampai ({sampai}) sebelum dari ({dari})")
    bulan = [_ke_periode(n) for n in range(_bulan(dari), _bulan(sampai) + 1)]
    kolom = ["target_persen", "realisasi_persen", "realisasi_anggaran"]
    pp = pp[pp["periode"] <= sampai].sort_values(["id_program", "periode"], kind="stable")
    # everything up to `sampai` carries forward, so a report before `dari` still counts at `dari`
    sumbu = sorted(set(bulan) | set(pp["periode"]))
    indeks = pd.MultiIndex.from_product([ids, sumbu], names=["id_program", "periode"])
    g = pp.set_index(["id_program", "periode"])[kolom].reindex(indeks)
    dilaporkan = g["target_persen"].notna()
    g = g.groupby(level="id_program", sort=False).ffill()
    g["dilaporkan"] = dilaporkan
    g = g.reset_index()
    g = g[g["periode"] >= dari].reset_index(drop=True)
    g["sumber"] = np.where(g["dilaporkan"], "laporan",
                           np.where(g["target_persen"].notna(), "terbawa", "tidak_diketahui"))
    if program is not None:
        mulai = program.set_index(program["id_program"].astype(str))["tahun_mulai"].astype(int)
        sebelum = ((g["periode"].str.slice(0, 4).astype(int) < g["id_program"].map(mulai))
                   & (g["sumber"] == "tidak_diketahui"))
        g.loc[sebelum, kolom] = 0.0
        g.loc[sebelum, "sumber"] = "belum_mulai"
    return g[[*KOLOM_PROGRES, "dilaporkan", "sumber"]]


def kurva_s(progres: pd.DataFrame, program: pd.DataFrame, dari: str | None = None,
            sampai: str | None = None) -> pd.DataFrame:
    """Portfolio S-curve per month: budget-weighted physical target and realisation (%), planned and
    realised budget (Rp), and how many programmes are known / reported that month.

    ``target_fisik = Σ anggaran·target / Σ anggaran`` over the programmes with a known value that month
    (equal weights when every budget is 0); ``rencana_anggaran = Σ anggaran·target/100``;
    ``realisasi_anggaran = Σ realisasi_anggaran``; ``pagu`` the budget of the known programmes.

    >>> prog = pd.DataFrame({"id_program": ["A"], "nama": ["a"], "pilar": ["living"], "opd": ["X"],
    ...     "jenis": ["quick_win"], "tahun_mulai": [2026], "tahun_selesai": [2026], "anggaran": [2e9]})
    >>> pp = pd.DataFrame({"id_program": ["A"], "periode": ["2026-01"], "target_persen": [10.0],
    ...                    "realisasi_persen": [5.0], "realisasi_anggaran": [1e8]})
    >>> kurva_s(pp, prog)[["target_fisik", "realisasi_fisik", "rencana_anggaran"]].values.tolist()
    [[10.0, 5.0, 200000000.0]]
    """
    g = progres_bulanan(progres, program, dari, sampai)
    kolom = ["periode", "target_fisik", "realisasi_fisik", "rencana_anggaran", "realisasi_anggaran", "pagu",
             "n_program", "n_lapor"]
    if g.empty:
        return pd.DataFrame(columns=kolom)
    pagu = program.set_index(program["id_program"].astype(str))["anggaran"].astype(float)
    w = g["id_program"].map(pagu).fillna(0.0)
    if float(pagu.sum()) <= 0:
        w = pd.Series(1.0, index=g.index)
    tahu = g["target_persen"].notna()
    g = g.assign(_w=w.where(tahu, 0.0), _pagu=g["id_program"].map(pagu).fillna(0.0).where(tahu, 0.0),
                 _wt=(w * g["target_persen"]).where(tahu, 0.0), _wr=(w * g["realisasi_persen"]).where(tahu, 0.0),
                 _rencana=(g["id_program"].map(pagu).fillna(0.0) * g["target_persen"] / 100).where(tahu, 0.0),
                 _real=g["realisasi_anggaran"].where(tahu, 0.0), _tahu=tahu)
    s = g.groupby("periode", sort=True).agg(
        _w=("_w", "sum"), _wt=("_wt", "sum"), _wr=("_wr", "sum"), rencana_anggaran=("_rencana", "sum"),
        realisasi_anggaran=("_real", "sum"), pagu=("_pagu", "sum"), n_program=("_tahu", "sum"),
        n_lapor=("dilaporkan", "sum"))
    with np.errstate(invalid="ignore", divide="ignore"):
        s["target_fisik"] = np.where(s["_w"] > 0, s["_wt"] / s["_w"], np.nan)
        s["realisasi_fisik"] = np.where(s["_w"] > 0, s["_wr"] / s["_w"], np.nan)
    s = s.reset_index()
    s[["n_program", "n_lapor"]] = s[["n_program", "n_lapor"]].astype(int)
    return s[kolom]


# --- status at a period -------------------------------------------------------------------------

def status_program(progres: pd.DataFrame, program: pd.DataFrame | None = None, periode: str | None = None,
                   ambang: float | None = None, ambang_cepat: float | None = None,
                   usang: int | None = None) -> pd.DataFrame:
    """Each programme's position at ``periode`` (default: the latest report): its last report up to
    then, ``selisih`` = realisation − target (points), ``capaian`` = realisation ÷ target (capped at
    100 %), budget absorbed (``serapan_anggaran`` %, of ``anggaran``), report age in months, and
    ``status`` (rules in the module docstring). Without ``program`` only reported programmes appear
    and the schedule rules (not started, past the end) are skipped.

    >>> pp = pd.DataFrame({"id_program": ["A", "B"], "periode": ["2026-03"] * 2, "target_persen": [40.0, 40.0],
    ...     "realisasi_persen": [30.0, 29.9], "realisasi_anggaran": [0.0, 0.0]})
    >>> status_program(pp, ambang=10)[["id_program", "selisih", "status"]].values.tolist()  # late first
    [['B', -10.1, 'terlambat'], ['A', -10.0, 'sesuai']]
    """
    periksa_progres(progres)
    atur = pengaturan_progres()
    ambang = float(ambil("ambang_terlambat_persen") if ambang is None else ambang)
    ambang_cepat = float(atur["ambang_lebih_cepat_persen"] if ambang_cepat is None else ambang_cepat)
    usang = int(atur["laporan_usang_bulan"] if usang is None else usang)
    for nama, v in (("ambang", ambang), ("ambang_cepat", ambang_cepat), ("usang", usang)):
        if not np.isfinite(v) or v < 0:
            raise ValueError(f"{nama} harus angka >= 0, bukan {v!r}")
    pp = progres.assign(periode=progres["periode"].astype(str), id_program=progres["id_program"].astype(str))
    if periode is None:
        if pp.empty:
            raise ValueError("program_progres kosong: sebutkan periode")
        periode = pp["periode"].max()
    _periksa_periode(periode)
    akhir = (pp[pp["periode"] <= periode].sort_values(["id_program", "periode"], kind="stable")
             .groupby("id_program", as_index=False).tail(1))
    akhir = akhir.rename(columns={"periode": "periode_laporan"})
    if program is not None:
        periksa_program(program)
        dasar = program.assign(id_program=program["id_program"].astype(str))
        t = dasar.merge(akhir, on="id_program", how="left")
    else:
        t = akhir.reset_index(drop=True)
    t = t.reset_index(drop=True)
    ada = t["target_persen"].notna()
    t["selisih"] = (t["realisasi_persen"] - t["target_persen"]).round(_PRESISI)
    with np.errstate(invalid="ignore", divide="ignore"):
        cap = np.where(t["target_persen"] > 0, 100 * t["realisasi_persen"] / t["target_persen"],
                       np.where(t["realisasi_persen"] > 0, 100.0, np.nan))
    t["capaian"] = np.minimum(cap, 100.0).round(_PRESISI)
    t["umur_laporan_bulan"] = [selisih_bulan(p, periode) if isinstance(p, str) else np.nan
                               for p in t["periode_laporan"]]
    t["laporan_usang"] = ada & (t["umur_laporan_bulan"] > usang)
    if program is not None:
        t["serapan_anggaran"] = np.where(t["anggaran"] > 0, 100 * t["realisasi_anggaran"] / t["anggaran"], np.nan)
        th = int(periode[:4])
        belum_mulai = th < t["tahun_mulai"].astype(int)
        lewat = th > t["tahun_selesai"].astype(int)
    else:
        belum_mulai = pd.Series(False, index=t.index)
        lewat = pd.Series(False, index=t.index)
    selesai = ada & (t["realisasi_persen"] >= 100)
    telat = ada & ~selesai & ((t["selisih"] < -ambang) | lewat)
    cepat = ada & ~selesai & ~telat & (t["selisih"] > ambang_cepat)
    t["status"] = np.select(
        [~ada & belum_mulai, ~ada, selesai, telat, cepat],
        ["belum_mulai", "tanpa_laporan", "selesai", "terlambat", "lebih_cepat"], "sesuai")
    t["lewat_jadwal"] = telat & lewat
    t["periode"] = periode
    urut = {s: i for i, s in enumerate(STATUS)}
    return t.sort_values(["status", "selisih", "id_program"], key=lambda s: s.map(urut) if s.name == "status" else s,
                         kind="stable", ignore_index=True)


def program_terlambat(progres: pd.DataFrame, program: pd.DataFrame | None = None, ambang: float | None = None,
                      periode: str | None = None) -> pd.DataFrame:
    """The late programmes (status ``terlambat``) at ``periode``, most behind first."""
    s = status_program(progres, program, periode, ambang=ambang)
    return s[s["status"] == "terlambat"].sort_values("selisih", kind="stable", ignore_index=True)


def ringkasan_per(status: pd.DataFrame, kolom: str) -> pd.DataFrame:
    """Per pillar / agency / horizon (``kolom``): programmes, late, ahead, finished, mean achievement,
    budget and budget absorbed (%).

    >>> s = pd.DataFrame({"opd": ["X", "X", "Y"], "status": ["terlambat", "sesuai", "selesai"],
    ...     "capaian": [50.0, 100.0, 100.0], "anggaran": [1.0, 3.0, 2.0], "realisasi_anggaran": [0.5, 1.0, 2.0]})
    >>> ringkasan_per(s, "opd")[["opd", "program", "terlambat", "capaian", "serapan_anggaran"]].values.tolist()
    [['X', 2, 1, 75.0, 37.5], ['Y', 1, 0, 100.0, 100.0]]
    """
    if kolom not in status.columns:
        raise ValueError(f"kolom {kolom!r} tidak ada dalam tabel status")
    g = status.assign(_t=status["status"] == "terlambat", _c=status["status"] == "lebih_cepat",
                      _s=status["status"] == "selesai", _ra=status["realisasi_anggaran"].fillna(0.0))
    out = g.groupby(kolom, as_index=False, sort=True).agg(
        program=("status", "size"), terlambat=("_t", "sum"), lebih_cepat=("_c", "sum"), selesai=("_s", "sum"),
        capaian=("capaian", "mean"), anggaran=("anggaran", "sum"), realisasi_anggaran=("_ra", "sum"))
    out["serapan_anggaran"] = np.where(out["anggaran"] > 0, 100 * out["realisasi_anggaran"] / out["anggaran"], np.nan)
    for k in ("terlambat", "lebih_cepat", "selesai"):
        out[k] = out[k].astype(int)
    return out.sort_values(["terlambat", kolom], ascending=[False, True], kind="stable", ignore_index=True)


def jadwal(status: pd.DataFrame) -> pd.DataFrame:
    """Timeline rows: each programme from 1 January of ``tahun_mulai`` to 31 December of
    ``tahun_selesai``, with its status (for a Gantt chart).

    >>> s = pd.DataFrame({"id_program": ["A"], "nama": ["a"], "tahun_mulai": [2025], "tahun_selesai": [2026],
    ...                   "status": ["sesuai"]})
    >>> jadwal(s)[["mulai", "selesai"]].astype(str).values.tolist()
    [['2025-01-01', '2026-12-31']]
    """
    t = status.copy()
    t["mulai"] = pd.to_datetime(t["tahun_mulai"].astype(int).astype(str) + "-01-01")
    t["selesai"] = pd.to_datetime(t["tahun_selesai"].astype(int).astype(str) + "-12-31")
    return t.sort_values(["mulai", "id_program"], kind="stable", ignore_index=True)


def kurva_rata(progres: pd.DataFrame) -> pd.DataFrame:
    """Mean cumulative target and realisation (%) over the programmes reporting each month, long form
    (unweighted; ``kurva_s`` is the budget-weighted portfolio curve)."""
    g = progres.groupby("periode", as_index=False)[["target_persen", "realisasi_persen"]].mean()
    return g.melt(id_vars="periode", var_name="seri", value_name="persen")


# --- tables for pages and exports ---------------------------------------------------------------

def susun_tabel(df: pd.DataFrame, kolom: dict[str, str], bahasa: str = "id", desimal: dict[str, int] | None = None,
                terjemah: dict[str, dict] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(export, display) copies of ``df`` with the columns of ``kolom`` (column → label key), headed in
    ``bahasa``. ``terjemah`` maps a column's values to readable text (status → "Terlambat"); the
    display copy also writes the ``desimal`` columns through ``indicators.format`` (the export keeps
    numbers as numbers, so a spreadsheet can compute with them).

    >>> t = pd.DataFrame({"selisih": [-10.25], "status": ["terlambat"]})
    >>> e, d = susun_tabel(t, {"selisih": "prg_kol_selisih", "status": "prg_kol_status"}, "id",
    ...                    {"selisih": 1}, {"status": {"terlambat": "Terlambat"}})
    >>> float(e.iloc[0, 0]), d.iloc[0].tolist()
    (-10.25, ['-10,3', 'Terlambat'])
    """
    from indicators.format import angka
    from indicators.label import teks

    kurang = [k for k in kolom if k not in df.columns]
    if kurang:
        raise ValueError(f"kolom tidak ada dalam tabel: {', '.join(kurang)}")
    out = df[list(kolom)].copy()
    for k, peta in (terjemah or {}).items():
        if k not in out.columns:
            continue
        out[k] = out[k].map(lambda v, p=peta: p.get(v, v) if not (isinstance(v, float) and np.isnan(v)) else v)
    tampil = out.copy()
    for k, n in (desimal or {}).items():
        if k not in out.columns:
            continue
        tampil[k] = [angka(v, n, bahasa) if v is not None and v is not pd.NA else "–" for v in out[k]]
    for k in tampil.columns:
        if k not in (desimal or {}) and (pd.api.types.is_object_dtype(tampil[k])
                                         or pd.api.types.is_string_dtype(tampil[k])):
            tampil[k] = tampil[k].where(tampil[k].notna(), "")  # an empty cell, not "None"
    nama = {k: teks(v, bahasa) for k, v in kolom.items()}
    return out.rename(columns=nama).reset_index(drop=True), tampil.rename(columns=nama).reset_index(drop=True)


def nama_status(bahasa: str = "id") -> dict[str, str]:
    """Status id → readable label."""
    from indicators.label import teks
    return {s: teks(f"prg_status_{s}", bahasa) for s in STATUS}


def nama_jenis(bahasa: str = "id") -> dict[str, str]:
    """Horizon id → readable label."""
    from indicators.label import teks
    return {j: teks(f"prg_jenis_{j}", bahasa) for j in JENIS}


def tabel_status(status: pd.DataFrame, bahasa: str = "id", nama_pilar: dict[str, str] | None = None,
                 hanya_terlambat: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(export, display) of programme positions as the progress page shows them; the late list is
    narrower (who is late, by how much, and why)."""
    from indicators.label import teks

    kolom = {"id_program": "prg_kol_id_program", "nama": "prg_kol_nama", "opd": "prg_kol_opd",
             "pilar": "prg_kol_pilar", "jenis": "prg_kol_jenis", "status": "prg_kol_status",
             "target_persen": "prg_kol_target", "realisasi_persen": "prg_kol_realisasi", "selisih": "prg_kol_selisih",
             "lewat_jadwal": "prg_kol_lewat_jadwal", "capaian": "prg_kol_capaian",
             "serapan_anggaran": "prg_kol_serapan", "anggaran": "prg_kol_anggaran",
             "periode_laporan": "prg_kol_periode_laporan", "laporan_usang": "prg_kol_laporan_usang",
             "tahun_mulai": "prg_kol_tahun_mulai", "tahun_selesai": "prg_kol_tahun_selesai"}
    s = status
    if hanya_terlambat:
        s = status[status["status"] == "terlambat"]
        kolom = {k: v for k, v in kolom.items() if k not in ("status", "capaian", "serapan_anggaran", "anggaran",
                                                             "laporan_usang", "pilar")}
    ya = {True: teks("prg_ya", bahasa), False: teks("prg_tidak", bahasa)}
    return susun_tabel(s, kolom, bahasa,
                       {"target_persen": 1, "realisasi_persen": 1, "selisih": 1, "capaian": 1, "serapan_anggaran": 1,
                        "anggaran": 0},
                       {"status": nama_status(bahasa), "jenis": nama_jenis(bahasa), "pilar": nama_pilar or {},
                        "laporan_usang": ya, "lewat_jadwal": ya})
