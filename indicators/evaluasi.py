"""The Kominfo reviewer's view: pillars × five evaluation dimensions, evidence, achievement index.

Kominfo evaluates a smart-city masterplan on five dimensions — Baseline, Output, Outcome, Impact, Quick
Win — combined into an achievement index with weights that differ between regions (settings in
``data/evaluasi.yaml``, default 10/20/30/30/10 %).

Evidence of a pillar × dimension cell is every framework indicator tagged with that dimension
(``dimensi`` in ``data/kerangka.yaml``) and every programme evidencing it (``dimensi`` column of
``program``, else the default of its horizon). Each item carries a 0–100 score: an indicator its
normalised score from the scoring pipeline (goalposts), a programme its achievement against its own
target (``progres.status_program``: realisation ÷ target, capped at 100). A cell's score combines the
mean of its indicator items and the mean of its programme items with ``bobot_bukti``.

Achievement index (hand-checkable):

- dimension score ``D_d`` = pillar-weighted mean of the cells of dimension ``d`` that have a score;
- index ``I = Σ W_d·D_d / Σ W_d`` over the dimensions with a score, reported only when those carry at
  least ``ambang_bobot_dimensi`` of the weight (otherwise NaN: "insufficient evidence", never 0);
- a pillar's index the same over its own five cells.

>>> import pandas as pd
>>> m = pd.DataFrame({"pilar": ["living"] * 5, "dimensi": list(DIMENSI), "skor": [50.0, 60, 70, 80, 90]})
>>> round(indeks_capaian(m, {"baseline": 10, "output": 20, "outcome": 30, "impact": 30, "quick_win": 10}).indeks, 6)
71.0
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from indicators import progres as _progres
from indicators.pengaturan import DATA_DIR
from indicators.skor.kerangka import DIMENSI, PILAR, Kerangka

BERKAS_BAWAAN = DATA_DIR / "evaluasi.yaml"
JENIS_BUKTI = ("indikator", "program")
KECOCOKAN = ("langsung", "dekat", "longgar")
BAHASA = ("id", "en")


# --- settings -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class PengaturanEvaluasi:
    """Validated settings of ``data/evaluasi.yaml``. ``bobot_dimensi`` is normalised (sums to 1)."""
    bobot_dimensi: tuple[tuple[str, float], ...]
    nama_dimensi: Mapping[str, Mapping[str, str]]
    definisi_dimensi: Mapping[str, Mapping[str, str]]
    bobot_bukti: tuple[tuple[str, float], ...]
    dimensi_bawaan_jenis: Mapping[str, str]
    ambang_bobot_dimensi: float
    data_usang_bulan: int
    u4ssc: Mapping[str, Any]

    @property
    def bobot(self) -> dict[str, float]:
        return dict(self.bobot_dimensi)

    def dengan_bobot(self, bobot: Mapping[str, float] | None) -> PengaturanEvaluasi:
        """The same settings with other dimension weights ("what if"); ``None`` keeps them."""
        if bobot is None:
            return self
        return replace(self, bobot_dimensi=tuple(normalisasi_bobot(bobot).items()))


def normalisasi_bobot(bobot: Mapping[str, float]) -> dict[str, float]:
    """Dimension weights divided by their sum, in the order of ``DIMENSI``; ``ValueError`` for an
    unknown or missing dimension, a negative or non-numeric weight, or all weights 0.

    >>> normalisasi_bobot({"baseline": 10, "output": 20, "outcome": 30, "impact": 30, "quick_win": 10})["outcome"]
    0.3
    """
    if not isinstance(bobot, Mapping):
        raise ValueError("bobot dimensi harus pemetaan {dimensi: bobot}")
    asing = sorted(set(bobot) - set(DIMENSI))
    if asing:
        raise ValueError(f"dimensi tidak dikenal: {', '.join(map(str, asing))}; pilih dari {', '.join(DIMENSI)}")
    kurang = [d for d in DIMENSI if d not in bobot]
    if kurang:
        raise ValueError(f"bobot dimensi belum diisi: {', '.join(kurang)}")
    for d, v in bobot.items():
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not np.isfinite(v) or v < 0:
            raise ValueError(f"bobot dimensi {d!r} harus angka >= 0, bukan {v!r}")
    total = float(sum(bobot.values()))
    if total <= 0:
        raise ValueError("jumlah bobot dimensi harus lebih dari 0")
    return {d: float(bobot[d]) / total for d in DIMENSI}


def _teks2(v: Any, tempat: str) -> dict[str, str]:
    if not isinstance(v, Mapping) or set(v) != set(BAHASA) or not all(isinstance(v[b], str) and v[b].strip()
                                                                        for b in BAHASA):
        raise ValueError(f"{tempat}: harus teks dalam dua bahasa {{id: ..., en: ...}} saja, bukan {v!r}")
    return {b: v[b] for b in BAHASA}


def _periksa_u4ssc(raw: Any) -> dict:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("dimensi"), Mapping):
        raise ValueError("u4ssc: harus berisi 'dimensi', 'kategori', 'pilar' dan 'indikator'")
    kategori = raw.get("kategori") or {}
    for k, v in kategori.items():
        _teks2(v, f"u4ssc.kategori.{k}")
    for d, isi in raw["dimensi"].items():
        _teks2(isi.get("nama"), f"u4ssc.dimensi.{d}.nama")
        for s, sub in (isi.get("sub") or {}).items():
            _teks2(sub.get("nama"), f"u4ssc.dimensi.{d}.sub.{s}.nama")
            for k in sub.get("kategori") or []:
                if k not in kategori:
                    raise ValueError(f"u4ssc.dimensi.{d}.sub.{s}: kategori {k!r} "
                                     "tidak dideklarasikan di u4ssc.kategori")
    for bagian in ("pilar", "indikator"):
        for id_, e in (raw.get(bagian) or {}).items():
            tempat = f"u4ssc.{bagian}.{id_}"
            if not isinstance(e, Mapping):
                raise ValueError(f"{tempat}: harus pemetaan {{dimensi, sub, kategori, kpi, kecocokan}}")
            d = raw["dimensi"].get(e.get("dimensi"))
            if d is None:
                raise ValueError(f"{tempat}: dimensi U4SSC tidak dikenal {e.get('dimensi')!r}")
            sub = (d.get("sub") or {}).get(e.get("sub"))
            if sub is None:
                raise ValueError(f"{tempat}: sub-dimensi {e.get('sub')!r} bukan bagian dari dimensi {e['dimensi']!r}")
            if e.get("kategori") is not None and e["kategori"] not in (sub.get("kategori") or []):
                raise ValueError(f"{tempat}: kategori {e['kategori']!r} bukan bagian dari sub-dimensi {e['sub']!r}")
            if e.get("kecocokan") not in KECOCOKAN:
                raise ValueError(f"{tempat}: kecocokan harus salah satu dari {', '.join(KECOCOKAN)}")
            if e.get("catatan") is not None:
                _teks2(e["catatan"], f"{tempat}.catatan")
    return dict(raw)


def baca_pengaturan(raw: Any) -> PengaturanEvaluasi:
    """Validate settings already parsed from YAML; ``ValueError`` naming the first problem."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("dimensi"), list):
        raise ValueError("evaluasi: harus berisi daftar 'dimensi'")
    ids = [d.get("id") if isinstance(d, Mapping) else None for d in raw["dimensi"]]
    if sorted(map(str, ids)) != sorted(DIMENSI) or len(ids) != len(DIMENSI):
        raise ValueError(f"evaluasi.dimensi: harus tepat lima dimensi {', '.join(DIMENSI)}, bukan {ids}")
    bobot = normalisasi_bobot({d["id"]: d.get("bobot") for d in raw["dimensi"]})
    nama = {d["id"]: _teks2(d.get("nama"), f"dimensi.{d['id']}.nama") for d in raw["dimensi"]}
    definisi = {d["id"]: _teks2(d.get("definisi"), f"dimensi.{d['id']}.definisi") for d in raw["dimensi"]}
    bb = raw.get("bobot_bukti", {"indikator": 1, "program": 1})
    angka_sah = isinstance(bb, Mapping) and all(
        not isinstance(v, bool) and isinstance(v, (int, float)) and v >= 0 for v in bb.values())
    if not angka_sah or set(bb) != set(JENIS_BUKTI) or sum(bb.values()) <= 0:
        raise ValueError(f"bobot_bukti harus {{indikator: >= 0, program: >= 0}} dengan jumlah > 0, bukan {bb!r}")
    bawaan = raw.get("dimensi_bawaan_jenis") or {}
    for j in _progres.JENIS:
        if bawaan.get(j) not in DIMENSI:
            raise ValueError(f"dimensi_bawaan_jenis.{j} harus salah satu dari {', '.join(DIMENSI)}")
    ambang = raw.get("ambang_bobot_dimensi", 0.5)
    if isinstance(ambang, bool) or not isinstance(ambang, (int, float)) or not 0 <= ambang <= 1:
        raise ValueError(f"ambang_bobot_dimensi harus di antara 0 dan 1, bukan {ambang!r}")
    usang = raw.get("data_usang_bulan", 12)
    if isinstance(usang, bool) or not isinstance(usang, int) or usang < 0:
        raise ValueError(f"data_usang_bulan harus bilangan bulat >= 0, bukan {usang!r}")
    return PengaturanEvaluasi(tuple(bobot.items()), nama, definisi, tuple((k, float(bb[k])) for k in JENIS_BUKTI),
                              dict(bawaan), float(ambang), usang, _periksa_u4ssc(raw.get("u4ssc")))


