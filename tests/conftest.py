"""Every test runs against its own store: nothing a test imports reaches the developer's var/ folder."""
import pytest


@pytest.fixture(scope="session", autouse=True)
def _gudang_sementara(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("DASBOR_PATH_GUDANG", str(tmp_path_factory.mktemp("gudang-sesi") / "dasbor.duckdb"))
    yield
    mp.undo()
