"""The package carries everything the gateway serves: the wheel (what the Dockerfile's
`pip install .` builds) holds every file under gateway/static/, and a gateway running from it
alone, not from this checkout, serves GraphiQL and its assets."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from gateway.settings import Settings
from gateway.web import STATIC
from tests.utils.gateway_process import free_port, gateway_env

ROOT = Path(__file__).resolve().parents[2]
GIVE_UP = 120.0  # seconds: a cold start on a busy machine, not a speed


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(out), str(ROOT)],
        check=True, timeout=600,
    )  # fmt: skip
    (built,) = out.glob("omnigraph-*.whl")
    return built


def _served_files() -> list[str]:
    """Every file of gateway/static/ a browser may ask for (not the vendoring stamp)."""
    files = [
        path.relative_to(ROOT).as_posix()
        for path in STATIC.rglob("*")
        if path.is_file() and not path.name.startswith(".")
    ]
    assert any("/vendor/graphiql/" in f for f in files), "run `make install` (vendor-web.sh)"
    return files


def test_the_wheel_holds_every_file_the_gateway_serves(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [f for f in _served_files() if f not in names]
    assert missing == []
    assert "schema/schema.graphql" in names


def test_the_dockerfile_puts_graphiql_into_the_package_it_installs() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "scripts/vendor-web.sh" in dockerfile
    copied = dockerfile.index("COPY --from=web /src/gateway/static/vendor ./gateway/static/vendor")
    assert copied < dockerfile.index("pip install ."), "GraphiQL is vendored before the install"


@contextlib.contextmanager
def _serving_from(target: Path, settings: Settings, cwd: Path) -> Iterator[str]:
    port = free_port()
    env = {**gateway_env(settings, OMNIGRAPH_ENV="development"), "PYTHONPATH": str(target)}
    process = subprocess.Popen(
        [sys.executable, "-m", "gateway.cli", "serve", "--port", str(port)],
        env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + GIVE_UP
        while True:
            assert process.poll() is None, "the installed gateway exited"
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            assert time.monotonic() < deadline, "the installed gateway never became ready"
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_an_installed_wheel_serves_graphiql(
    wheel: Path, settings: Settings, tmp_path: Path
) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
         str(wheel)],
        check=True, timeout=300,
    )  # fmt: skip
    where = subprocess.run(
        [sys.executable, "-c", "import gateway; print(gateway.__file__)"],
        env={"PYTHONPATH": str(target)}, cwd=tmp_path, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert where.stdout.strip().startswith(str(target)), "the gateway runs from the wheel"

    with _serving_from(target, settings, tmp_path) as base:
        page = httpx.get(f"{base}/graphql", headers={"accept": "text/html"})
        assets = {
            f: httpx.get(f"{base}/assets/vendor/{f.split('/vendor/', 1)[1]}")
            for f in _served_files()
            if "/vendor/" in f
        }
        clienteling = httpx.get(f"{base}/clienteling/")
    assert page.status_code == 200 and "/assets/vendor/graphiql/graphiql.min.js" in page.text
    for name, response in assets.items():
        assert response.status_code == 200, name
        assert response.content == (ROOT / name).read_bytes(), name
    assert clienteling.status_code == 200
