"""environment.yml (for conda users) and pyproject.toml (for pip) must list the same packages and pins."""
from __future__ import annotations

import re
import tomllib

import yaml

from claimcritique import paths

IGNORED = {"python", "pip", "-e ."}
CONDA_NAMES = {"python-duckdb": "duckdb"}  # conda-forge's name -> PyPI's


def normalise(requirement: str) -> str:
    requirement = requirement.strip().replace(" ", "")
    name, spec = re.match(r"([A-Za-z0-9_.\-]+)(.*)", requirement).groups()
    name = CONDA_NAMES.get(name, name)
    spec = re.sub(r"^=(?!=)", "==", spec)  # conda's single "=" pin is pip's "=="
    return re.sub(r"[-_.]+", "-", name).lower() + spec


def test_environment_matches_pyproject():
    project = tomllib.loads((paths.PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    wanted = {normalise(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    env = yaml.safe_load((paths.PROJECT_ROOT / "environment.yml").read_text())
    listed = set()
    for dep in env["dependencies"]:
        items = dep["pip"] if isinstance(dep, dict) else [dep]
        listed |= {normalise(i) for i in items if i.split("=")[0].split(">")[0] not in IGNORED and i != "-e ."}
    assert listed == wanted
    assert "conda-forge" in env["channels"]
