# SPDX-License-Identifier: Apache-2.0
"""The JSON Schema of the registry (`licensecheck federation --schema`), shipped beside this module."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

SCHEMA_FILE = "registry.schema.json"


def schema_text() -> str:
    """The schema as shipped (JSON, draft 2020-12)."""
    return resources.files("licensecheck.federation").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


@cache
def registry_schema() -> dict[str, Any]:
    """The schema as a mapping."""
    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded
