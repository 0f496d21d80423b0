"""The wheel ships the compiled core, the built-in packs and the JSON Schema beside the code."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_contains_rule_packs_and_schema(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q",
                    "-w", str(tmp_path)], check=True, capture_output=True)
    [wheel] = tmp_path.glob("cleaner-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    packs = {f"cleaner/rules/{path.name}" for path in (ROOT / "rules").glob("*.yaml")}
    assert packs and packs <= names
    assert "cleaner/rules.schema.json" in names
    assert "cleaner/py.typed" in names
    assert "cleaner/_core.pyi" in names
    assert any(name.startswith("cleaner/_core.") and name.endswith((".so", ".pyd"))
               for name in names)
    assert not any(name.startswith("rules/") for name in names)  # only as cleaner/rules
