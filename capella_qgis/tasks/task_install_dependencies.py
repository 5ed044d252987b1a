"""Run pip with QGIS' own Python in a QgsTask, streaming its output line by line."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import Callable, Optional

from qgis.core import QgsTask
from qgis.PyQt.QtCore import QProcess, QProcessEnvironment, pyqtSignal

from capella_qgis.toolbelt.compat import tr
from capella_qgis.toolbelt.dependencies import (
    PIP_PROBE,
    VERSION_PROBE,
    Missing,
    PipOptions,
    command_line,
    pip_runs,
)

# This task runs without pydantic and httpx (it is what installs them): it must not import
# capella_qgis.core or tasks.task_base, which pull both in.
PROBE_TIMEOUT = 60.0
POLL_SECONDS = 0.2
# pip's progress phases, for a progress bar that moves while pip talks.
PHASES = (("Collecting", 20.0), ("Downloading", 45.0), ("Installing collected", 80.0))


class InstallDependenciesTask(QgsTask):
    """Find QGIS' interpreter and its pip, then run the pip commands one after the other."""

    outputLine = pyqtSignal(str)

    def __init__(
        self,
        missing: list[Missing],
        options: PipOptions,
        candidates: list[str],
        wheels: list[str],
    ) -> None:
        super().__init__(
            tr("Installing Python packages for Capella Console"), QgsTask.Flag.CanCancel
        )
        self.missing = missing
        self.options = options
        self.candidates = candidates
        self.wheels = wheels
        self.python: Optional[str] = None
        self.error = ""
        self.output: list[str] = []

    # --- worker thread ---------------------------------------------------------------------

    def run(self) -> bool:
        try:
            self.setProgress(2.0)
            self.python = self._find_python()
            pip = self._find_pip(self.python)
            self.options.target.mkdir(parents=True, exist_ok=True)
            runs = pip_runs(pip, self.missing, self.options)
            for index, args in enumerate(runs):
                self._emit("$ " + command_line(args))
                code = self._run(args, index, len(runs))
                if self.isCanceled():
                    self.error = tr("Cancelled: nothing more was installed.")
                    return False
                if code != 0:
                    self.error = tr(
                        "pip stopped with exit code {code}; its output is under Details."
                    ).format(code=code)
                    return False
            self.setProgress(100.0)
            return True
        except Exception as exc:  # run() must never raise into the task manager
            self.error = str(exc) or type(exc).__name__
            self._emit(traceback.format_exc().rstrip())
            return False

    def _find_python(self) -> str:
        wanted = f"{sys.version_info[0]}.{sys.version_info[1]}"
        tried = []
        for candidate in self.candidates:
            code, out = self._probe([candidate, "-c", VERSION_PROBE])
            tried.append(f"{candidate} ({out.strip() or code})")
            if code == 0 and out.strip() == wanted:
                self._emit(tr("QGIS' Python: {path}").format(path=candidate))
                return candidate
        raise RuntimeError(
            tr(
                "QGIS' own Python {version} was not found (tried: {tried}). Install the "
                "packages with that Python's pip into {target}."
            ).format(version=wanted, tried="; ".join(tried) or "-", target=self.options.target)
        )

    def _find_pip(self, python: str) -> list[str]:
        code, out = self._probe([python, "-c", PIP_PROBE])
        if code == 0:
            self._emit(tr("pip {version}").format(version=out.strip()))
            return [python, "-m", "pip"]
        for wheel in self.wheels:
            # A wheel is a zip with pip's __main__ inside: Python runs it directly.
            entry = str(Path(wheel) / "pip")
            code, out = self._probe([python, entry, "--version"])
            if code == 0:
                self._emit(tr("pip from {wheel}").format(wheel=wheel))
                return [python, entry]
        raise RuntimeError(
            tr(
                "QGIS' Python ({python}) has no pip. Install pip for it (on Debian and Ubuntu: "
                "the python3-pip package), then click Install again."
            ).format(python=python)
        )

    def _probe(self, args: list[str]) -> tuple[int, str]:
        lines: list[str] = []
        code = self._execute(args, lines.append, PROBE_TIMEOUT)
        return code, "\n".join(lines)

    def _run(self, args: list[str], index: int, count: int) -> int:
        base, span = 5.0 + 90.0 * index / count, 90.0 / count

        def on_line(line: str) -> None:
            self._emit(line)
            for marker, percent in PHASES:
                if line.lstrip().startswith(marker):
                    self.setProgress(max(self.progress(), base + span * percent / 100.0))

        return self._execute(args, on_line, None)

    def _execute(
        self, args: list[str], on_line: Callable[[str], None], timeout: Optional[float]
    ) -> int:
        """Run ``args`` and hand over each output line; -1 when it cannot start or is stopped.

        QProcess's waiting calls work without an event loop, so this runs in the task's
        thread and checks for Cancel between short waits.
        """
        process = QProcess()
        process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        environment = QProcessEnvironment.systemEnvironment()
        # pip's messages reach us through a pipe: make them UTF-8 on every platform.
        environment.insert("PYTHONIOENCODING", "utf-8")
        environment.insert("PIP_NO_WARN_SCRIPT_LOCATION", "1")
        # --target never touches the system's packages: pip's root warning does not apply.
        environment.insert("PIP_ROOT_USER_ACTION", "ignore")
        process.setProcessEnvironment(environment)
        process.start(args[0], args[1:])
        if not process.waitForStarted(int(PROBE_TIMEOUT * 1000)):
            on_line(process.errorString())
            return -1
        pending = b""
        waited = 0.0
        while True:
            if self.isCanceled() or (timeout is not None and waited > timeout):
                process.kill()
                process.waitForFinished(5000)
                return -1
            process.waitForReadyRead(int(POLL_SECONDS * 1000))
            waited += POLL_SECONDS
            pending += bytes(process.readAllStandardOutput())
            *complete, pending = pending.split(b"\n")
            for raw in complete:
                on_line(raw.decode("utf-8", "replace").rstrip("\r"))
            if process.state() == QProcess.ProcessState.NotRunning:
                break
        pending += bytes(process.readAllStandardOutput())
        for raw in pending.split(b"\n"):
            if raw.strip():
                on_line(raw.decode("utf-8", "replace").rstrip("\r"))
        if process.exitStatus() != QProcess.ExitStatus.NormalExit:
            return -1
        return int(process.exitCode())

    def _emit(self, line: str) -> None:
        self.output.append(line)
        self.outputLine.emit(line)
