"""indicators/ is the core: it never imports streamlit (docs/arsitektur.md, konvensi 1)."""
import ast
import pathlib
import subprocess
import sys


def test_tidak_ada_import_streamlit_di_inti():
    for f in pathlib.Path("indicators").rglob("*.py"):
        for n in ast.walk(ast.parse(f.read_text())):
            nama = (
                [a.name for a in n.names]
                if isinstance(n, ast.Import)
                else [n.module or ""]
                if isinstance(n, ast.ImportFrom)
                else []
            )
            assert not any(x.split(".")[0] == "streamlit" for x in nama), f


def test_memuat_seluruh_inti_tidak_memuat_streamlit():
    kode = ("import importlib, pkgutil, sys, indicators\n"
            "for m in pkgutil.walk_packages(indicators.__path__, 'indicators.'):\n"
            "    if not m.name.endswith('__main__'): importlib.import_module(m.name)\n"
            "print('streamlit' in sys.modules)")
    p = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "False"
