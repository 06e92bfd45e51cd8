# SPDX-License-Identifier: Apache-2.0
"""Federations (docs/spec/federation.md): who among the platforms may reuse, run and combine which commons.

`read_registry` reads a registry into frozen records, `Matrix` asks the questions of spec §2 (each
distinct question once, through the same checker as `licensecheck check`), `recommend` ranks the
library's licences for the federation (spec §4). The formatters are in `licensecheck.federation.render`.
"""

from __future__ import annotations

from licensecheck.federation.matrix import Matrix, Selection
from licensecheck.federation.recommend import Recommendation, recommend
from licensecheck.federation.registry import Registry, default_uses, read_registry

__all__ = ["Matrix", "Recommendation", "Registry", "Selection", "default_uses", "read_registry", "recommend"]
