"""Named saved searches in a JSON file of the QGIS profile, with JSON export/import."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional, Union

from qgis.core import QgsApplication

from capella_qgis.toolbelt.compat import tr

FORMAT = "capella-qgis-saved-searches"
VERSION = 1


class SavedSearchError(ValueError):
    """A saved-search file could not be read or a name is unusable (message is user-facing)."""


def default_store_path() -> Path:
    """``<profile>/capella_qgis/saved_searches.json``."""
    return Path(QgsApplication.qgisSettingsDirPath()) / "capella_qgis" / "saved_searches.json"


class SavedSearchStore:
    """Load/save/delete named searches; each search is a JSON-compatible dict (the dock state)."""

    def __init__(self, path: Optional[Union[str, Path]] = None) -> None:
        self.path = Path(path) if path else default_store_path()

    # --- storage ---------------------------------------------------------------------------

    def _read(self) -> dict[str, dict[str, Any]]:
        if not self.path.exists():
            return {}
        try:
            return _parse(self.path.read_text(encoding="utf-8"))
        except (OSError, SavedSearchError):
            return {}

    def _write(self, searches: dict[str, dict[str, Any]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(_dump(searches), encoding="utf-8")
        tmp.replace(self.path)

    # --- API -------------------------------------------------------------------------------

    def names(self) -> list[str]:
        return sorted(self._read(), key=str.casefold)

    def load(self, name: str) -> dict[str, Any]:
        searches = self._read()
        if name not in searches:
            raise SavedSearchError(tr("No saved search is called “{name}”.").format(name=name))
        return dict(searches[name]["state"])

    def save(self, name: str, state: dict[str, Any]) -> None:
        name = (name or "").strip()
        if not name:
            raise SavedSearchError(tr("Give the saved search a name."))
        searches = self._read()
        searches[name] = {
            "state": json.loads(json.dumps(state)),
            "saved": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }
        self._write(searches)

    def delete(self, name: str) -> bool:
        searches = self._read()
        if searches.pop(name, None) is None:
            return False
        self._write(searches)
        return True

    def export(self, path: Union[str, Path], names: Optional[list[str]] = None) -> int:
        searches = self._read()
        if names is not None:
            searches = {k: v for k, v in searches.items() if k in names}
        Path(path).write_text(_dump(searches), encoding="utf-8")
        return len(searches)

    def import_file(self, path: Union[str, Path], overwrite: bool = True) -> list[str]:
        """Merge searches from an exported file; return the imported names."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise SavedSearchError(
                tr("Cannot read {path}: {error}").format(path=path, error=exc.strerror)
            ) from exc
        incoming = _parse(text)
        searches = self._read()
        imported = []
        for name, entry in incoming.items():
            if name in searches and not overwrite:
                continue
            searches[name] = entry
            imported.append(name)
        self._write(searches)
        return imported


def _dump(searches: dict[str, dict[str, Any]]) -> str:
    payload = {"format": FORMAT, "version": VERSION, "searches": searches}
    return json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True)


def _parse(text: str) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SavedSearchError(
            tr("This is not a saved-search file (invalid JSON: {error}).").format(error=exc.msg)
        ) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SavedSearchError(tr("This is not a Capella saved-search file."))
    searches = data.get("searches")
    if not isinstance(searches, dict):
        raise SavedSearchError(tr("The saved-search file has no “searches” object."))
    out = {}
    for name, entry in searches.items():
        if isinstance(entry, dict) and isinstance(entry.get("state"), dict):
            out[str(name)] = entry
    return out