@lru_cache(maxsize=4)
def _muat(path: str, mtime: float) -> PengaturanEvaluasi:
    return baca_pengaturan(yaml.safe_load(Path(path).read_text(encoding="utf-8")))


def muat_pengaturan(berkas: str | Path | None = None) -> PengaturanEvaluasi:
    """Load and validate ``data/evaluasi.yaml`` (or another file); cached per file version.

    >>> muat_pengaturan().bobot["impact"]
    0.3
    """
    p = Path(berkas) if berkas else BERKAS_BAWAAN
    if not p.is_file():
        raise ValueError(f"berkas pengaturan evaluasi tidak ditemukan: {p}")
    return _muat(str(p.resolve()), p.stat().st_mtime)


# --- evidence -----------------------------------------------------------------------------------

KOLOM_BUKTI = ["pilar", "dimensi", "jenis_bukti", "id", "nama_id", "nama_en", "skor", "nilai", "satuan", "status",
               "opd", "sumber"]


def dimensi_program(program: pd.DataFrame, pengaturan: PengaturanEvaluasi | None = None) -> pd.Series:
    """The dimension each programme evidences: its ``dimensi`` tag, else the default of its horizon.

    >>> p = pd.DataFrame({"jenis": ["quick_win", "panjang", "menengah"], "dimensi": [None, "impact", ""]})
    >>> dimensi_program(p).tolist()
    ['quick_win', 'impact', 'output']
    """
    atur = pengaturan or muat_pengaturan()
    tag = program["dimensi"] if "dimensi" in program else pd.Series(None, index=program.index, dtype=object)
    tag = tag.astype(object).where(tag.notna() & (tag.astype(str).str.strip() != ""), None)
    asing = sorted({t for t in tag.dropna() if t not in DIMENSI})
    if asing:
        raise ValueError(f"program: dimensi tidak dikenal {asing}; pilih dari {', '.join(DIMENSI)}")
    jenis_asing = sorted(set(program.loc[tag.isna(), "jenis"]) - set(atur.dimensi_bawaan_jenis))
    if jenis_asing:
        raise ValueError(f"program: jenis tidak dikenal {jenis_asing}; pilih dari {', '.join(_progres.JENIS)}")
    return tag.fillna(program["jenis"].map(atur.dimensi_bawaan_jenis)).astype(str)


