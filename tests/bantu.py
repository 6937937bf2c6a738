"""Shared test helpers: the demo data of Lampung Tengah, generated once per test session."""
from __future__ import annotations

import io
from functools import lru_cache

import pandas as pd

from indicators.demo import buat_demo


@lru_cache(maxsize=2)
def demo(kode: str = "18.02") -> dict[str, pd.DataFrame]:
    return buat_demo(kode)


def ke_teks(df: pd.DataFrame) -> pd.DataFrame:
    """A typed frame as a file would carry it: every cell text, ISO dates, empty for missing."""
    buf = io.StringIO()
    df.to_csv(buf, index=False, date_format="%Y-%m-%dT%H:%M:%S")
    buf.seek(0)
    return pd.read_csv(buf, dtype=str, keep_default_na=False)
