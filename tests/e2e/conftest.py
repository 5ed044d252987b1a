"""End-to-end tier: the built zip in real QGIS processes (a fresh profile each) under Xvfb."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest

from scripts import package, wheelhouse

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = Path(__file__).resolve().parent / "qgis_scripts"
PROFILE = "e2e"
# What a user's QGIS would not have: the venv, our variables, pytest's Qt platform.
STRIPPED_ENV = ("PYTHON", "QGIS", "CAPELLA", "QT_QPA", "VIRTUAL_ENV", "PIP_")

needs_qgis = pytest.mark.skipif(
    not shutil.which("qgis") or not shutil.which("xvfb-run"), reason="qgis or xvfb-run missing"
)


@dataclass
class QgisRun:
    """One finished QGIS process: its JSON report, log and screenshots folder."""

    report: dict[str, Any]
    log: str
    shots: Path


@pytest.fixture(scope="session")
def built_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plugin zip exactly as ``make package`` builds it."""
    folder = tmp_path_factory.mktemp("zip")
    staged = package.stage(folder / "stage" / "capella_qgis")
    return package.build_zip(staged, folder / "capella_qgis.zip")


@pytest.fixture(scope="session")
def wheels() -> Path:
    """A local package index for pip (``--no-index --find-links``): no network in the test."""
    return wheelhouse.build()


@pytest.fixture
def fresh_profile(tmp_path: Path) -> Path:
    """A new QGIS profile folder, as a first-time user has (no plugin, no dependencies)."""
    profiles = tmp_path / "profiles"
    ini = profiles / "profiles" / PROFILE / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text(
        "[qgis]\ncheckVersion=false\nshowTips=false\n\n"
        "[core]\nNewsFeed\\httpsfeedqgisorg\\disabled=true\n\n"
        "[app]\nplugin_installer\\checkOnStart=false\nplugin_installer\\checkOnStartInterval=0\n"
    )
    return profiles


def user_environment(**extra: str) -> dict[str, str]:
    """The environment of a user's desktop session, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(STRIPPED_ENV)}
    env.update(extra)
    return env


@pytest.fixture
def run_qgis(tmp_path: Path) -> Callable[..., QgisRun]:
    """Start real QGIS on Xvfb with ``--code <script>``; wait for it to finish."""

    def run(script: str, profiles: Path, env: dict[str, str], timeout: float = 420) -> QgisRun:
        shots = tmp_path / "shots"
        shots.mkdir(exist_ok=True)
        result = tmp_path / f"{Path(script).stem}.json"
        env = dict(env, CAPELLA_E2E_RESULT=str(result), CAPELLA_E2E_SHOTS=str(shots))
        command = [
            "xvfb-run", "-a", "-s", "-screen 0 1400x1000x24",
            "qgis", "--profiles-path", str(profiles), "--profile", PROFILE,
            "--nologo", "--noversioncheck", "--code", str(SCRIPTS / script),
        ]  # fmt: skip
        log = tmp_path / f"{Path(script).stem}.log"
        with log.open("w") as out:
            proc = subprocess.Popen(
                command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        text = log.read_text(errors="replace")
        if not result.exists():
            pytest.fail(f"QGIS left no report (exit {proc.returncode}):\n{text[-4000:]}")
        report = json.loads(result.read_text())
        keep = os.environ.get("CAPELLA_E2E_KEEP")
        if keep:  # e.g. CAPELLA_E2E_KEEP=build/e2e to look at the screenshots afterwards
            shutil.copytree(shots, Path(keep) / Path(script).stem, dirs_exist_ok=True)
        return QgisRun(report, text, shots)

    return run


@pytest.fixture
def no_pydantic_on_system() -> Iterator[None]:
    """The test means 'a QGIS without pydantic': say so when this machine has one anyway."""
    probe = subprocess.run(
        ["/usr/bin/python3", "-c", "import pydantic"], capture_output=True, env=user_environment()
    )
    if probe.returncode == 0:
        pytest.skip("QGIS' Python already has pydantic here: the stand-in path cannot be shown")
    yield
