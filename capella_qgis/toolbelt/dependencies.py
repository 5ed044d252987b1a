"""Check the plugin's Python dependencies before loading it, and explain how to install them."""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

# Kept in step with the staged requirements.txt (scripts/package.py) that qpip installs.
PYDANTIC_REQUIREMENT = "pydantic>=2.5,<3"
PYDANTIC_MIN = (2, 5)
PYDANTIC_MAX_MAJOR = 3
HTTPX_MIN = (0, 26)  # `proxy=` keyword
# Packages QGIS itself depends on: a dependency install must never replace them.
PROTECTED = ("numpy", "GDAL")
VENDOR_PACKAGE = "capella_qgis._vendor"
CONSTRAINTS_NAME = "capella_qgis-constraints.txt"


@dataclass(frozen=True)
class Missing:
    """One unmet dependency: the requirement and what was found instead."""

    requirement: str
    found: str

    def __str__(self) -> str:
        return f"{self.requirement} ({self.found})"


def version_tuple(version: str) -> tuple[int, ...]:
    """Leading numeric parts of a version string: ``"2.14.3"`` -> ``(2, 14, 3)``."""
    parts: list[int] = []
    for piece in str(version).split("."):
        match = re.match(r"\d+", piece)
        if match is None:
            break
        parts.append(int(match.group()))
    return tuple(parts)


def _import(name: str) -> Any:
    return importlib.import_module(name)


def check_pydantic() -> Optional[Missing]:
    """pydantic v2 (>= 2.5) must import together with its compiled core."""
    try:
        pydantic = _import("pydantic")
    except Exception as exc:  # ImportError, or a broken pydantic-core build
        return Missing(PYDANTIC_REQUIREMENT, _describe_failure(exc))
    version = str(getattr(pydantic, "VERSION", getattr(pydantic, "__version__", "0")))
    parsed = version_tuple(version)
    if parsed < PYDANTIC_MIN or (parsed and parsed[0] >= PYDANTIC_MAX_MAJOR):
        return Missing(PYDANTIC_REQUIREMENT, f"found {version}")
    return None


def _vendored() -> bool:
    try:
        return importlib.util.find_spec(VENDOR_PACKAGE) is not None
    except (ImportError, ValueError):
        return False


def check_httpx() -> Optional[Missing]:
    """httpx must import: the vendored copy in a packaged plugin, an installed one otherwise."""
    name = f"{VENDOR_PACKAGE}.httpx" if _vendored() else "httpx"
    try:
        httpx = _import(name)
    except Exception as exc:
        return Missing(f"httpx>={'.'.join(map(str, HTTPX_MIN))}", _describe_failure(exc))
    version = str(getattr(httpx, "__version__", "0"))
    if version_tuple(version) < HTTPX_MIN:
        return Missing(f"httpx>={'.'.join(map(str, HTTPX_MIN))}", f"found {version}")
    return None


def missing_dependencies() -> list[Missing]:
    """Unmet dependencies; empty when the plugin can load. Imports nothing of the plugin."""
    return [m for m in (check_pydantic(), check_httpx()) if m is not None]


def _describe_failure(exc: BaseException) -> str:
    if isinstance(exc, ModuleNotFoundError):
        return "not installed"
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return f"cannot be imported: {text[:160]}"


# --- the install hint ----------------------------------------------------------------------


def python_command() -> str:
    """The interpreter QGIS runs (``sys.executable`` is the QGIS binary on some platforms)."""
    exe = Path(sys.executable or "python3")
    if exe.name.lower().startswith("python"):
        return str(exe)
    if os.name == "nt":
        candidate = Path(sys.exec_prefix) / "python.exe"
    else:
        candidate = Path(sys.exec_prefix) / "bin" / f"python{sys.version_info[0]}"
    return str(candidate) if candidate.exists() else "python3"


def installed_version(distribution: str) -> Optional[str]:
    """Version of an installed distribution (without importing it), or None."""
    try:
        from importlib.metadata import PackageNotFoundError, version
    except ImportError:  # pragma: no cover - Python < 3.8
        return None
    try:
        return version(distribution)
    except PackageNotFoundError:
        module = sys.modules.get("osgeo" if distribution == "GDAL" else distribution)
        found = getattr(module, "__version__", None)
        return str(found) if found else None
    except Exception:
        return None


def constraints() -> list[str]:
    """``name==version`` for QGIS' own packages that are present (numpy, GDAL)."""
    pins = []
    for name in PROTECTED:
        found = installed_version(name)
        if found:
            pins.append(f"{name}=={found}")
    return pins


def write_constraints(directory: Optional[Path] = None) -> Optional[Path]:
    """Write the constraint file pip needs; None when it cannot be written."""
    directory = directory or Path(tempfile.gettempdir())
    try:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / CONSTRAINTS_NAME
        path.write_text("".join(f"{pin}\n" for pin in constraints()), encoding="utf-8")
    except OSError:
        return None
    return path


def tr(text: str) -> str:
    """Translate like ``compat.tr`` (not imported: this module must load without QGIS)."""
    try:
        from qgis.PyQt.QtCore import QCoreApplication
    except ImportError:  # pragma: no cover - unit tests without Qt
        return text
    return QCoreApplication.translate("@default", text)


def install_command(constraint_file: Optional[Path]) -> str:
    """The pip command that installs pydantic without replacing numpy or GDAL."""
    command = f'"{python_command()}" -m pip install --user "{PYDANTIC_REQUIREMENT}"'
    if constraint_file is not None:
        command += f' --constraint "{constraint_file}"'
    return command


def install_hint(missing: list[Missing], constraint_file: Optional[Path]) -> str:
    """One paragraph: what is missing, and the two ways to install it."""
    what = "; ".join(str(m) for m in missing)
    pins = ", ".join(constraints()) or tr("none found")
    return tr(
        "Capella Console cannot start, a Python package is missing or too old: {what}. "
        "Install the qpip plugin (Plugins › Manage and Install Plugins) and restart QGIS, "
        "or run: {command} and restart QGIS. "
        "The constraint keeps the packages QGIS uses unchanged ({pins})."
    ).format(what=what, command=install_command(constraint_file), pins=pins)


class MissingDependenciesPlugin:
    """Stand-in plugin: shows one message-bar explanation and nothing else."""

    def __init__(self, iface: Any, missing: list[Missing]) -> None:
        self.iface = iface
        self.missing = missing
        self.message = ""
        self._item: Any = None

    def initGui(self) -> None:
        """Push the explanation to the message bar (and the log, which keeps it)."""
        self.message = install_hint(self.missing, write_constraints(_settings_dir()))
        try:
            from qgis.core import Qgis, QgsMessageLog

            QgsMessageLog.logMessage(self.message, "Capella", Qgis.MessageLevel.Critical)
            if self.iface is None:
                return
            bar = self.iface.messageBar()
            self._item = bar.createMessage(tr("Capella Console"), self.message)
            bar.pushWidget(self._item, Qgis.MessageLevel.Critical, 0)
        except Exception:  # never let the explanation itself raise into QGIS
            self._item = None

    def initProcessing(self) -> None:
        """Nothing to register without the dependencies."""

    def unload(self) -> None:
        """Remove the message if it is still shown."""
        item, self._item = self._item, None
        if item is None or self.iface is None:
            return
        try:
            self.iface.messageBar().popWidget(item)
        except Exception:  # already closed by the user (deleted C++ object)
            return


def _settings_dir() -> Optional[Path]:
    try:
        from qgis.core import QgsApplication

        return Path(QgsApplication.qgisSettingsDirPath()) / "python"
    except Exception:
        return None