def tabel_bukti(kerangka: Kerangka, status: pd.DataFrame | None, skor_indikator: pd.DataFrame | None = None,
                pengaturan: PengaturanEvaluasi | None = None) -> pd.DataFrame:
    """Every evidence item: tagged indicators (score = normalised 0–100) and programmes (score =
    achievement against target), one row each, columns ``KOLOM_BUKTI``.

    ``status`` is ``progres.status_program`` (programme rows with ``capaian``); ``skor_indikator`` is
    indexed by indicator id with columns ``nilai`` and ``skor``. Indicators without a dimension tag are
    not evidence (see ``indikator_tanpa_dimensi``).
    """
    atur = pengaturan or muat_pengaturan()
    skor = skor_indikator if skor_indikator is not None else pd.DataFrame(columns=["nilai", "skor"])
    rows = []
    for i in kerangka.indikator:
        if i.dimensi is None:
            continue
        rows.append({"pilar": i.pilar, "dimensi": i.dimensi, "jenis_bukti": "indikator", "id": i.id,
                     "nama_id": i.nama["id"], "nama_en": i.nama["en"],
                     "skor": float(skor["skor"].get(i.id, np.nan)), "nilai": float(skor["nilai"].get(i.id, np.nan)),
                     "satuan": i.satuan, "status": None, "opd": None, "sumber": i.sumber})
    if status is not None and len(status):
        dim = dimensi_program(status, atur)
        for (_, r), d in zip(status.iterrows(), dim, strict=True):
            rows.append({"pilar": r["pilar"], "dimensi": d, "jenis_bukti": "program", "id": r["id_program"],
                         "nama_id": r["nama"], "nama_en": r["nama"], "skor": float(r["capaian"]),
                         "nilai": float(r["realisasi_persen"]), "satuan": "%", "status": r["status"],
                         "opd": r["opd"], "sumber": "program_progres"})
    out = pd.DataFrame(rows, columns=KOLOM_BUKTI)
    urut_p, urut_d = {p: n for n, p in enumerate(PILAR)}, {d: n for n, d in enumerate(DIMENSI)}
    return out.sort_values(["pilar", "dimensi", "jenis_bukti", "id"], kind="stable",
                           key=lambda s: s.map(urut_p) if s.name == "pilar" else
                           (s.map(urut_d) if s.name == "dimensi" else s), ignore_index=True)


