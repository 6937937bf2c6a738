"""Layout pieces every chart shares so nothing is cut or covered on a 1366-px laptop.

* :data:`LEGENDA_BAWAH` — a horizontal legend at the very bottom of the figure. Positioned against the
  figure (``yref="container"``), plotly reserves its height before placing the axes, so the legend
  sits under the x-axis tick labels and title, never over them (a legend at ``y=-0.15`` of the plot
  area lands on the axis title as soon as the chart is short or the labels are long).
* :func:`judul_terbungkus` — a long chart title over two balanced lines: plotly does not wrap titles,
  and a one-line title wider than a half-page column runs out of the figure.

>>> judul_terbungkus("Lama proses: median dan persentil ke-90, terhadap target")
'Lama proses: median dan<br>persentil ke-90, terhadap target'
>>> judul_terbungkus("Enam pilar")
'Enam pilar'
"""
from __future__ import annotations

LEGENDA_BAWAH = {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0, "xanchor": "left"}
# A title font of 16-17 px is about 8 px a character: 44 characters fit a half column (≈ 420 px) at 1366.
MAKS_JUDUL = 44
TINGGI_BARIS_JUDUL = 24  # px of top margin per extra title line


def judul_terbungkus(judul: str, maks: int = MAKS_JUDUL) -> str:
    """``judul`` (already HTML-safe) split at the space nearest its middle when longer than ``maks``."""
    if len(judul) <= maks or " " not in judul or "<br>" in judul:
        return judul
    tengah = len(judul) / 2
    spasi = min((i for i, c in enumerate(judul) if c == " "), key=lambda i: abs(i - tengah))
    return judul[:spasi] + "<br>" + judul[spasi + 1:]


def baris_judul(judul: str) -> int:
    """How many lines a (wrapped) title takes."""
    return judul.count("<br>") + 1 if judul else 0


def label_terbungkus(label: str, maks: int = 26) -> str:
    """A long axis label (an indicator's name) over lines of at most ``maks`` characters, so the axis
    does not take most of a narrow chart's width.

    >>> label_terbungkus("Rumah tangga terlayani pengelolaan sampah")
    'Rumah tangga terlayani<br>pengelolaan sampah'
    """
    baris: list[str] = []
    for kata in label.split(" "):
        if baris and len(baris[-1]) + 1 + len(kata) <= maks:
            baris[-1] += " " + kata
        else:
            baris.append(kata)
    return "<br>".join(baris)
