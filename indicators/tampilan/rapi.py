"""The last step of every figure the pages draw (``pages._gambar.figur_tetap``): numbers and months in
the reader's language, through :mod:`indicators.dasar.format`. It works on the figure's dict (what
Streamlit sends), so a figure kept in a cache is never changed and serves both languages.

- ``separators``: plotly's d3 number formats (ticks, hovers) write the reader's decimal and thousands
  separators (",." in Indonesian);
- months: a trace whose x or y are ``YYYY-MM`` periods would be read by plotly as dates and written in
  English ("Oct 2024", "Oct 1, 2024" in the hover); the periods become the formatter's month names on
  a categorical axis kept in time order, so hovers say "Oktober 2024" and the (thinned) ticks "Okt 2024".

>>> import plotly.graph_objects as go
>>> f = go.Figure(go.Scatter(x=["2024-11", "2024-10"], y=[1.5, 2]))
>>> d = rapikan(f.to_dict(), "id")
>>> d["layout"]["separators"], list(d["data"][0]["x"]), d["layout"]["xaxis"]["categoryarray"]
(',.', ['November 2024', 'Oktober 2024'], ['Oktober 2024', 'November 2024'])
>>> d["layout"]["xaxis"]["ticktext"], f.data[0].x
(['Okt 2024', 'Nov 2024'], ('2024-11', '2024-10'))
"""
from __future__ import annotations

import re

from indicators.dasar.format import nama_periode, pemisah_plotly

_PERIODE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _periode(nilai) -> bool:
    return nilai is not None and len(nilai) > 0 and all(isinstance(v, str) and _PERIODE.match(v) for v in nilai)


def rapikan(isi: dict, bahasa: str) -> dict:
    """The figure dict ``isi`` (``fig.to_dict()``, a deep copy) with the reader's separators and month
    names (changed in place, returned)."""
    layout = isi.setdefault("layout", {})
    layout["separators"] = pemisah_plotly(bahasa)
    sumbu: dict[str, set[str]] = {}
    for t in isi.get("data", []):
        for ax in ("x", "y"):
            nilai = t.get(ax)
            if not _periode(nilai):
                continue
            t[ax] = [nama_periode(v, bahasa) for v in nilai]
            nama = (t.get(f"{ax}axis") or ax).replace(ax, f"{ax}axis", 1)
            sumbu.setdefault(nama, set()).update(nilai)
    for nama, periode in sumbu.items():
        urut = sorted(periode)
        # at most ~8 ticks, abbreviated ("Okt 2025"), as plotly spaces date ticks: every month written out
        # would be turned on its side and run into the legend
        langkah = next(k for k in (1, 2, 3, 6, 12, 24, 60) if len(urut) / k <= 8 or k == 60)
        tanda = urut[::langkah]
        layout.setdefault(nama, {}).update({
            "type": "category", "categoryorder": "array",
            "categoryarray": [nama_periode(p, bahasa) for p in urut],
            "tickmode": "array", "tickvals": [nama_periode(p, bahasa) for p in tanda],
            "ticktext": [nama_periode(p, bahasa, singkat=True) for p in tanda]})
    return isi
