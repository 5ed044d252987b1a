"""Run the Console emulator in a child process for benchmarks (the real Console is remote).

An in-process emulator serves every request from threads of the benchmarked interpreter:
its work competes with QGIS's main thread for the GIL and its buffers count in our RSS.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Optional

import httpx

ROOT = Path(__file__).resolve().parent.parent
READY = "Console emulator listening on "


class EmulatorProcess:
    """``with EmulatorProcess(["--items", "12000"]) as emu: emu.url``.

    ``module`` is run with ``python -m``; it must print ``READY + url`` (optionally followed
    by `` {json}``) on one stdout line once it serves. Hooks are reached over HTTP.
    """

    def __init__(self, args: list[str], module: str = "tests.console_emulator") -> None:
        self.args = [sys.executable, "-m", module, "--port", "0", *args]
        self.proc: Optional[subprocess.Popen] = None
        self.url = ""
        self.info: dict[str, Any] = {}
        self._hooks: Optional[httpx.Client] = None

    def start(self) -> EmulatorProcess:
        env = dict(
            os.environ,
            PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        )
        self.proc = subprocess.Popen(
            self.args, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
        )
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.startswith(READY):
                url, _, extra = line[len(READY) :].strip().partition(" ")
                self.url = url
                self.info = json.loads(extra) if extra else {}
                break
        else:
            code = self.proc.wait()
            raise RuntimeError(f"emulator process exited ({code}) before it served")
        self.proc.stdout.close()  # nothing more is printed; never let a full pipe block it
        self._hooks = httpx.Client(base_url=self.url, timeout=60)
        return self

    def stop(self) -> None:
        if self._hooks is not None:
            self._hooks.close()
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self) -> EmulatorProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- hooks ---------------------------------------------------------------------------
    def hook(self, method: str, path: str, body: Any = None) -> Any:
        assert self._hooks is not None
        response = self._hooks.request(method, f"/_emulator/{path}", json=body)
        response.raise_for_status()
        return response.json()

    def requests(self, path: Optional[str] = None) -> list[dict]:
        return self.hook("GET", "requests" + (f"?path={path}" if path else ""))

    def clear_requests(self) -> None:
        self.hook("DELETE", "requests")

    def add_fault(self, kind: str, pattern: str, **params: Any) -> None:
        self.hook("POST", "faults", {"kind": kind, "pattern": pattern, **params})

    def clear_faults(self) -> None:
        self.hook("DELETE", "faults")