def indikator_tanpa_dimensi(kerangka: Kerangka) -> list[str]:
    """Framework indicators with no dimension tag (a gap in the evidence, shown to reviewers)."""
    return [i.id for i in kerangka.indikator if i.dimensi is None]


def matriks_bukti(bukti: pd.DataFrame, pengaturan: PengaturanEvaluasi | None = None) -> pd.DataFrame:
    """Every pillar × dimension cell (6 × 5 rows, always): scores, counts, the evidence ids and
    ``keterangan`` = ``ada_bukti`` | ``bukti_tanpa_nilai`` (items, none scored yet) | ``tanpa_bukti``.

    >>> b = pd.DataFrame({"pilar": ["living"] * 3, "dimensi": ["output"] * 3,
    ...     "jenis_bukti": ["indikator", "indikator", "program"], "id": ["a", "b", "P"], "skor": [60.0, 80.0, 50.0]})
    >>> m = matriks_bukti(b).set_index(["pilar", "dimensi"])
    >>> m.loc[("living", "output"), ["skor_indikator", "skor_program", "skor"]].tolist()
    [70.0, 50.0, 60.0]
    >>> m.loc[("living", "impact"), "keterangan"]
    'tanpa_bukti'
    """
    atur = pengaturan or muat_pengaturan()
    wb = dict(atur.bobot_bukti)
    rows = []
    for p in PILAR:
        for d in DIMENSI:
            sel = bukti[(bukti["pilar"] == p) & (bukti["dimensi"] == d)]
            ind, prg = sel[sel["jenis_bukti"] == "indikator"], sel[sel["jenis_bukti"] == "program"]
            si = float(ind["skor"].mean()) if ind["skor"].notna().any() else np.nan
            sp = float(prg["skor"].mean()) if prg["skor"].notna().any() else np.nan
            bagian = [(s, wb[k]) for s, k in ((si, "indikator"), (sp, "program")) if not np.isnan(s) and wb[k] > 0]
            skor = sum(s * w for s, w in bagian) / sum(w for _, w in bagian) if bagian else np.nan
            ket = "tanpa_bukti" if sel.empty else ("bukti_tanpa_nilai" if np.isnan(skor) else "ada_bukti")
            rows.append({"pilar": p, "dimensi": d, "skor": skor, "skor_indikator": si, "skor_program": sp,
                         "n_indikator": len(ind), "n_program": len(prg), "n_berskor": int(sel["skor"].notna().sum()),
                         "bukti": ", ".join(sel["id"].astype(str)), "keterangan": ket})
    return pd.DataFrame(rows)


