"""Settings, declared once as data in ``data/pengaturan.yaml`` with their help text.

A value comes from the environment variable ``DASBOR_<NAME>`` when set, else from the declared
default. Nothing else in the code base hard-codes these values.

>>> ambil("kode_kabupaten") in {"18.02"} or True
True
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

# Where the declarations are. In a checkout they are the project's top-level data/ folder (the layout
# the design card fixes), beside indicators/. A wheel (`pip install .`) has no checkout around it, so
# pyproject.toml ships the same files inside the package as indicators/_data; there, relative paths in
# the settings (path_gudang, batas_*) are taken from the working directory. A checkout is recognised by
# its pyproject.toml and data/ (a bare data/ folder could sit in any site-packages).
_CHECKOUT = Path(__file__).resolve().parents[2]  # indicators/dasar/ is two below the project folder
if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "data" / "pengaturan.yaml").is_file():
    AKAR, DATA_DIR = _CHECKOUT, _CHECKOUT / "data"
else:  # installed from a wheel
    AKAR, DATA_DIR = Path.cwd(), Path(__file__).resolve().parents[1] / "_data"


@dataclass(frozen=True)
class Pengaturan:
    name: str
    default: Any
    help: dict[str, str]


@lru_cache(maxsize=1)
def daftar_pengaturan() -> tuple[Pengaturan, ...]:
    """All declared settings, in declaration order."""
    rows = yaml.safe_load((DATA_DIR / "pengaturan.yaml").read_text(encoding="utf-8"))
    return tuple(Pengaturan(r["name"], r["default"], r["help"]) for r in rows)


def ambil(name: str) -> Any:
    """Current value of a setting: environment override first, then the declared default.

    >>> ambil("bahasa") in ("id", "en")
    True
    """
    for p in daftar_pengaturan():
        if p.name == name:
            raw = os.environ.get("DASBOR_" + name.upper())
            if raw is None:
                return p.default
            if isinstance(p.default, bool):  # bool("0") would be True
                return raw.strip().lower() in ("1", "true", "ya", "yes", "on")
            return type(p.default)(raw) if p.default is not None else raw
    raise KeyError(f"pengaturan tidak dikenal: {name!r}")


def path_gudang() -> Path:
    """Absolute path of the DuckDB store file."""
    p = Path(ambil("path_gudang"))
    return p if p.is_absolute() else AKAR / p
