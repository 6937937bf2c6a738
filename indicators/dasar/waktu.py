"""Time: stored in UTC, shown in the district's own zone (WIB, WITA or WIT, from the province).

Every timestamp the system itself writes (import log, audit log, report times) is taken with
:func:`sekarang_utc` and stored as UTC. A reader sees it in the zone of the district shown: Indonesia
has three legal zones (Keppres 41/1987), and a district's zone follows from its province code.

>>> zona("18.02").label, zona("52.02").label, zona("91.01").label
('WIB', 'WITA', 'WIT')
>>> import datetime as dt
>>> ke_lokal(dt.datetime(2026, 10, 1, 5, 21, tzinfo=dt.UTC), "52.02").isoformat()
'2026-10-01T13:21:00+08:00'
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pandas as pd


@dataclass(frozen=True)
class Zona:
    """A legal time zone of Indonesia: its abbreviation and the IANA zone that keeps it."""
    label: str
    iana: str

    @property
    def info(self) -> ZoneInfo:
        return ZoneInfo(self.iana)


WIB = Zona("WIB", "Asia/Jakarta")      # UTC+7
WITA = Zona("WITA", "Asia/Makassar")   # UTC+8
WIT = Zona("WIT", "Asia/Jayapura")     # UTC+9

# Province (first part of the Kemendagri code) → zone. Sumatra, Java, West and Central Kalimantan keep
# WIB; Bali, Nusa Tenggara, South/East/North Kalimantan and Sulawesi WITA; Maluku and Papua WIT.
ZONA_PROVINSI = {
    **dict.fromkeys(("11", "12", "13", "14", "15", "16", "17", "18", "19", "21"), WIB),
    **dict.fromkeys(("31", "32", "33", "34", "35", "36"), WIB),
    **dict.fromkeys(("51", "52", "53"), WITA),
    **dict.fromkeys(("61", "62"), WIB),
    **dict.fromkeys(("63", "64", "65"), WITA),
    **dict.fromkeys(("71", "72", "73", "74", "75", "76"), WITA),
    **dict.fromkeys(("81", "82"), WIT),
    **dict.fromkeys(("91", "92", "93", "94", "95", "96"), WIT),
}


def sekarang_utc() -> dt.datetime:
    """Now, timezone-aware in UTC, to the second (what the system writes into its logs)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def zona(kode_wilayah: str) -> Zona:
    """The legal time zone of a region from its province code.

    >>> zona("73.71").iana
    'Asia/Makassar'
    """
    prov = str(kode_wilayah).split(".")[0][:2]
    if prov not in ZONA_PROVINSI:
        raise ValueError(f"kode provinsi {prov!r} tidak dikenal: zona waktu tidak dapat ditentukan")
    return ZONA_PROVINSI[prov]


def sebagai_utc(nilai) -> pd.Timestamp | pd.Series:
    """A stored timestamp (naive values are UTC by the store's rule) as a UTC-aware value.

    >>> str(sebagai_utc(pd.Timestamp("2026-10-01 05:21")))
    '2026-10-01 05:21:00+00:00'
    """
    if isinstance(nilai, pd.Series):
        s = pd.to_datetime(nilai)
        return s.dt.tz_localize("UTC") if s.dt.tz is None else s.dt.tz_convert("UTC")
    t = pd.Timestamp(nilai)
    return t.tz_localize("UTC") if t.tzinfo is None else t.tz_convert("UTC")


def ke_lokal(nilai, kode_wilayah: str):
    """A UTC (or stored naive-UTC) timestamp, or a Series of them, in the district's own zone."""
    z = zona(kode_wilayah).info
    u = sebagai_utc(nilai)
    if isinstance(u, pd.Series):
        return u.dt.tz_convert(z)
    return u.tz_convert(z).to_pydatetime()