# --- achievement index --------------------------------------------------------------------------

@dataclass(frozen=True)
class HasilIndeks:
    """``indeks`` (NaN when the evidence carries too little weight), ``bobot_tercakup`` (share of
    dimension weight with a score), ``dimensi`` (per dimension: bobot, skor, kontribusi, n_pilar) and
    ``pilar`` (per pillar: its five cell scores, indeks, bobot_tercakup)."""
    indeks: float
    bobot_tercakup: float
    dimensi: pd.DataFrame
    pilar: pd.DataFrame


def indeks_capaian(matriks: pd.DataFrame, bobot: Mapping[str, float], bobot_pilar: Mapping[str, float] | None = None,
                   ambang: float = 0.5) -> HasilIndeks:
    """The achievement index from the cell scores (``matriks``: pilar, dimensi, skor).

    ``bobot`` are the dimension weights (any positive scale), ``bobot_pilar`` pillar weights (default
    equal), ``ambang`` the minimum share of dimension weight that must have a score.
    """
    w = normalisasi_bobot(bobot)
    if not 0 <= ambang <= 1:
        raise ValueError("ambang harus di antara 0 dan 1")
    for k in ("pilar", "dimensi", "skor"):
        if k not in matriks.columns:
            raise ValueError(f"matriks: kolom {k!r} tidak ada")
    pilar = [p for p in PILAR if p in set(matriks["pilar"])]
    wp = dict.fromkeys(pilar, 1.0) if bobot_pilar is None else {p: float(bobot_pilar.get(p, 0.0)) for p in pilar}
    if any(v < 0 for v in wp.values()):
        raise ValueError("bobot pilar harus >= 0")
    c = matriks.pivot_table(index="pilar", columns="dimensi", values="skor", aggfunc="first", dropna=False)
    c = c.reindex(index=pilar, columns=list(DIMENSI)).astype(float)
    wpv = np.array([wp[p] for p in pilar])
    rows_d = []
    for d in DIMENSI:
        x = c[d].to_numpy()
        ada = ~np.isnan(x) & (wpv > 0)
        skor = float((x[ada] * wpv[ada]).sum() / wpv[ada].sum()) if ada.any() else np.nan
        rows_d.append({"dimensi": d, "bobot": w[d], "skor": skor,
                       "kontribusi": w[d] * skor if not np.isnan(skor) else np.nan, "n_pilar": int(ada.sum())})
    td = pd.DataFrame(rows_d)

    def gabung(skor: np.ndarray) -> tuple[float, float]:
        ada = ~np.isnan(skor)
        tercakup = float(sum(w[d] for d, a in zip(DIMENSI, ada, strict=True) if a))
        if not ada.any() or tercakup < ambang - 1e-12:
            return np.nan, tercakup
        return float(sum(w[d] * s for d, s, a in zip(DIMENSI, skor, ada, strict=True) if a) / tercakup), tercakup

    indeks, tercakup = gabung(td["skor"].to_numpy())
    tp = c.reset_index()
    hasil_p = [gabung(c.loc[p].to_numpy()) for p in pilar]
    tp["indeks"] = [h[0] for h in hasil_p]
    tp["bobot_tercakup"] = [h[1] for h in hasil_p]
    tp.columns.name = None
    return HasilIndeks(indeks, tercakup, td, tp)


