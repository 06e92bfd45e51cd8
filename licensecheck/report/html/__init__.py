# SPDX-License-Identifier: Apache-2.0
"""The shared HTML report layer (docs/report-layer.md): jinja2 templates kept in the package, one
stylesheet and one small script, inlined into one self-contained file that works from `file://`.

    from licensecheck.report.html import render_report
    html = render_report("federation.j2", {"title": ..., ...})

Templates extend `base.j2` and import `macros.j2` (badge, legend, reason, reasons_panel, result_panel,
details, filters, filter_select, matrix). Every template sees `lc_verdicts` (the verdicts, worst first),
`lc_symbols` (verdict value -> symbol), `lc_style`, `lc_script` and `lc_version`.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any

from licensecheck.check.verdict import SYMBOL, WORST_FIRST

PACKAGE = "licensecheck.report.html"
STYLE = "report.css"
SCRIPT = "report.js"


def _read(name: str) -> str:
    return resources.files(PACKAGE).joinpath(name).read_text(encoding="utf-8")


def groupby_consecutive(items: Iterable[Mapping[str, Any]], key: str) -> list[tuple[Any, list[Mapping[str, Any]]]]:
    """Runs of items with the same `key` (the template filter `groupby_consecutive`), order kept."""
    return [(value, list(run)) for value, run in itertools.groupby(items, key=lambda item: item.get(key))]


def with_positions(columns: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Columns with `col`: their `index` when given, else their position (the cells' `data-col`)."""
    return [{**column, "col": column.get("index", position)} for position, column in enumerate(columns)]


def code_ticks(text: Any) -> Any:
    """Text with its `backticked` words as <code> (escaped; the template filter `code_ticks`)."""
    import re

    from markupsafe import Markup, escape

    return Markup(re.sub(r"`([^`\n]+)`", r"<code>\1</code>", str(escape(text))))


def script_json(value: Any) -> str:
    """JSON to embed in `<script type="application/json">`: compact, with `<`, `>` and `&` escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@cache
def environment() -> Any:
    """The jinja2 environment of the reports (templates from the package, autoescaped HTML)."""
    import jinja2

    from licensecheck import __version__

    env = jinja2.Environment(
        loader=jinja2.PackageLoader(PACKAGE, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["groupby_consecutive"] = groupby_consecutive
    env.filters["script_json"] = script_json
    env.filters["code_ticks"] = code_ticks
    env.filters["with_positions"] = with_positions
    env.globals.update(
        lc_verdicts=list(WORST_FIRST),
        lc_symbols={verdict.value: SYMBOL[verdict] for verdict in WORST_FIRST},
        lc_style=_read(STYLE),
        lc_script=_read(SCRIPT),
        lc_version=__version__,
    )
    return env


def render_report(template: str, context: Mapping[str, Any]) -> str:
    """Render a report template of the package with its context: one self-contained HTML document."""
    rendered: str = environment().get_template(template).render(**context)
    return rendered


__all__ = ["code_ticks", "environment", "groupby_consecutive", "render_report", "script_json", "with_positions"]
