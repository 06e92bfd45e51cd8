# SPDX-License-Identifier: Apache-2.0
"""licensecheck: licence compatibility for commons, verdicts derived from licence clauses."""

from __future__ import annotations

__version__ = "0.1.0"
