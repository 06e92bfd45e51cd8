# SPDX-License-Identifier: Apache-2.0
"""What a scan finds, as frozen data: declarations, components, problems, findings, the report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from licensecheck.check.engine import Result
from licensecheck.check.verdict import Verdict
from licensecheck.question import Licensee


@dataclass(frozen=True, slots=True)
class Location:
    """Where licence information was written: a path relative to the scanned root, and a line."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


class Source(str, Enum):  # noqa: UP042 - str values compare and print as text, like Verdict
    """How a declaration was found."""

    TAG = "tag"  # SPDX-License-Identifier in the file itself
    SIDECAR = "sidecar"  # a `.license` file next to it
    REUSE_TOML = "reuse-toml"  # an annotation of a REUSE.toml
    LICENSE_FILE = "license-file"  # a licence text identified by its words
    MANIFEST = "manifest"  # a package manifest of the repository
    INSTALLED = "installed"  # metadata of an installed dependency
    SBOM = "sbom"  # an SPDX or CycloneDX document
    LOCKFILE = "lockfile"  # a lockfile entry (package-lock.json, composer.lock, ...)
    DEP5 = "dep5"  # a paragraph of debian/copyright or .reuse/dep5


@dataclass(frozen=True, slots=True)
class Declaration:
    """One licence expression as written, where it was written and how it was found."""

    expression: str
    location: Location
    source: Source


@dataclass(frozen=True, slots=True)
class FileLicensing:
    """Licence information that applies to one file of the tree (after REUSE precedence)."""

    path: str
    declarations: tuple[Declaration, ...]
    copyright: tuple[str, ...] = ()

    @property
    def expressions(self) -> tuple[str, ...]:
        """The expressions as written, without repeats, in order."""
        return tuple(dict.fromkeys(d.expression for d in self.declarations))


class Kind(str, Enum):  # noqa: UP042 - as Source
    """What a component is."""

    PROJECT = "project"  # the scanned project itself (its own declared licence)
    FILES = "files"  # files of the tree that share a licence and a use
    LICENSE_FILE = "license-file"  # a licence text found in the tree
    PACKAGE = "package"  # a dependency or sub-package (manifest, installed metadata, SBOM)
    EXCEPTION = "exception"  # an accepted exception of the configuration that has expired


@dataclass(frozen=True, slots=True)
class Component:
    """Something whose licence is checked against the project: one finding each."""

    kind: Kind
    name: str
    expression: str | None  # SPDX expression to check; None when no licence could be found
    use: str
    declarations: tuple[Declaration, ...] = ()
    version: str | None = None
    ecosystem: str | None = None
    note: str | None = None  # e.g. "unidentified licence text; closest match MIT (score 0.62)"
    paths: tuple[str, ...] = ()  # files a FILES component covers
    modified: bool | None = None  # whether the material is modified (None: not stated)
    lockfile_only: bool = False  # known from a lockfile only, which does not say its licence
    overridden: str | None = None  # the configuration's reason for replacing the declared licence

    @property
    def label(self) -> str:
        """The component as people name it."""
        if self.kind is Kind.PACKAGE and self.version:
            return f"{self.name} {self.version}"
        return self.name


class Severity(str, Enum):  # noqa: UP042 - as Source
    """How bad a problem met while scanning is."""

    ERROR = "error"  # the scan could not read something it should have: exit 4
    WARNING = "warning"  # read, but not as expected (invalid UTF-8, truncated head, a tag that is not valid)
    SKIPPED = "skipped"  # deliberately not read (binary file, link out of the root)


@dataclass(frozen=True, slots=True)
class Problem:
    """Bad input met while scanning: one line naming the file; the scan goes on."""

    path: str
    message: str
    severity: Severity
    line: int | None = None

    @property
    def where(self) -> str:
        """`path:line`, or the path alone."""
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        return f"{self.where}: {self.severity.value}: {self.message}"


@dataclass(frozen=True, slots=True)
class ProjectInfo:
    """Who the project is and what it declares."""

    name: str | None
    declared: tuple[Declaration, ...]  # licences the project itself declares (manifests, root licence file)
    dependencies: tuple[tuple[str, str, str], ...] = ()  # (ecosystem, normalised name, "runtime"|"dev")


@dataclass(frozen=True, slots=True)
class Inventory:
    """Everything a scan found before any checking."""

    root: str
    project: ProjectInfo
    files: tuple[FileLicensing, ...]
    components: tuple[Component, ...]
    problems: tuple[Problem, ...]
    files_scanned: int = 0


@dataclass(frozen=True, slots=True)
class AcceptedException:
    """A finding the project accepts, with why and until when."""

    component: str
    reason: str
    expires: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """A component with its verdict against the project, the question asked and the answer's reasons."""

    component: Component
    result: Result
    outbound: str | None
    accepted: AcceptedException | None = None

    @property
    def verdict(self) -> Verdict:
        """The checker's verdict (an accepted exception does not change it, only the exit code)."""
        return self.result.verdict


@dataclass(frozen=True, slots=True)
class ScanReport:
    """The result of `licensecheck scan`: findings, the files with licence information, problems."""

    root: str
    outbound: str | None
    outbound_source: str | None
    licensee: Licensee
    policy: str | None
    findings: tuple[Finding, ...]
    files: tuple[FileLicensing, ...]
    problems: tuple[Problem, ...]
    config_path: str | None = None
    files_scanned: int = 0
    today: dt.date = field(default_factory=dt.date.today)

    def gating(self) -> tuple[Finding, ...]:
        """Findings that count for the exit code (not covered by an accepted exception)."""
        return tuple(f for f in self.findings if f.accepted is None)

    @property
    def input_errors(self) -> tuple[Problem, ...]:
        """Problems that made the scan incomplete."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)
