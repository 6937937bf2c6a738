"""The briefing's declared settings: the score target, the attention statements' order and thresholds,
and which datasets the village coverage counts (and when it is thin).

Declared in ``data/kerangka.yaml`` under ``ringkasan`` (defaults in ``BAWAAN``); texts in
``data/label/ringkasan.yaml``.
"""
from __future__ import annotations

from collections.abc import Mapping

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
    "cakupan": {"dataset": ["layanan_permohonan", "desa_website", "ronda_laporan"], "ambang_tipis_persen": 50.0},
}


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
    cakupan = {**BAWAAN["cakupan"], **(raw.get("cakupan") or {})}
    a = cakupan["ambang_tipis_persen"]
    if isinstance(a, bool) or not isinstance(a, (int, float)) or not 0 <= a <= 100:
        raise ValueError(f"ringkasan.cakupan.ambang_tipis_persen harus angka 0–100, bukan {a!r}")
    return {"target": {k: float(v) for k, v in target.items()}, "perhatian": perhatian,
            "cakupan": {"dataset": list(cakupan["dataset"]), "ambang_tipis_persen": float(a)}}


def target_skor(kerangka: Kerangka, ukuran: str) -> float:
    """The target score (0–100) of the index or a pillar: its own value, else ``bawaan``.

    >>> from indicators.skor.kerangka import muat_kerangka
    >>> target_skor(muat_kerangka(), "governance")
    60.0
    """
    t = pengaturan_ringkasan(kerangka)["target"]
    return float(t.get(ukuran, t["bawaan"]))