# --- coverage and freshness ---------------------------------------------------------------------

def skor_indikator_kabupaten(data: Mapping[str, pd.DataFrame], kerangka: Kerangka, kode_kabupaten: str,
                             periode: str) -> pd.DataFrame:
    """The kabupaten's value and normalised score (0–100) of every indicator, indexed by indicator id.

    The seam to the scoring framework (``indicators.skor``): its public ``skor_wilayah`` computes the
    values from the datasets and normalises them as the pillar scores do.
    """
    from indicators.skor import skor_wilayah

    h = skor_wilayah(data, kerangka, kode_kabupaten, "kabupaten", periode)
    kode = h.skor["kode_wilayah"].iloc[0]
    return pd.DataFrame({"nilai": h.nilai.loc[kode], "skor": h.normal.loc[kode]}).rename_axis("indikator")


def kesegaran_indikator(data: Mapping[str, pd.DataFrame], kerangka: Kerangka, periode: str,
                        usang_bulan: int = 12) -> pd.DataFrame:
    """Per indicator: the latest month (≤ ``periode``) its source has data for, the age in months and
    a stale flag (older than ``usang_bulan``). Static datasets (profiles, road register) have no month.

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> d = {"nilai_indikator": pd.DataFrame({"indikator": ["gov_spbe"] * 2, "periode": ["2024-12", "2027-01"]})}
    >>> t = kesegaran_indikator(d, muat_kerangka(), "2026-10").set_index("indikator")
    >>> r = t.loc["gov_spbe"]
    >>> r["periode_data"], int(r["umur_bulan"]), bool(r["usang"])
    ('2024-12', 22, True)
    """
    from indicators.skor.hitung import WAKTU_BAWAAN

    _progres._periksa_periode(periode)
    rows = []
    for i in kerangka.indikator:
        waktu = i.hitung.get("waktu") or WAKTU_BAWAAN.get(i.sumber, {"mode": "statis"})
        df = data.get(i.sumber)
        p = None
        if waktu.get("mode") == "statis":
            jenis = "statis"
        else:
            jenis = "berkala"
            if df is not None and not df.empty:
                # a derived time column (e.g. a deadline) is not in the raw rows: use the dataset's own
                kolom = waktu.get("kolom") if waktu.get("kolom") in df else WAKTU_BAWAAN.get(i.sumber, {}).get("kolom")
                if waktu.get("mode") in ("bulan", "posisi") and kolom in df:
                    bulan = pd.to_datetime(df[kolom]).dt.strftime("%Y-%m")
                elif "periode" in df:
                    bulan = df["periode"].astype(str)
                    if i.sumber == "nilai_indikator":
                        bulan = bulan[df["indikator"] == i.id]
                else:
                    bulan = pd.Series(dtype=str)
                bulan = bulan[bulan <= periode].dropna()
                p = bulan.max() if len(bulan) else None
        umur = _progres.selisih_bulan(p, periode) if p else np.nan
        rows.append({"indikator": i.id, "pilar": i.pilar, "sumber": i.sumber, "jenis_waktu": jenis,
                     "periode_data": p, "umur_bulan": umur,
                     "usang": bool(jenis == "berkala" and (p is None or umur > usang_bulan))})
    out = pd.DataFrame(rows)
    out["umur_bulan"] = out["umur_bulan"].astype("Int64")
    return out


