"""The project installs as a package: ``pip install .`` gives a ``dasbor`` command that works from any
folder, because the declarations in ``data/`` ship inside the wheel. Also: the pins in pyproject.toml,
the requirement files and the lock files agree."""
import os
import re
import shutil
import site
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest

from indicators.dasar.pengaturan import daftar_pengaturan

AKAR = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((AKAR / "pyproject.toml").read_text(encoding="utf-8"))


def _nama(req: str) -> str:
    return re.split(r"[=<>!~; ]", req, maxsplit=1)[0].lower().replace("_", "-")


def _pin(berkas: str) -> dict[str, str]:
    """``name -> version`` of every ``name==version`` line (comments, ``-r`` and hashes skipped)."""
    hasil = {}
    for baris in (AKAR / berkas).read_text(encoding="utf-8").splitlines():
        m = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", baris)
        if m:
            hasil[_nama(m[1])] = m[2]
    return hasil


def _pin_pyproject(daftar: list[str]) -> dict[str, str]:
    return {_nama(r): r.split("==", 1)[1] for r in daftar}


def test_pyproject_mengulang_requirements():
    proyek = PYPROJECT["project"]
    assert _pin_pyproject(proyek["dependencies"]) == _pin("requirements.txt")
    tes = _pin("requirements-dev.txt")
    assert _pin_pyproject(proyek["optional-dependencies"]["test"]) == tes
    assert "-r requirements.txt" in (AKAR / "requirements-dev.txt").read_text(encoding="utf-8")
    assert proyek["scripts"]["dasbor"] == "indicators.cli:main"


def test_setiap_subpaket_dikemas():
    ada = {".".join(p.parent.relative_to(AKAR).parts) for p in (AKAR / "indicators").rglob("__init__.py")}
    st = PYPROJECT["tool"]["setuptools"]
    assert set(st["packages"]) == ada | {"indicators._data"}
    assert st["package-dir"] == {"indicators._data": "data"}


@pytest.mark.parametrize("kunci,sumber", [("requirements.lock", "requirements.txt"),
                                          ("requirements-dev.lock", "requirements-dev.txt")])
def test_lock_memuat_pin_dengan_hash(kunci, sumber):
    teks = (AKAR / kunci).read_text(encoding="utf-8")
    assert f"uv pip compile --universal --python-version 3.11 --generate-hashes {sumber}" in teks.splitlines()[1]
    terkunci = _pin(kunci)
    pin = _pin(sumber) | (_pin("requirements.txt") if sumber == "requirements-dev.txt" else {})
    assert {n: terkunci.get(n) for n in pin} == pin
    # every package entry carries at least one hash (pip --require-hashes refuses the file otherwise)
    entri = re.split(r"\n(?=[A-Za-z0-9])", teks.split("\n", 2)[2])
    assert len(entri) == len(terkunci) and all("--hash=sha256:" in e for e in entri)


def test_lock_aplikasi_dan_tes_sepakat():
    app, dev = _pin("requirements.lock"), _pin("requirements-dev.lock")
    assert {n: dev.get(n) for n in app} == app


@pytest.fixture(scope="module")
def venv_terpasang(tmp_path_factory):
    """A fresh venv with the project installed from a copy of the checkout (``pip install --no-deps``).

    Its dependencies are not installed again: a .pth file points at this environment's site-packages,
    behind the venv's own, so the installed ``indicators`` is the one imported. The venv has no pip of its
    own; this environment's pip, found through that .pth, installs into it (the build itself runs in
    pip's isolated build environment with setuptools, as for any user).
    """
    dasar = tmp_path_factory.mktemp("paket")
    sumber = dasar / "sumber"
    abaikan = shutil.ignore_patterns("__pycache__", "*.pyc")
    for nama in ("indicators", "data"):
        shutil.copytree(AKAR / nama, sumber / nama, ignore=abaikan)
    for nama in ("pyproject.toml", "README.md"):
        shutil.copy2(AKAR / nama, sumber / nama)

    folder = dasar / "venv"
    venv.EnvBuilder(with_pip=False, symlinks=True).create(folder)
    py = folder / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME") and not k.startswith("DASBOR_")}
    purelib = subprocess.run([py, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             capture_output=True, text=True, check=True, env=env).stdout.strip()
    Path(purelib, "lingkungan_induk.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    p = subprocess.run([py, "-m", "pip", "install", "--no-deps", "--no-input", "--disable-pip-version-check", "-q",
                        str(sumber)], capture_output=True, text=True, env=env, timeout=600)
    assert p.returncode == 0, p.stdout + p.stderr
    lain = dasar / "folder-lain"  # outside the checkout: nothing to import from the working directory
    lain.mkdir()
    return folder, lain, env


def test_dasbor_sama_dengan_python_m_indicators(venv_terpasang):
    folder, lain, env = venv_terpasang
    dasbor = subprocess.run([folder / "bin" / "dasbor", "--help"], cwd=lain, capture_output=True, text=True,
                            env=env, timeout=300)
    assert dasbor.returncode == 0, dasbor.stderr
    terpasang = subprocess.run([folder / "bin" / "python", "-m", "indicators", "--help"], cwd=lain,
                               capture_output=True, text=True, env=env, timeout=300)
    checkout = subprocess.run([sys.executable, "-m", "indicators", "--help"], cwd=AKAR, capture_output=True,
                              text=True, env=env, timeout=300)
    assert dasbor.stdout == terpasang.stdout == checkout.stdout
    assert "regions" in dasbor.stdout and "score" in dasbor.stdout


def test_deklarasi_ikut_terpasang(venv_terpasang):
    folder, lain, env = venv_terpasang
    kode = "import indicators.dasar.pengaturan as p; print(p.DATA_DIR); print(p.AKAR); print(p.ambil('bahasa'))"
    p = subprocess.run([folder / "bin" / "python", "-c", kode], cwd=lain, capture_output=True, text=True,
                       env=env, timeout=300)
    assert p.returncode == 0, p.stderr
    data_dir, akar, bahasa = p.stdout.splitlines()
    data_dir = Path(data_dir)
    assert data_dir.is_relative_to(folder.resolve()) and data_dir.name == "_data"  # the copy inside the venv
    assert Path(akar) == lain.resolve()  # relative settings (the store file) from the working directory
    assert bahasa == next(str(s.default) for s in daftar_pengaturan() if s.name == "bahasa")
    daftar = sorted(f.relative_to(data_dir).as_posix() for f in data_dir.rglob("*") if f.is_file())
    asli = sorted(f.relative_to(AKAR / "data").as_posix() for f in (AKAR / "data").rglob("*") if f.is_file())
    assert daftar == asli
