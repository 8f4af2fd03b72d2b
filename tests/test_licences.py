"""Issue 17 (4): Mentor Bank is EUPL-1.2, and every dependency's licence is listed and compatible."""

import importlib.util
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def licences_module():
    spec = importlib.util.spec_from_file_location("licences", ROOT / "script" / "licences.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_dependency_list_is_current_and_every_licence_is_compatible():
    done = subprocess.run([str(ROOT / "script" / "licences"), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("MIT", "permissive"),
        ("Apache-2.0 OR BSD-3-Clause", "permissive"),
        ("BSD-3-Clause AND 0BSD AND MIT", "permissive"),
        ("GNU General Public License v3 or later (GPLv3+)", "EUPL appendix"),
        ("Mozilla Public License 2.0 (MPL 2.0)", "EUPL appendix"),
        ("MIT AND LGPL-3.0-only", "EUPL appendix"),
        ("SSPL-1.0", None),
        ("Other/Proprietary License", None),
        ("MIT AND Commons-Clause", None),
        ("UNKNOWN", None),
        ("CC-BY-NC-4.0 OR Proprietary", None),
    ],
)
def test_licences_are_judged_against_the_eupl(expression, expected):
    assert licences_module().verdict(expression) == expected


def test_the_project_states_its_licence():
    assert (ROOT / "LICENSE").read_text().startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    assert 'license = "EUPL-1.2"' in (ROOT / "pyproject.toml").read_text()
    assert "EUPL-1.2" in (ROOT / "README.md").read_text()
