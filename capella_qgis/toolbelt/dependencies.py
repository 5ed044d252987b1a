"""Compiled packages the plugin needs, where they are installed, and the pip run adding them."""

from __future__ import annotations

import glob
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import re
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Optional

VENDOR_PACKAGE = "capella_qgis._vendor"
# QGIS' own compiled packages: an install must never replace them (gdal_array is built
# against exactly this numpy).
PROTECTED = ("numpy", "GDAL")
CONSTRAINTS_NAME = "capella_qgis-constraints.txt"
# Where qpip installs too (one folder per Python version), so both plugins share packages.
DEPENDENCIES_DIR = ("python", "dependencies")


@dataclass(frozen=True)
class Requirement:
    """One package the plugin imports that it cannot vendor (it has compiled parts)."""

    distribution: str
    module: str
    minimum: tuple[int, ...]
    below: Optional[tuple[int, ...]] = None
    # Installed without its own dependencies: they are QGIS' (shapely needs numpy).
    no_deps: bool = False
    also_import: tuple[str, ...] = ()
    # Its wheel bundles a C library that QGIS links too, in another version (GEOS).
    bundles_qgis_library: bool = False

    @property
    def specifier(self) -> str:
        text = f">={_dotted(self.minimum)}"
        if self.below is not None:
            text += f",<{_dotted(self.below)}"
        return f"{self.distribution}{text}"


REQUIREMENTS = (
    Requirement("pydantic", "pydantic", (2, 5), (3,), also_import=("pydantic_core",)),
    Requirement("shapely", "shapely", (2, 0), no_deps=True, bundles_qgis_library=True),
)
HTTPX_MIN = (0, 26)  # `proxy=` keyword
# Distributions whose installed state a successful check is recorded against (numpy: shapely's
# compiled parts are built against it; QGIS upgrades it).
FINGERPRINT_DISTRIBUTIONS = ("pydantic", "pydantic-core", "shapely", "numpy", "httpx", "httpcore")
VERIFIED_NAME = "dependencies_verified.json"


@dataclass(frozen=True)
class Missing:
    """One unmet dependency: what is needed and what was found instead."""

    requirement: Requirement
    found: str

    def __str__(self) -> str:
        return f"{self.requirement.specifier} ({self.found})"


def _dotted(parts: tuple[int, ...]) -> str:
    return ".".join(str(p) for p in parts)


def version_tuple(version: str) -> tuple[int, ...]:
    """Leading numeric parts of a version string: ``"2.14.3"`` -> ``(2, 14, 3)``."""
    parts: list[int] = []
    for piece in str(version).split("."):
        match = re.match(r"\d+", piece)
        if match is None:
            break
        parts.append(int(match.group()))
    return tuple(parts)


