"""Road-condition complaints: lifecycle, road authority, backlog (issue 7 grows this module).

>>> status_terbuka()["dikerjakan"], status_terbuka()["bukan_kewenangan"]
(True, False)
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd
import yaml

from indicators.pengaturan import DATA_DIR

URUTAN_KEWENANGAN = ["nasional", "provinsi", "kabupaten", "desa"]


@lru_cache(maxsize=1)
def deklarasi() -> dict:
    """Statuses and authorities of ``data/aduan.yaml``."""
    return yaml.safe_load((DATA_DIR / "aduan.yaml").read_text(encoding="utf-8"))


def status_terbuka() -> dict[str, bool]:
    return {k: v["terbuka"] for k, v in deklarasi()["status"].items()}


def tandai_terbuka(aduan: pd.DataFrame) -> pd.Series:
    """True for complaints whose current status is open."""
    return aduan["status"].map(status_terbuka()).astype(bool)


def terbuka_per_kewenangan(aduan: pd.DataFrame, bahasa: str = "id") -> pd.DataFrame:
    """Open complaints per road authority, with their share of all open complaints (0–100)."""
    buka = aduan[tandai_terbuka(aduan)]
    n = buka.groupby("status_jalan").size().reindex(URUTAN_KEWENANGAN, fill_value=0)
    label = deklarasi()["kewenangan"]
    return pd.DataFrame({"status_jalan": n.index, "kewenangan": [label[k][bahasa] for k in n.index],
                         "jumlah": n.to_numpy(), "persen": (n / max(n.sum(), 1) * 100).to_numpy()})


def titik_bermasalah(aduan: pd.DataFrame) -> pd.Series:
    """Why a complaint's point cannot be drawn as given: ``latlon_tertukar`` (swapped), ``di_luar_indonesia``, or ``""``.

    >>> titik_bermasalah(pd.DataFrame({"lat": [-5.0, 105.1, 40.0], "lon": [105.1, -5.0, 10.0]})).tolist()
    ['', 'latlon_tertukar', 'di_luar_indonesia']
    """
    def di_indonesia(lat, lon):
        return lat.between(-11.5, 6.5) & lon.between(94.0, 141.5)

    ok = di_indonesia(aduan["lat"], aduan["lon"])
    tukar = ~ok & di_indonesia(aduan["lon"], aduan["lat"])
    return pd.Series(["" if a else ("latlon_tertukar" if t else "di_luar_indonesia") for a, t in zip(ok, tukar)],
                     index=aduan.index)
