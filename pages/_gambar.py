"""Drawing maps and charts cheaply on every rerun: a Leaflet map rendered to HTML once per map object,
a plotly figure turned into its dict once per figure object. The pages' drawing helpers
(``pages._bersama.peta``, ``grafik``, ``peta_leaflet``) use these; figures and maps come from caches
(``st.cache_resource``, ``pages._bersama.simpan``), so the same object returns run after run."""
from __future__ import annotations

import copy
import threading
import weakref

import plotly.graph_objects as go


class _KomponenLeaflet:
    """Stands in for streamlit-folium's component function: in this thread's capture mode it keeps the
    arguments st_folium built (the map rendered to HTML and script) instead of drawing."""

    def __init__(self, asli):
        self.asli, self.lokal = asli, threading.local()

    def __call__(self, **argumen):
        tangkap = getattr(self.lokal, "tangkap", None)
        if tangkap is None:
            return self.asli(**argumen)
        tangkap.update(argumen)
        return argumen.get("default")


_RENDER_LEAFLET: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_RENDER_KUNCI = threading.Lock()


def argumen_leaflet(m, kunci: str, tinggi: int, klik: bool) -> dict:
    """The component arguments st_folium makes of map ``m`` (its HTML, script, bounds), built once per map
    object and call site and reused on every later run: rendering a folium map costs 0,3–1 s (Jinja
    templates compiled per layer), and the pages keep their maps in ``st.cache_resource``, so the object,
    and with it this entry, lives exactly as long as that cache entry."""
    import streamlit_folium
    from streamlit_folium import st_folium

    komponen = streamlit_folium._component_func
    if not isinstance(komponen, _KomponenLeaflet):  # once per process (this module may be imported twice)
        komponen = streamlit_folium._component_func = _KomponenLeaflet(komponen)
    sebut = (kunci, tinggi, klik)
    with _RENDER_KUNCI:
        ada = _RENDER_LEAFLET.get(m, {}).get(sebut)
    if ada is not None:
        return ada
    komponen.lokal.tangkap = argumen = {}
    try:  # streamlit-folium renames the map's variables while rendering it, in place: render a copy
        st_folium(copy.deepcopy(m), key=kunci, height=tinggi, use_container_width=True,
                  returned_objects=["last_active_drawing"] if klik else [])
    finally:
        komponen.lokal.tangkap = None
    with _RENDER_KUNCI:
        _RENDER_LEAFLET.setdefault(m, {})[sebut] = argumen
    return argumen


def gambar_leaflet(m, kunci: str, tinggi: int, klik: bool):
    """Draw map ``m`` with streamlit-folium's component (rendered once: :func:`argumen_leaflet`); returns
    what the component reports (clicks), as ``st_folium`` does."""
    import streamlit_folium

    argumen = argumen_leaflet(m, kunci, tinggi, klik)
    return streamlit_folium._component_func.asli(**argumen)


_DICT_FIGUR: dict[tuple, tuple] = {}  # (id(figure), language) → (weak reference, dict): plotly figures are unhashable


class _FigurTetap(go.Figure):
    """A figure that is only its dict (made from a valid figure, so not validated again)."""

    def __init__(self, isi: dict):
        self._isi = isi

    def to_dict(self) -> dict:
        return self._isi


def figur_tetap(fig, bahasa: str):
    """``fig`` for st.plotly_chart, finished in the reader's language (:func:`indicators.tampilan.rapi.
    rapikan`: separators, month names), its dict made once per figure object and language: plotly's
    ``to_dict`` deep-copies the whole figure on every run (a kecamatan map: ~12 ms and a third of the
    rerun's copying), and figures cached by :func:`simpan` are the same object run after run. The figure
    itself is not changed; Streamlit only reads the dict."""
    from indicators.tampilan.rapi import rapikan

    kunci = (id(fig), bahasa)
    with _RENDER_KUNCI:
        ref, isi = _DICT_FIGUR.get(kunci, (None, None))
    if ref is None or ref() is not fig:
        isi = rapikan(fig.to_dict(), bahasa)
        with _RENDER_KUNCI:
            _DICT_FIGUR[kunci] = (weakref.ref(fig), isi)
        weakref.finalize(fig, _DICT_FIGUR.pop, kunci, None)  # forgotten with the figure
    return _FigurTetap(isi)
