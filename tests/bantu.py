"""Shared test helpers: the demo data of Lampung Tengah, generated once per test session."""
from __future__ import annotations

import io
import re
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


SANDI_UJI = "sandi-uji-yang-panjang"


def masuk(at, peran: str = "admin", id_: str | None = None, dataset: tuple[str, ...] = ("*",),
          sandi: str = SANDI_UJI):
    """Sign ``at`` in through the sidebar's form as a local account with ``peran`` (created in the app's
    store with :data:`SANDI_UJI`, ``uji-<peran>`` by default, when it does not exist yet), typing
    ``sandi``. Fails on any page exception."""
    from indicators.akses import akun
    from indicators.data.gudang import Gudang

    id_ = id_ or f"uji-{peran}"
    g = Gudang.bawaan()
    if g.akun(id_) is None:
        akun.tambah(g, id_, peran, SANDI_UJI, akun.operator("uji"), dataset=tuple(dataset))
    at.sidebar.text_input(key="masuk_nama").input(id_)
    at.sidebar.text_input(key="masuk_sandi").input(sandi)
    next(b for b in at.get("form_submit_button") if b.label in ("Masuk", "Sign in")).click().run()
    assert not at.exception, at.exception
    return at


def buka_halaman(halaman: str, timeout: int = 300, sebagai: str | None = None, **query):
    """Open ``halaman`` through AppTest with ``query`` in the URL, signed in with the role ``sebagai``
    (a local account, see :func:`masuk`) or as the public; fails on any page exception.

    The entry point runs first: it registers the pages with st.navigation before the switch.
    """
    from streamlit.testing.v1 import AppTest

    from indicators.dasar.pengaturan import AKAR

    at = AppTest.from_file(str(AKAR / "app.py"), default_timeout=timeout)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    if sebagai:
        masuk(at, sebagai)
    at.switch_page(halaman).run()
    assert not at.exception, at.exception
    return at


def dibaca(s: str) -> str:
    """A figure text as read: plotly's line breaks (``<br>``, long titles and labels wrapped) as spaces."""
    return s.replace("<br>", " ")


def tampak(md: str) -> str:
    """Markdown text as the reader sees it: backslash escapes (``markdown_aman``) taken off."""
    return re.sub(r"\\(.)", r"\1", str(md))


def larik(v) -> list:
    """A plotly array from figure JSON: a plain list, or a typed array ``{"dtype", "bdata"}`` (base64)."""
    import base64

    import numpy as np

    if isinstance(v, dict) and "bdata" in v:
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"])).tolist()
    return list(v)


def koleksi_leaflet(at, urutan: int = 0) -> list[dict]:
    """Every GeoJSON FeatureCollection the ``urutan``-th Leaflet map (streamlit-folium) of an AppTest page
    draws, in drawing order: read from the map's own script, as the browser gets it."""
    import json

    peta = [e for e in at.get("component_instance") if e.proto.component_name == "streamlit_folium.st_folium"]
    skrip = json.loads(peta[urutan].proto.json_args)["script"]
    dekoder, hasil, i = json.JSONDecoder(), [], 0
    while (i := skrip.find('{"features"', i)) >= 0:  # folium writes the keys sorted: "features" first
        obj, akhir = dekoder.raw_decode(skrip, i)
        hasil.append(obj)
        i = akhir
    return hasil


def nilai_choropleth(at, urutan: int = 0) -> dict[str, float]:
    """kode_wilayah → value (NaN where none) of the filled region layer of a page's Leaflet map."""
    for k in koleksi_leaflet(at, urutan):
        nilai = [f["properties"].get("nilai") for f in k["features"]]
        if any(v is not None for v in nilai):
            return {f["properties"]["kode_wilayah"]: float("nan") if v is None else v
                    for f, v in zip(k["features"], nilai, strict=True)}
    raise AssertionError("no filled region layer on the map")


def titik_leaflet(at, urutan: int = 0) -> list[list]:
    """Every point row (``lat, lon, colour, popup, overdue``) of the point layers of the ``urutan``-th
    Leaflet map of an AppTest page, read from the map's script."""
    import json

    peta = [e for e in at.get("component_instance") if e.proto.component_name == "streamlit_folium.st_folium"]
    skrip = json.loads(peta[urutan].proto.json_args)["script"]
    dekoder, hasil, i = json.JSONDecoder(), [], 0
    while (i := skrip.find("var data = ", i)) >= 0:
        baris, i = dekoder.raw_decode(skrip, i + len("var data = "))
        hasil += baris
    return hasil


def skrip_leaflet(at) -> str:
    """The scripts of every Leaflet map of an AppTest page (what the browser receives), joined."""
    import json

    return " ".join(json.loads(e.proto.json_args)["script"] for e in at.get("component_instance")
                    if e.proto.component_name == "streamlit_folium.st_folium")
