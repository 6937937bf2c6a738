"""SIMULATED demo programmes, their progress and the indicator values that arrive through ``nilai_indikator``.

Part of the seeded demo generator (:mod:`indicators.data.demo`): each function takes the district's
generator (its register, seed, periods and village factors) and returns frames that obey
``data/skema.yaml``.
"""
from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import yaml

from indicators.dasar.pengaturan import DATA_DIR
from indicators.data import skema as _skema

if TYPE_CHECKING:  # the generator class; demo.py imports this module, never the reverse at run time
    from indicators.data.demo import _Pembangkit


def sigmoid(x):
    """The logistic function, the demo's S-shape (programme curves, online shares)."""
    return 1.0 / (1.0 + np.exp(-x))


def program(self: _Pembangkit) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Masterplan programmes and their monthly cumulative progress (S-curves), as in ``demo.yaml``.

    Quick wins last one calendar year, medium programmes three, long ones five. Each programme
    follows a schedule profile (late, stalled, on track, ahead): its realisation is the planned
    S-curve shifted by some months, possibly capped; cumulative values never decrease. Drawn from
    a generator of its own (same seed and district), so the programmes do not depend on which other
    datasets were generated.
    """
    cfg = self.p["program"]
    r = np.random.default_rng(np.random.SeedSequence(self.rng.bit_generator.seed_seq.entropy,
                                                     spawn_key=(zlib.crc32(b"program"),)))
    th_akhir = int(self.periode[-1][:4])
    daftar = [(pilar, j, *e) for pilar, isi in cfg["daftar"].items() for j, e in enumerate(isi)]
    nama_profil = list(cfg["profil"])
    jumlah = np.floor([cfg["profil"][k]["bagian"] * len(daftar) for k in nama_profil]).astype(int)
    jumlah[nama_profil.index("sesuai")] += len(daftar) - jumlah.sum()  # rounding rest: on track
    profil = r.permutation(np.repeat(nama_profil, jumlah))

    def kurva(x):  # the planned cumulative S-curve, 0 at the start and 100 at the end
        lo, hi = sigmoid(-5.0), sigmoid(5.0)
        return (sigmoid(10 * (np.clip(x, 0, 1) - 0.5)) - lo) / (hi - lo) * 100

    urutan = {"quick_win": 0, "menengah": 0, "panjang": 0}
    rows, prog = [], []
    for n, (pilar, j, elemen, opd, nama, jenis, dimensi) in enumerate(daftar):
        ke = urutan[jenis]
        urutan[jenis] += 1
        # staggered starts, so that at the last month some programmes are mid-way and some are done
        mulai = th_akhir - {"quick_win": ke % 2, "menengah": 1 + ke % 3, "panjang": 2 + ke % 3}[jenis]
        durasi = int(cfg["durasi_tahun"][jenis]) * 12
        selesai = mulai + durasi // 12 - 1
        idp = f"{pilar[:3].upper()}-{j + 1:02d}"
        anggaran = float(np.round(r.uniform(0.2, 6.0) * (0.5 if jenis == "quick_win" else 1.0) * 1e9, -6))
        rows.append({"id_program": idp, "nama": nama, "pilar": pilar, "elemen": elemen, "opd": opd,
                     "jenis": jenis, "dimensi": dimensi, "tahun_mulai": mulai, "tahun_selesai": selesai,
                     "anggaran": anggaran})
        pr = cfg["profil"][profil[n]]
        geser = r.uniform(*pr["geser_durasi"]) * durasi
        plafon = r.uniform(*pr["plafon"]) if "plafon" in pr else 100.0
        serapan = r.uniform(*cfg["serapan_anggaran"])
        t0 = pd.Period(f"{mulai}-01", "M")
        real_lalu = 0.0
        for per in self.periode:
            k = (pd.Period(per, "M") - t0).n + 1   # months since the start, 1 = first month
            hilang = r.random() < cfg["bulan_tidak_dilaporkan"]
            real = min(float(kurva((k - geser) / durasi)), plafon) + r.normal(0, 1.2)
            real = max(real_lalu, float(np.clip(real, 0, 100)))   # cumulative: never decreases
            real_lalu = real
            tutup = k > durasi + 3 and real >= 100   # finished three months ago: reports stop
            if k < 1 or tutup or hilang:   # not started, closed, or this month's report is missing
                continue
            prog.append({"id_program": idp, "periode": per, "target_persen": round(float(kurva(k / durasi)), 1),
                         "realisasi_persen": round(real, 1),
                         "realisasi_anggaran": float(np.round(anggaran * real / 100 * serapan, -3))})
    return pd.DataFrame(rows), pd.DataFrame(prog)

def nilai_indikator(self: _Pembangkit) -> pd.DataFrame:
    path = DATA_DIR / "kerangka.yaml"
    if not path.exists():
        return pd.DataFrame(columns=list(_skema.skema("nilai_indikator").kolom))
    kerangka = yaml.safe_load(path.read_text(encoding="utf-8"))
    periode = sorted({p for p in self.periode if p.endswith("-12")} | {self.periode[-1]})
    r, rows = self.rng, []
    for pilar in kerangka["pillars"]:
        for el in pilar["elements"]:
            for ind in el["indicators"]:
                if ind.get("source") != "nilai_indikator" or "demo" not in ind:
                    continue
                rata, sb = ind["demo"]["rata"], ind["demo"]["sb"]
                arah = 1 if ind.get("direction", "higher") == "higher" else -1
                lo, hi = sorted(ind.get("goalposts", [-np.inf, np.inf]))
                if ind.get("tingkat_data", "desa") == "kabupaten":
                    kode, z = np.array([self.kode]), np.array([0.0])
                else:
                    kode, z = self.desa.kode_wilayah.to_numpy(), self.z
                for k, per in enumerate(periode):
                    tren = 0.04 * k * sb * arah
                    v = np.clip(rata + arah * 0.5 * sb * z + tren + r.normal(0, 0.6 * sb, len(kode)), lo, hi)
                    rows.append(pd.DataFrame({"kode_wilayah": kode, "periode": per, "indikator": ind["id"],
                                              "nilai": np.round(v, 4), "sumber": "Simulasi demo"}))
    return (
        pd.concat(rows, ignore_index=True)
        if rows
        else pd.DataFrame(columns=list(_skema.skema("nilai_indikator").kolom))
    )
