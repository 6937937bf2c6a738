"""The server's security-relevant settings are set on purpose (docs/mutu.md, keandalan 7)."""
import pathlib
import shutil
import subprocess
import tomllib

import pytest

from indicators.dasar.pengaturan import ambil

KONFIG = tomllib.loads(pathlib.Path(".streamlit/config.toml").read_text(encoding="utf-8"))


def test_xsrf_dan_cors_tetap_menyala():
    assert KONFIG["server"]["enableXsrfProtection"] is True
    assert KONFIG["server"]["enableCORS"] is True


def test_batas_unggah_sama_dengan_pengaturan():
    assert KONFIG["server"]["maxUploadSize"] == int(ambil("batas_unggah_mb"))


def test_tanpa_statistik_penggunaan_dan_tautan_luar():
    assert KONFIG["browser"]["gatherUsageStats"] is False
    assert KONFIG["client"]["showErrorLinks"] is False


def test_rahasia_tidak_dicommit():
    git = shutil.which("git")
    if git is None or not pathlib.Path(".git").exists():
        pytest.skip("not a git checkout: nothing to check about what is committed")
    assert ".streamlit/secrets.toml" in pathlib.Path(".gitignore").read_text(encoding="utf-8").split()
    tercatat = subprocess.run([git, "ls-files", ".streamlit"], capture_output=True, text=True, check=True).stdout
    assert ".streamlit/secrets.toml.example" in tercatat.split()
    assert ".streamlit/secrets.toml" not in tercatat.split()
