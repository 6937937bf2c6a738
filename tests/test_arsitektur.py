"""The tree shows the design: domain packages, dependencies one way, no cycles, files of one sitting.

Each package of ``indicators/`` says in its ``__init__.py`` docstring what it decides and, on a
``May import:`` line, which other packages it may import. The import graph is built here with
``ast`` (imports under ``if TYPE_CHECKING:`` are types only and do not count) and checked against
those declarations, so the docstrings cannot drift from the code.
"""
from __future__ import annotations

import ast
import pathlib
import re

import pytest

INTI = pathlib.Path("indicators")
BATAS_BARIS = 450


def _nama_modul(p: pathlib.Path) -> str:
    bagian = p.with_suffix("").parts
    return ".".join(bagian[:-1] if bagian[-1] == "__init__" else bagian)


def _jenis_pengecekan_tipe(n: ast.AST) -> bool:
    t = n.test if isinstance(n, ast.If) else None
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING")


def _impor(p: pathlib.Path, modul: str, semua: set[str]) -> set[str]:
    """Modules of ``indicators`` that file ``p`` imports at run time (anywhere in the file)."""
    pohon = ast.parse(p.read_text(encoding="utf-8"))
    lewati = {id(c) for n in ast.walk(pohon) if _jenis_pengecekan_tipe(n) for c in ast.walk(n)}
    paket = modul if p.name == "__init__.py" else modul.rpartition(".")[0]
    hasil: set[str] = set()
    for n in ast.walk(pohon):
        if id(n) in lewati:
            continue
        if isinstance(n, ast.Import):
            hasil |= {a.name for a in n.names if a.name.split(".")[0] == "indicators"}
        elif isinstance(n, ast.ImportFrom):
            if n.level:
                dasar = paket.split(".")[: len(paket.split(".")) - n.level + 1]
                asal = ".".join([*dasar, *([n.module] if n.module else [])])
            else:
                asal = n.module or ""
            if asal.split(".")[0] != "indicators":
                continue
            for a in n.names:  # `from indicators.x import y` may import the module indicators.x.y
                hasil.add(f"{asal}.{a.name}" if f"{asal}.{a.name}" in semua else asal)
    return {m for m in hasil if m in semua and m != modul}


def _graf() -> dict[str, set[str]]:
    berkas = {_nama_modul(p): p for p in INTI.rglob("*.py")}
    semua = set(berkas)
    return {m: _impor(p, m, semua) for m, p in berkas.items()}


def _siklus(graf: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), iteratively."""
    indeks, rendah, tumpukan, di_tumpukan, hasil = {}, {}, [], set(), []
    hitung = 0
    for akar in sorted(graf):
        if akar in indeks:
            continue
        kerja = [(akar, iter(sorted(graf[akar])))]
        indeks[akar] = rendah[akar] = hitung
        hitung += 1
        tumpukan.append(akar)
        di_tumpukan.add(akar)
        while kerja:
            v, anak = kerja[-1]
            w = next(anak, None)
            if w is not None:
                if w not in indeks:
                    indeks[w] = rendah[w] = hitung
                    hitung += 1
                    tumpukan.append(w)
                    di_tumpukan.add(w)
                    kerja.append((w, iter(sorted(graf[w]))))
                elif w in di_tumpukan:
                    rendah[v] = min(rendah[v], indeks[w])
                continue
            kerja.pop()
            if kerja:
                rendah[kerja[-1][0]] = min(rendah[kerja[-1][0]], rendah[v])
            if rendah[v] == indeks[v]:
                komponen = []
                while True:
                    w = tumpukan.pop()
                    di_tumpukan.discard(w)
                    komponen.append(w)
                    if w == v:
                        break
                if len(komponen) > 1:
                    hasil.append(sorted(komponen))
    return hasil


def test_pencari_siklus_menemukan_siklus_buatan():
    # the checker itself: a → b → c → a is one cycle, d stands alone
    assert _siklus({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _siklus({"a": {"b"}, "b": set()}) == []


def test_tidak_ada_siklus_impor():
    assert _siklus(_graf()) == []


def test_hanya_paket_di_akar_inti():
    langsung = sorted(p.name for p in INTI.glob("*.py"))
    assert langsung == ["__init__.py", "__main__.py"]
    for d in INTI.iterdir():
        if d.is_dir() and d.name != "__pycache__":
            assert (d / "__init__.py").is_file(), f"{d} is a folder without __init__.py"


def _paket() -> list[str]:
    return sorted(d.name for d in INTI.iterdir() if (d / "__init__.py").is_file())


def _boleh_impor(paket: str) -> set[str]:
    doc = ast.get_docstring(ast.parse((INTI / paket / "__init__.py").read_text(encoding="utf-8"))) or ""
    m = re.search(r"May import:(.*?)(?:\n\n|\Z)", doc, re.S)
    assert m, f"indicators/{paket}/__init__.py: the docstring has no 'May import:' paragraph"
    if "nothing else" in m.group(1):
        return set()
    return set(re.findall(r"``indicators\.([a-z_]+)``", m.group(1)))


@pytest.mark.parametrize("paket", _paket())
def test_paket_berdokumen_dan_impor_sesuai_deklarasi(paket):
    doc = ast.get_docstring(ast.parse((INTI / paket / "__init__.py").read_text(encoding="utf-8")))
    assert doc and len(doc.split()) >= 12, f"indicators/{paket}: say what the package decides"
    boleh = _boleh_impor(paket) | {paket}
    graf = _graf()
    salah = sorted({(m, t) for m, ts in graf.items() if m.split(".")[1:2] == [paket]
                    for t in ts if t.count(".") >= 1 and t.split(".")[1] not in boleh})
    assert salah == [], f"indicators.{paket} imports packages its docstring does not allow: {salah}"


def test_deklarasi_lapisan_tanpa_siklus():
    # the declared package dependencies themselves run one way
    deklarasi = {p: _boleh_impor(p) - {p} for p in _paket()}
    assert _siklus(deklarasi) == []


def test_paket_domain_tidak_mengimpor_cli_atau_tampilan():
    domain = set(_paket()) - {"cli", "tampilan", "laporan"}
    for p in domain:
        assert not _boleh_impor(p) & {"cli", "tampilan", "laporan"}, p
    assert "cli" not in _boleh_impor("laporan") and "cli" not in _boleh_impor("tampilan")


@pytest.mark.parametrize("folder", ["indicators", "pages"])
def test_berkas_terbaca_sekali_duduk(folder):
    panjang = {str(p): len(p.read_text(encoding="utf-8").splitlines()) for p in pathlib.Path(folder).rglob("*.py")}
    terlalu = {p: n for p, n in panjang.items() if n > BATAS_BARIS}
    assert terlalu == {}, f"files over {BATAS_BARIS} lines: {terlalu}"
