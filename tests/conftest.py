"""Every test runs against its own store: nothing a test imports reaches the developer's var/ folder;
and in development mode (page errors surface as errors)."""
import pytest


@pytest.fixture(scope="session", autouse=True)
def _gudang_sementara(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("DASBOR_PATH_GUDANG", str(tmp_path_factory.mktemp("gudang-sesi") / "dasbor.duckdb"))
    # Development mode: a page error reaches AppTest (at.exception) and the browser (stException) as an
    # error, so a test sees it; the viewer-facing sentence is tested with it switched off.
    mp.setenv("DASBOR_MODE_PENGEMBANGAN", "1")
    yield
    mp.undo()