def installed_version(distribution: str) -> Optional[str]:
    """Version of a distribution as found on ``sys.path``, without importing it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return None
    except Exception:  # a broken METADATA file must not stop the plugin from explaining
        return None


def check(requirement: Requirement) -> Optional[Missing]:
    """None when ``requirement`` is met; the version is read first so a too old package is
    never imported (an imported pydantic v1 could not be replaced without a restart)."""
    found = installed_version(requirement.distribution)
    # Some OS builds ship no metadata; the import then decides.
    unknown = found is None and requirement.module not in sys.modules
    if unknown and importlib.util.find_spec(requirement.module) is None:
        return Missing(requirement, "not installed")
    if found is not None:
        parsed = version_tuple(found)
        too_new = requirement.below is not None and parsed >= requirement.below
        if parsed < requirement.minimum or too_new:
            return Missing(requirement, f"version {found} found")
    for name in (requirement.module, *requirement.also_import):
        try:
            if requirement.bundles_qgis_library:
                with own_symbols_first():
                    importlib.import_module(name)
            else:
                importlib.import_module(name)
        except Exception as exc:  # ImportError, or a compiled part built for another Python
            # Installed (it has metadata) but not importable: say why, not "not installed".
            return Missing(requirement, _describe_failure(exc, installed=found is not None))
    return None


@contextmanager
def own_symbols_first() -> Iterator[None]:
    """Load the extension modules imported meanwhile with their own libraries first (Linux).

    A shapely wheel from PyPI bundles GEOS 3.13; qgis and qgis_process link the system's
    GEOS (3.11 on Debian 12) into the global symbol scope. Without RTLD_DEEPBIND the bundled
    libgeos_c binds to the system's C++ GEOS: wrong coordinates in QGIS (a NaN Z on every
    vertex) and a segfault in qgis_process. A shapely built against the system GEOS (Debian's
    python3-shapely, OSGeo4W) finds that same library either way.
    """
    deepbind = getattr(os, "RTLD_DEEPBIND", None)
    if deepbind is None or not hasattr(sys, "setdlopenflags"):
        yield  # Windows and macOS resolve symbols per library already
        return
    with suppress(ImportError):
        import numpy  # noqa: F401  QGIS' numpy, loaded the ordinary way before the flag is set
    flags = sys.getdlopenflags()
    sys.setdlopenflags(os.RTLD_NOW | deepbind)
    try:
        yield
    finally:
        sys.setdlopenflags(flags)


def _describe_failure(exc: BaseException, installed: bool = False) -> str:
    if isinstance(exc, ModuleNotFoundError) and not installed:
        return "not installed"
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return f"cannot be imported ({text[:160]})"


def _vendored() -> bool:
    try:
        return importlib.util.find_spec(VENDOR_PACKAGE) is not None
    except (ImportError, ValueError):
        return False


def check_httpx() -> Optional[str]:
    """A problem with httpx (vendored in the packaged plugin, installed in a checkout), or None."""
    name = f"{VENDOR_PACKAGE}.httpx" if _vendored() else "httpx"
    try:
        httpx = importlib.import_module(name)
    except Exception as exc:
        return f"httpx {_dotted(HTTPX_MIN)} or newer: {_describe_failure(exc)}"
    version = str(getattr(httpx, "__version__", "0"))
    if version_tuple(version) < HTTPX_MIN:
        return f"httpx {_dotted(HTTPX_MIN)} or newer: version {version} found"
    return None


def missing_dependencies() -> list[Missing]:
    """Unmet installable dependencies; empty when the plugin can load."""
    return [m for m in (check(r) for r in REQUIREMENTS) if m is not None]


# --- the check at QGIS start -----------------------------------------------------------------


def startup_check() -> tuple[list[Missing], Optional[str]]:
    """``(missing_dependencies(), check_httpx())``, importing them only when not yet proven.

    Proving them means importing pydantic, shapely (with numpy) and httpx: about 150 ms and
    20 MB on every QGIS start, for packages most sessions use late or never (#20). So a check
    that passed is recorded with a fingerprint of what it verified (the Python, versions, the
    files' paths, sizes and times); while the fingerprint is unchanged the imports are left to
    first use. Any change (an upgrade, a reinstall, another Python, ``activate()`` finding
    another folder) runs the full check again, so a broken install still gets the stand-in.
    """
    guard_first_imports()
    record = verified_record()
    fingerprint = dependency_fingerprint()
    if record is not None and fingerprint is not None and _read_record(record) == fingerprint:
        return [], None
    missing = missing_dependencies()
    broken = check_httpx()
    if not missing and broken is None and record is not None and fingerprint is not None:
        _write_record(record, fingerprint)
    return missing, broken


def verified_record(profile: Optional[Path] = None) -> Optional[Path]:
    """``<profile>/capella_qgis/dependencies_verified.json``, or None outside QGIS."""
    profile = profile if profile is not None else settings_dir()
    return None if profile is None else profile / "capella_qgis" / VERIFIED_NAME


def _module_state(name: str) -> Optional[list[Any]]:
    """Where ``name`` would be imported from, with its files' sizes and times (no import)."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    state: list[Any] = [name, spec.origin]
    # The package folder changes when a file in it is added, removed or replaced.
    for path in (spec.origin, *(spec.submodule_search_locations or ())):
        try:
            stat = os.stat(path)
        except OSError:
            return None
        state += [stat.st_size, stat.st_mtime_ns]
    return state


def dependency_fingerprint() -> Optional[str]:
    """What a passed check depends on, as text; None when something cannot be located."""
    httpx_name = f"{VENDOR_PACKAGE}.httpx" if _vendored() else "httpx"
    modules = [r.module for r in REQUIREMENTS]
    modules += [name for r in REQUIREMENTS for name in r.also_import]
    states = [_module_state(name) for name in (*modules, "numpy", httpx_name)]
    if any(state is None for state in states):
        return None  # e.g. not installed: the full check says what is missing
    versions = [installed_version(name) for name in FINGERPRINT_DISTRIBUTIONS]
    from capella_qgis.version import __version__

    return json.dumps([sys.version, sys.platform, __version__, versions, states])


def _read_record(path: Path) -> Optional[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    fingerprint = data.get("fingerprint") if isinstance(data, dict) else None
    return fingerprint if isinstance(fingerprint, str) else None


def _write_record(path: Path, fingerprint: str) -> None:
    # Best effort: without the record the next start checks fully again, nothing worse.
    with suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"fingerprint": fingerprint}), encoding="utf-8")


