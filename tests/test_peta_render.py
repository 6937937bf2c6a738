"""Leaflet maps render faster without changing a byte, and text from data is never a template."""
import itertools

import branca.element as be
import geopandas as gpd
import pandas as pd
import pytest
import shapely
from jinja2 import Template

import indicators.tampilan.leaflet as lf
from indicators.tampilan.peta_lapisan import peta_wilayah
from indicators.wilayah.batas import batas


@pytest.fixture
def id_tetap(monkeypatch):
    """branca's element ids from a counter, so two renders of the same map can be compared."""
    def pasang():
        n = itertools.count()
        monkeypatch.setattr(be, "urandom", lambda k: next(n).to_bytes(k, "big"))
    return pasang


def _peta():
    g = batas("18.02", "desa")
    return peta_wilayah(g, pd.Series(range(len(g)), index=g["kode_wilayah"], dtype=float), "Desa", "Skor",
                        bahasa="id", kecamatan=batas("18.02", "kecamatan"))


def test_render_sama_dengan_jinja(id_tetap, monkeypatch):
    id_tetap()
    monkeypatch.setattr(be, "Template", Template)  # branca as shipped: every piece compiled by Jinja
    asli = _peta().get_root().render()
    id_tetap()
    monkeypatch.setattr(be, "Template", lf._template_cepat)
    cepat = _peta().get_root().render()
    assert len(asli) > 100_000  # 311 villages and 28 kecamatan: a real map, not an empty one
    assert cepat == asli


def test_teks_jadi_seperti_jinja():
    for sumber in ["a\r\nb\rc\n", "tanpa akhir", "\n\n", "", "x}}y"]:
        assert lf._TeksJadi(sumber).render(this=None, kwargs={}) == Template(sumber).render(this=None, kwargs={})
    assert isinstance(lf._template_cepat("{{ x }}"), Template)


def test_kurung_kurawal_dari_data_tidak_dievaluasi():
    g = gpd.GeoDataFrame({"kode_wilayah": ["18.02.01"], "nama": ["{{ 7*7 }} {% if 1 %}ya{% endif %}"]},
                         geometry=[shapely.box(105.0, -5.3, 105.1, -5.2)], crs="EPSG:4326")
    m = lf.peta_dasar(g.total_bounds, peta_dasar="")
    lf.lapisan_wilayah(m, g, pd.Series([50.0], index=["18.02.01"]), "Skor", bahasa="id")
    html = m.get_root().render()
    assert "7*7" in html and "49" not in html.split("7*7")[1][:40]
    assert "{{" not in html.split("7*7")[0][-40:] and "endif" in html
