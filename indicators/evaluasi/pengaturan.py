"""The evaluation settings, declared in ``data/evaluasi.yaml`` and validated on load.

Kominfo evaluates a smart-city masterplan on five dimensions — Baseline, Output, Outcome, Impact, Quick
Win — combined into an achievement index with weights that differ between regions (default
10/20/30/30/10 %); the file also holds the evidence weights, the threshold of dimension weight an
index needs, labels of the dimensions and the crosswalk to ITU U4SSC KPIs.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from indicators.dasar.pengaturan import DATA_DIR
from indicators.progres.masukan import JENIS
from indicators.skor.kerangka import DIMENSI

BERKAS_BAWAAN = DATA_DIR / "evaluasi.yaml"


JENIS_BUKTI = ("indikator", "program")


KECOCOKAN = ("langsung", "dekat", "longgar")


BAHASA = ("id", "en")


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
    data_usang_tahun: int = 1

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
    for j in JENIS:
        if bawaan.get(j) not in DIMENSI:
            raise ValueError(f"dimensi_bawaan_jenis.{j} harus salah satu dari {', '.join(DIMENSI)}")
    ambang = raw.get("ambang_bobot_dimensi", 0.5)
    if isinstance(ambang, bool) or not isinstance(ambang, (int, float)) or not 0 <= ambang <= 1:
        raise ValueError(f"ambang_bobot_dimensi harus di antara 0 dan 1, bukan {ambang!r}")
    usang = raw.get("data_usang_bulan", 12)
    if isinstance(usang, bool) or not isinstance(usang, int) or usang < 0:
        raise ValueError(f"data_usang_bulan harus bilangan bulat >= 0, bukan {usang!r}")
    usang_tahun = raw.get("data_usang_tahun", 1)
    if isinstance(usang_tahun, bool) or not isinstance(usang_tahun, int) or usang_tahun < 0:
        raise ValueError(f"data_usang_tahun harus bilangan bulat >= 0, bukan {usang_tahun!r}")
    return PengaturanEvaluasi(tuple(bobot.items()), nama, definisi, tuple((k, float(bb[k])) for k in JENIS_BUKTI),
                              dict(bawaan), float(ambang), usang, _periksa_u4ssc(raw.get("u4ssc")), usang_tahun)


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