class _OwnSymbolsLoader(importlib.abc.Loader):
    """Runs another loader inside :func:`own_symbols_first` (dlopen happens in create_module
    for an extension module, in exec_module for what a package imports)."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> Optional[ModuleType]:
        with own_symbols_first():
            module: Optional[ModuleType] = self.loader.create_module(spec)
            return module

    def exec_module(self, module: ModuleType) -> None:
        with own_symbols_first():
            self.loader.exec_module(module)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loader, name)  # get_resource_reader, is_package, …


class OwnSymbolsFinder(importlib.abc.MetaPathFinder):
    """Imports the packages that bundle a QGIS library (shapely) inside own_symbols_first.

    ``startup_check`` may skip importing shapely; whatever imports it first later (a search,
    an AOI check) must still load it as ``check`` does, or its GEOS binds to QGIS' one.
    """

    capella_guard = True  # found again after a plugin reload, which re-imports this module

    def __init__(self, packages: tuple[str, ...]) -> None:
        self.packages = packages

    def find_spec(
        self, fullname: str, path: Any = None, target: Optional[ModuleType] = None
    ) -> Optional[importlib.machinery.ModuleSpec]:
        if fullname.split(".")[0] not in self.packages:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        spec.loader = _OwnSymbolsLoader(spec.loader)
        return spec


def guard_first_imports() -> None:
    """Install :class:`OwnSymbolsFinder` once, first on ``sys.meta_path`` (Linux only)."""
    if getattr(os, "RTLD_DEEPBIND", None) is None or not hasattr(sys, "setdlopenflags"):
        return
    if any(getattr(finder, "capella_guard", False) for finder in sys.meta_path):
        return
    packages = tuple(r.module for r in REQUIREMENTS if r.bundles_qgis_library)
    sys.meta_path.insert(0, OwnSymbolsFinder(packages))


# --- where packages go ---------------------------------------------------------------------


def settings_dir() -> Optional[Path]:
    """The QGIS profile folder, or None outside QGIS."""
    try:
        from qgis.core import QgsApplication
    except ImportError:
        return None
    path = QgsApplication.qgisSettingsDirPath()
    return Path(path) if path else None


def target_dir(profile: Optional[Path] = None) -> Optional[Path]:
    """``<profile>/python/dependencies/<major.minor>``: the folder pip installs into."""
    profile = profile if profile is not None else settings_dir()
    if profile is None:
        return None
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    return profile.joinpath(*DEPENDENCIES_DIR, version)


def activate(target: Optional[Path]) -> bool:
    """Put ``target`` first on ``sys.path`` (once) so packages installed there win over older
    copies elsewhere (a Debian pydantic v1, say); True when the path was added now."""
    if target is None or not target.is_dir():
        return False
    text = str(target)
    if text in sys.path:
        return False
    sys.path.insert(0, text)
    importlib.invalidate_caches()
    sys.path_importer_cache.clear()
    return True


# --- the pip command -----------------------------------------------------------------------


def interpreter_candidates() -> list[str]:
    """Executables that may be the Python QGIS embeds, most likely first.

    ``sys.executable`` is the QGIS binary on Windows (``qgis-bin.exe``) and macOS
    (``QGIS.app/Contents/MacOS/QGIS``); the interpreter then lives under ``sys.exec_prefix``
    (OSGeo4W: ``apps/Python3x/python.exe``) or next to the binary (``MacOS/bin/python3``).
    Each candidate is run once to confirm its version before it is used.
    """
    major, minor = sys.version_info[0], sys.version_info[1]
    exe = Path(sys.executable) if sys.executable else None
    found: list[str] = []
    if exe is not None and exe.name.lower().startswith("python"):
        found.append(str(exe))
    prefixes = [Path(sys.exec_prefix), Path(sys.base_exec_prefix)]
    if exe is not None:
        prefixes.append(exe.parent)
    for prefix in prefixes:
        if os.name == "nt":
            names = [prefix / "python.exe", prefix / "python3.exe"]
        else:
            names = [
                prefix / "bin" / f"python{major}.{minor}",
                prefix / "bin" / f"python{major}",
                prefix / f"python{major}.{minor}",
                prefix / f"python{major}",
            ]
        found.extend(str(p) for p in names if p.is_file())
    for name in (f"python{major}.{minor}", f"python{major}", "python"):
        located = shutil.which(name)
        if located:
            found.append(located)
    unique: list[str] = []
    for candidate in found:
        if candidate not in unique:
            unique.append(candidate)
    return unique


VERSION_PROBE = "import sys; print('%d.%d' % sys.version_info[:2])"
PIP_PROBE = "import pip; print(pip.__version__)"


def pip_wheels() -> list[str]:
    """pip wheels bundled with this Python (ensurepip, Debian's python3-pip-whl): pip runs
    straight from a wheel when the interpreter has no pip module."""
    folders = []
    spec = importlib.util.find_spec("ensurepip")
    if spec is not None and spec.origin:
        folders.append(Path(spec.origin).parent / "_bundled")
    folders.append(Path("/usr/share/python-wheels"))
    wheels: list[str] = []
    for folder in folders:
        wheels.extend(sorted(glob.glob(str(folder / "pip-*.whl")), reverse=True))
    return wheels


def protected_pins() -> list[str]:
    """``name==version`` of QGIS' own packages that are present (numpy, GDAL)."""
    pins = []
    for name in PROTECTED:
        found = installed_version(name)
        if found is None and name == "GDAL":
            found = _module_version("osgeo")
        if found is None and name == "numpy":
            found = _module_version("numpy")
        if found:
            pins.append(f"{name}=={found}")
    return pins


def _module_version(name: str) -> Optional[str]:
    module = sys.modules.get(name)
    version = getattr(module, "__version__", None)
    return str(version) if version else None


@dataclass
class PipOptions:
    """What the pip runs need besides the packages: folder, constraints and network route."""

    target: Path
    constraints: Optional[Path] = None
    proxy: Optional[str] = None
    cert: Optional[Path] = None


def pip_runs(pip: list[str], missing: list[Missing], options: PipOptions) -> list[list[str]]:
    """One pip command per dependency group: with dependencies, then ``--no-deps`` ones.

    ``pip`` is the command that starts pip (``[python, "-m", "pip"]`` or a wheel path);
    ``--target`` never touches QGIS' own site-packages, and is allowed where the system
    Python refuses other installs (PEP 668, Debian 12, Ubuntu 24.04).
    """
    common = [
        "install",
        "--disable-pip-version-check",
        "--no-input",
        "--progress-bar",
        "off",
        "--upgrade",
        "--only-binary=:all:",
        "--target",
        str(options.target),
    ]
    if options.constraints is not None:
        common += ["--constraint", str(options.constraints)]
    if options.proxy:
        common += ["--proxy", options.proxy]
    if options.cert is not None:
        common += ["--cert", str(options.cert)]
    runs = []
    for no_deps in (False, True):
        group = [m.requirement.specifier for m in missing if m.requirement.no_deps == no_deps]
        if group:
            runs.append([*pip, *common, *(["--no-deps"] if no_deps else []), *group])
    return runs


def write_constraints(directory: Path) -> Optional[Path]:
    """Write the pins pip must respect; None when the folder is not writable."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / CONSTRAINTS_NAME
        path.write_text("".join(f"{pin}\n" for pin in protected_pins()), encoding="utf-8")
    except OSError:
        return None
    return path


def command_line(args: list[str]) -> str:
    """A command as a person would type it (quoted where needed), for the Details view."""
    quoted = []
    for arg in args:
        if not arg or re.search(r"[\s\"'<>|&;()]", arg):
            quoted.append('"' + arg.replace('"', '\\"') + '"')
        else:
            quoted.append(arg)
    return " ".join(quoted)


def summary(missing: list[Missing]) -> str:
    """Plain text naming every unmet dependency (for the message bar and the log)."""
    return ", ".join(str(m) for m in missing)