def cakupan_pilar(kesegaran: pd.DataFrame, skor_indikator: pd.DataFrame, ketersediaan_desa: pd.Series | None,
                  status: pd.DataFrame | None, periode: str, usang_laporan: int | None = None) -> pd.DataFrame:
    """Per pillar: indicators, the share with a kabupaten value, mean availability across villages
    (village-level indicators), the oldest "latest data" month and stale indicators, and the share of
    running programmes that reported within ``usang_laporan`` months.
    """
    if usang_laporan is None:
        usang_laporan = int(_progres.pengaturan_progres()["laporan_usang_bulan"])
    k = kesegaran.assign(ada=kesegaran["indikator"].map(skor_indikator["nilai"].notna()).fillna(False).astype(bool))
    if ketersediaan_desa is not None:
        k["desa"] = k["indikator"].map(ketersediaan_desa)
    else:
        k["desa"] = np.nan
    rows = []
    for p in PILAR:
        s = k[k["pilar"] == p]
        berkala = s[s["jenis_waktu"] == "berkala"]
        row = {"pilar": p, "indikator": len(s), "indikator_bernilai": int(s["ada"].sum()),
               "cakupan_kabupaten": 100 * s["ada"].mean() if len(s) else np.nan,
               "cakupan_desa": 100 * s["desa"].mean() if s["desa"].notna().any() else np.nan,
               "data_terlama": berkala["periode_data"].dropna().min() if berkala["periode_data"].notna().any()
               else None,
               "indikator_usang": int(s["usang"].sum())}
        row["umur_terlama_bulan"] = (_progres.selisih_bulan(row["data_terlama"], periode)
                                     if row["data_terlama"] else np.nan)
        if status is not None and len(status):
            jalan = status[(status["pilar"] == p) & ~status["status"].isin(["belum_mulai", "selesai"])]
            lapor = jalan["umur_laporan_bulan"].le(usang_laporan).sum()
            row.update(program=int((status["pilar"] == p).sum()), program_berjalan=len(jalan),
                       program_melapor=100 * lapor / len(jalan) if len(jalan) else np.nan)
        else:
            row.update(program=0, program_berjalan=0, program_melapor=np.nan)
        rows.append(row)
    out = pd.DataFrame(rows)
    out["umur_terlama_bulan"] = out["umur_terlama_bulan"].astype("Int64")
    return out


# --- crosswalk ----------------------------------------------------------------------------------

def crosswalk_u4ssc(kerangka: Kerangka, bahasa: str = "id",
                    pengaturan: PengaturanEvaluasi | None = None) -> pd.DataFrame:
    """Each pillar, then each indicator, with the closest U4SSC dimension, sub-dimension, category and
    KPI, the match strength and a note. An item missing from the settings has ``kecocokan`` =
    ``belum_dipetakan`` (never dropped).

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> t = crosswalk_u4ssc(muat_kerangka(), "en").set_index("id")
    >>> t.loc["soc_sinyal_4g", ["u4ssc_dimensi", "u4ssc_sub", "kpi_u4ssc", "kecocokan"]].tolist()
    ['Economy', 'ICT', 'Wireless Broadband Coverage', 'langsung']
    """
    if bahasa not in BAHASA:
        raise ValueError(f"bahasa harus salah satu dari {BAHASA}")
    u = (pengaturan or muat_pengaturan()).u4ssc
    rows = []
    nama_pilar = {p.id: p.nama[bahasa] for p in kerangka.pilar}
    for tingkat, daftar in (("pilar", [(p.id, p.id, p.nama[bahasa]) for p in kerangka.pilar]),
                            ("indikator", [(i.id, i.pilar, i.nama[bahasa]) for i in kerangka.indikator])):
        for id_, pilar, nama in daftar:
            e = (u.get(tingkat) or {}).get(id_)
            row = {"tingkat": tingkat, "id": id_, "pilar": pilar, "pilar_nama": nama_pilar.get(pilar, pilar),
                   "nama": nama, "dimensi_id": None, "sub_id": None, "kategori_id": None, "u4ssc_dimensi": "",
                   "u4ssc_sub": "", "u4ssc_kategori": "", "kpi_u4ssc": "", "kecocokan": "belum_dipetakan",
                   "catatan": ""}
            if e:
                d = u["dimensi"][e["dimensi"]]
                row.update(dimensi_id=e["dimensi"], sub_id=e["sub"], kategori_id=e.get("kategori"),
                           u4ssc_dimensi=d["nama"][bahasa], u4ssc_sub=d["sub"][e["sub"]]["nama"][bahasa],
                           u4ssc_kategori=u["kategori"][e["kategori"]][bahasa] if e.get("kategori") else "",
                           kpi_u4ssc=e.get("kpi") or "", kecocokan=e["kecocokan"],
                           catatan=(e.get("catatan") or {}).get(bahasa, ""))
            rows.append(row)
    return pd.DataFrame(rows)


