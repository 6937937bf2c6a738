"""Logging of the core: one logger per module (``logging.getLogger(__name__)``), INFO to stderr.

The core only emits records; the app (``app.py``) and the command line call :func:`atur_log` once to
send the ``indicators`` loggers to stderr. Records never carry personal data: imports, exports,
store migrations and refused uploads are logged with datasets, counts, sizes and ids only.

>>> import logging
>>> atur_log() is atur_log()   # idempotent: the handler is added once
True
>>> logging.getLogger("indicators").level == logging.INFO
True
"""
from __future__ import annotations

import logging
import sys

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_NAMA_HANDLER = "dasbor-stderr"


def atur_log(tingkat: int | str = logging.INFO) -> logging.Handler:
    """Send the ``indicators`` loggers to stderr at ``tingkat`` (once per process); returns the handler."""
    akar = logging.getLogger("indicators")
    akar.setLevel(tingkat)
    for h in akar.handlers:
        if h.get_name() == _NAMA_HANDLER:
            return h
    h = logging.StreamHandler(sys.stderr)
    h.set_name(_NAMA_HANDLER)
    h.setFormatter(logging.Formatter(_FORMAT))
    akar.addHandler(h)
    akar.propagate = False  # Streamlit's own root handler would print each record twice
    return h
