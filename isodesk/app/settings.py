"""Per-user settings and recent files: one JSON file in the platformdirs config folder.

Written atomically (support/atomic.py), read leniently: a damaged settings file only means
defaults, never a refusal to start.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from isodesk.domain.errors import IsodeskError
from isodesk.support.atomic import atomic_write
from isodesk.support.paths import user_config_dir

MAX_RECENT = 10


@dataclass
class Settings:
    language: str = ""  # "" = follow the system locale
    recent_files: list[str] = field(default_factory=list)
    window_geometry: str = ""  # base64 of QMainWindow.saveGeometry()
    window_state: str = ""
    last_folder: str = ""
    # The consultancy on the reports: copied into every new project (the project keeps its
    # own copy, so a colleague's or the CLI's report of it looks the same)
    logo_path: str = ""
    consultancy: str = ""
    consultancy_contact: str = ""
    assessor: str = ""  # the user's name in change stamps and history (asked once)

    @staticmethod
    def path() -> Path:
        return user_config_dir() / "settings.json"

    @classmethod
    def load(cls) -> "Settings":
        try:
            data = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        try:
            return cls(**known)
        except TypeError:
            return cls()

    def save(self) -> None:
        path = self.path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_write(path) as tmp:
                tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1), encoding="utf-8")
        except (OSError, IsodeskError):
            pass  # settings are a convenience; failing to store them must not stop the work

    def add_recent(self, file: str | Path) -> None:
        name = str(Path(file).resolve())
        self.recent_files = [name] + [f for f in self.recent_files if f != name]
        del self.recent_files[MAX_RECENT:]

    def existing_recent(self) -> list[str]:
        return [f for f in self.recent_files if Path(f).exists()]