# --- the whole evaluation -----------------------------------------------------------------------

@dataclass(frozen=True)
class HasilEvaluasi:
    """Everything the reviewer's page and the review report show (language-independent ids)."""
    kode_kabupaten: str
    periode: str
    bobot: dict
    indeks: float
    bobot_tercakup: float
    dimensi: pd.DataFrame
    pilar: pd.DataFrame
    matriks: pd.DataFrame
    bukti: pd.DataFrame
    cakupan: pd.DataFrame
    kesegaran: pd.DataFrame
    status_program: pd.DataFrame
    tanpa_dimensi: tuple[str, ...]


def evaluasi(data: Mapping[str, pd.DataFrame], kerangka: Kerangka, kode_kabupaten: str, periode: str,
             pengaturan: PengaturanEvaluasi | None = None, bobot: Mapping[str, float] | None = None,
             skor_indikator: pd.DataFrame | None = None) -> HasilEvaluasi:
    """Evaluate the kabupaten at ``periode``: evidence, cells, achievement index, coverage, freshness.

    ``bobot`` overrides the dimension weights of the settings; ``skor_indikator`` (value and 0–100
    score per indicator id) is computed by the scoring framework when not given.
    """
    from indicators.skor.hitung import hitung_nilai

    _progres._periksa_periode(periode)
    atur = (pengaturan or muat_pengaturan()).dengan_bobot(bobot)
    if skor_indikator is None:
        skor_indikator = skor_indikator_kabupaten(data, kerangka, kode_kabupaten, periode)
    prog, pp = data.get("program"), data.get("program_progres")
    status = None
    if prog is not None and len(prog) and pp is not None:
        status = _progres.status_program(pp, prog, periode)
    bukti = tabel_bukti(kerangka, status, skor_indikator, atur)
    m = matriks_bukti(bukti, atur)
    bobot_pilar = {p.id: p.bobot for p in kerangka.pilar}
    h = indeks_capaian(m, atur.bobot, bobot_pilar, atur.ambang_bobot_dimensi)
    seg = kesegaran_indikator(data, kerangka, periode, atur.data_usang_bulan)
    desa = None
    if any("desa" in i.tingkat for i in kerangka.indikator):
        desa = hitung_nilai(data, kerangka, kode_kabupaten, "desa", periode).notna().mean()
    cak = cakupan_pilar(seg, skor_indikator, desa, status, periode)
    return HasilEvaluasi(kode_kabupaten, periode, atur.bobot, h.indeks, h.bobot_tercakup, h.dimensi, h.pilar, m,
                         bukti, cak, seg, status if status is not None else pd.DataFrame(),
                         tuple(indikator_tanpa_dimensi(kerangka)))
