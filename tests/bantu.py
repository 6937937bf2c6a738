"""Shared test helpers: the demo data of Lampung Tengah, generated once per test session."""
from __future__ import annotations

import io
from functools import lru_cache

import pandas as pd

from indicators.data.demo import buat_demo


@lru_cache(maxsize=2)
def demo(kode: str = "18.02") -> dict[str, pd.DataFrame]:
    return buat_demo(kode)


def ke_teks(df: pd.DataFrame) -> pd.DataFrame:
    """A typed frame as a file would carry it: every cell text, ISO dates, empty for missing."""
    buf = io.StringIO()
    df.to_csv(buf, index=False, date_format="%Y-%m-%dT%H:%M:%S")
    buf.seek(0)
    return pd.read_csv(buf, dtype=str, keep_default_na=False)


def buka_halaman(halaman: str, timeout: int = 300, **query):
    """Open ``halaman`` through AppTest with ``query`` in the URL; fails on any page exception.

    The entry point runs first: it registers the pages with st.navigation before the switch.
    """
    from streamlit.testing.v1 import AppTest

    from indicators.dasar.pengaturan import AKAR

    at = AppTest.from_file(str(AKAR / "app.py"), default_timeout=timeout)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(halaman).run()
    assert not at.exception, at.exception
    return at


def larik(v) -> list:
    """A plotly array from figure JSON: a plain list, or a typed array ``{"dtype", "bdata"}`` (base64)."""
    import base64

    import numpy as np

    if isinstance(v, dict) and "bdata" in v:
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"])).tolist()
    return list(v)
