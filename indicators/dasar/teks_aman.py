"""Text made inert for the renderers that interpret it: Markdown (with LaTeX and HTML) and plotly's
HTML subset. Every string from data goes through one of these before it is drawn.
"""
from __future__ import annotations

import math

import pandas as pd

_MARKDOWN = set("\\`*_{}[]()<>#+-.!|$~&:=\"'")


def markdown_aman(s) -> str:
    """Text shown through Markdown as written: every Markdown/LaTeX/HTML special character escaped.

    >>> markdown_aman("<img src=x onerror=alert(1)> `${x}` *a*")
    '\\\\<img src\\\\=x onerror\\\\=alert\\\\(1\\\\)\\\\> \\\\`\\\\$\\\\{x\\\\}\\\\` \\\\*a\\\\*'
    """
    return "".join("\\" + c if c in _MARKDOWN else c for c in ("" if s is None else str(s)))


_ENTITAS = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;", "`": "&#96;",
            "$": "&#36;", "{": "&#123;", "}": "&#125;", "\\": "&#92;"}


def aman_html(s) -> str:
    """Text made inert for plotly's hover labels, titles and annotations (an HTML subset).

    ``<``, ``>``, ``&``, quotes, backticks, ``$`` and braces become entities, which plotly shows
    as the literal characters; ``None``/NaN become ``""``.

    >>> aman_html("<img src=x onerror=alert(1)>")
    '&lt;img src=x onerror=alert(1)&gt;'
    >>> aman_html("`${x}` & 'y'")
    '&#96;&#36;&#123;x&#125;&#96; &amp; &#39;y&#39;'
    """
    if s is None or s is pd.NA or (isinstance(s, float) and math.isnan(s)):
        return ""
    return "".join(_ENTITAS.get(c, c) for c in str(s))


def teks_css(s) -> str:
    """``s`` as a CSS string literal (for ``content:``): every character outside letters, digits, space
    and plain punctuation written as a CSS escape, so no quote, backslash, ``<`` or line break can end
    the string or the ``<style>`` element it sits in.

    >>> teks_css('Pilih "berkas" </style>')
    '"Pilih \\\\22 berkas\\\\22  \\\\3c /style\\\\3e "'
    """
    aman = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;!?()-/•–")
    return '"' + "".join(c if c in aman else f"\\{ord(c):x} " for c in str(s)) + '"'
