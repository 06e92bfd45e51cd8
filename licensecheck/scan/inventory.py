# SPDX-License-Identifier: Apache-2.0
"""Collecting the inventory of a tree: tags, REUSE annotations, licence files, manifests, SBOMs.

Every file is read at most once, through its head; nothing is executed or written.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from licensecheck.scan import identify, reuse
from licensecheck.scan.config import Config
from licensecheck.scan.globs import compile_globs
from licensecheck.scan.manifests import (
    MANIFEST_BYTES,
    READERS,
    Manifest,
    ManifestError,
    normalise_name,
    read_metadata,
    read_package_json,
)
from licensecheck.scan.model import (
    Component,
    Declaration,
    FileLicensing,
    Inventory,
    Kind,
    Location,
    Problem,
    ProjectInfo,
    Severity,
    Source,
)
from licensecheck.scan.sbom import SBOM_BYTES, Sbom, ecosystem_of, is_sbom_name, read_sbom
from licensecheck.scan.tags import HEAD_BYTES, NO_TAGS, FileTags, extract_tags, is_binary
from licensecheck.scan.usage import Usage
from licensecheck.scan.walk import Entry, read_head, walk

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Options:
    """What to look for: `tags_only` reads SPDX tags and REUSE annotations and nothing else."""

    tags_only: bool = False
    head_bytes: int = HEAD_BYTES


@dataclass
class _State:
    root: str
    config: Config
    options: Options
    usage: Usage
    problems: list[Problem] = field(default_factory=list)
    files: list[FileLicensing] = field(default_factory=list)
    components: list[Component] = field(default_factory=list)
    declared: list[Declaration] = field(default_factory=list)
    identified: dict[str, identify.Match] = field(default_factory=dict)

    def problem(self, path: str, message: str, severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Problem(path, message, severity))


def _license_id_of(name: str) -> str:
    """The licence id a REUSE licence text is named by: `GPL-3.0-or-later.txt` -> GPL-3.0-or-later."""
    stem, dot, suffix = name.rpartition(".")
    return stem if dot and suffix.lower() in ("txt", "md", "rst", "html", "htm", "text") else name


_REUSE_IGNORED = re.compile(r"^(?:LICEN[CS]E|COPYING)(?:[-.].*)?$")  # case-sensitive, as in the REUSE tool


def _is_reuse_ignored(name: str) -> bool:
    return _REUSE_IGNORED.match(name) is not None


def collect(root: str, config: Config, options: Options | None = None, progress: Progress | None = None) -> Inventory:
    """Walk `root` (an absolute path) and read every kind of licence information it holds."""
    options = options or Options()
    state = _State(root, config, options, Usage(config))
    tree = walk(root, compile_globs(list(config.exclude)))
    state.problems.extend(tree.problems)
    sidecars: dict[str, Entry] = {}
    tomls: dict[str, reuse.ReuseToml] = {}
    to_tag: list[Entry] = []
    license_files: list[Entry] = []
    manifests: list[Entry] = []
    sboms: list[Entry] = []
    reuse_texts: list[Entry] = []
    for entry in tree.files:
        name = entry.path.rpartition("/")[2]
        if name.endswith(".license"):
            sidecars[entry.path[: -len(".license")]] = entry
        elif name == "REUSE.toml":
            _reuse_toml(state, entry, tomls)
        elif entry.path.startswith("LICENSES/") or "/LICENSES/" in entry.path:
            reuse_texts.append(entry)  # REUSE: licence texts named by their id; never read for tags
        elif identify.is_license_file(name):
            license_files.append(entry)
            if not _is_reuse_ignored(name):
                to_tag.append(entry)
        elif is_sbom_name(name):
            sboms.append(entry)
        else:
            if name in READERS:
                manifests.append(entry)
            to_tag.append(entry)
    _tags(state, to_tag, sidecars, tomls, progress)
    for entry in reuse_texts:
        stem = _license_id_of(entry.path.rpartition("/")[2])
        state.files.append(FileLicensing(entry.path, (Declaration(stem, Location(entry.path), Source.LICENSE_FILE),)))
    if not options.tags_only:
        _license_files(state, license_files)
        found = _manifests(state, manifests)
        project = _project(state, found)
        _installed(state, tree.venvs, tree.node_modules, project)
        for entry in sboms:
            _sbom(state, entry)
    else:
        project = ProjectInfo(None, ())
    state.files.sort(key=lambda f: f.path)
    return Inventory(root, project, tuple(state.files), tuple(state.components), tuple(state.problems),
                     files_scanned=len(tree.files))


# -- tags and REUSE --------------------------------------------------------------------------------

def _text(state: _State, entry: Entry, limit: int) -> str | None:
    try:
        data = read_head(entry.abspath, limit + 1)
    except OSError as exc:
        state.problem(entry.path, f"cannot read: {_why(exc)}")
        return None
    if len(data) > limit:
        state.problem(entry.path, f"larger than {limit // (1024 * 1024)} MiB; skipped")
        return None
    if is_binary(data):
        state.problem(entry.path, "binary content; skipped")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        state.problem(entry.path, f"not valid UTF-8 (byte {exc.start}); skipped")
        return None


def _why(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return (exc.strerror or exc.__class__.__name__).lower()


def _reuse_toml(state: _State, entry: Entry, tomls: dict[str, reuse.ReuseToml]) -> None:
    text = _text(state, entry, MANIFEST_BYTES)
    if text is None:
        return
    try:
        parsed = reuse.read_reuse_toml(entry.path, text)
    except ManifestError as exc:
        state.problem(entry.path, str(exc))
        return
    tomls[parsed.directory] = parsed


def _read_all(entries: list[Entry | None], limit: int) -> Iterator[bytes | OSError | None]:
    """The heads of the files, in order (None for a file not to read; the error for an unreadable one).

    One thread: a reading thread was tried and is 2-3x slower on the Linux tree (GIL hand-offs).
    """
    for entry in entries:
        if entry is None:
            yield None
            continue
        try:
            yield read_head(entry.abspath, limit)
        except OSError as exc:
            yield exc


def _read_tags(state: _State, entry: Entry, data: bytes | OSError) -> FileTags | None:
    if isinstance(data, OSError):
        state.problem(entry.path, f"cannot read: {_why(data)}")
        return None
    if is_binary(data):
        return NO_TAGS
    tags = extract_tags(data)
    if len(data) >= state.options.head_bytes:
        state.problem(entry.path, f"only the first {state.options.head_bytes // 1024} KiB searched for tags",
                      Severity.SKIPPED)
    if tags.invalid_utf8:
        state.problem(entry.path, "a line with a tag is not valid UTF-8; read with replacement characters", Severity.WARNING)
    return tags


def _tags(state: _State, entries: list[Entry], sidecars: dict[str, Entry], tomls: dict[str, reuse.ReuseToml],
          progress: Progress | None) -> None:
    total = len(entries)
    applied_all = [reuse.applicable(tomls, entry.path) for entry in entries] if tomls else None
    sources: list[Entry | None] = [
        None if applied_all is not None and applied_all[index].overridden else sidecars.get(entry.path, entry)
        for index, entry in enumerate(entries)]
    for index, (entry, data) in enumerate(zip(entries, _read_all(sources, state.options.head_bytes),
                                              strict=True)):
        if progress is not None and index % 500 == 0:
            progress(index, total)
        applied = applied_all[index] if applied_all is not None else reuse.NOTHING
        declarations: list[Declaration] = []
        copyrights: list[str] = []
        own_license = own_copyright = False
        if data is not None:
            sidecar = sidecars.get(entry.path)
            tags = _read_tags(state, sidecar if sidecar is not None else entry, data)
            if tags is None:
                continue
            where, source = (sidecar.path, Source.SIDECAR) if sidecar is not None else (entry.path, Source.TAG)
            declarations = [Declaration(t.value, Location(where, t.line), source) for t in tags.licenses]
            copyrights = [t.value for t in tags.copyrights]
            own_license, own_copyright = bool(tags.licenses), bool(tags.copyrights)
        if applied is not reuse.NOTHING:
            _apply_annotations(applied, declarations, copyrights, own_license, own_copyright)
        if declarations or copyrights:
            state.files.append(FileLicensing(entry.path, tuple(declarations), tuple(copyrights)))
    if progress is not None:
        progress(total, total)


def _apply_annotations(applied: reuse.Applied, declarations: list[Declaration], copyrights: list[str],
                       own_license: bool, own_copyright: bool) -> None:
    chosen = [*applied.override, *applied.aggregate]
    closest = list(reversed(applied.closest))
    nearest = next((item for item in closest if item[1].licenses), None)
    if not own_license and nearest is not None:
        chosen.append(nearest)
    for toml, annotation in chosen:
        declarations.extend(Declaration(expression, Location(toml.path, annotation.line), Source.REUSE_TOML)
                            for expression in annotation.licenses)
        copyrights.extend(annotation.copyrights)
    if not own_copyright:
        with_copyright = next((item for item in closest if item[1].copyrights), None)
        if with_copyright is not None and with_copyright not in chosen:
            copyrights.extend(with_copyright[1].copyrights)


# -- licence files ---------------------------------------------------------------------------------

def _license_files(state: _State, entries: list[Entry]) -> None:
    for entry in entries:
        try:
            data = read_head(entry.abspath, identify.LICENSE_FILE_BYTES)
        except OSError as exc:
            state.problem(entry.path, f"cannot read: {_why(exc)}")
            continue
        if is_binary(data):
            continue
        match = identify.identify(data.decode("utf-8", errors="replace"))
        name = entry.path.rpartition("/")[2]
        at_root = "/" not in entry.path
        if match is not None and match.identified:
            state.identified[entry.path] = match
            declaration = Declaration(match.license, Location(entry.path, 1), Source.LICENSE_FILE)
            state.files.append(FileLicensing(entry.path, (declaration,)))
            if at_root:
                state.declared.append(declaration)
                continue
            use = state.usage.for_license_file(entry.path)
            state.components.append(Component(Kind.LICENSE_FILE, entry.path, match.license, use.use,
                                              (declaration,), note=f"licence text identified (score {match.score})",
                                              modified=use.modified))
        elif not identify.is_notice(name):
            closest = f"; closest match {match.license} (score {match.score})" if match else ""
            use = state.usage.for_license_file(entry.path)
            state.components.append(Component(Kind.LICENSE_FILE, entry.path, None, use.use,
                                              (Declaration("", Location(entry.path, 1), Source.LICENSE_FILE),),
                                              note=f"unidentified licence text{closest}", modified=use.modified))


# -- manifests and the project ---------------------------------------------------------------------

def _manifests(state: _State, entries: list[Entry]) -> list[Manifest]:
    found: list[Manifest] = []
    for entry in entries:
        text = _text(state, entry, MANIFEST_BYTES)
        if text is None:
            continue
        try:
            manifest = READERS[entry.path.rpartition("/")[2]](entry.path, text)
        except ManifestError as exc:
            state.problem(entry.path, str(exc))
            continue
        if manifest is None:
            continue
        if not manifest.licenses and manifest.license_file:
            folder = entry.path.rpartition("/")[0]
            target = f"{folder}/{manifest.license_file}" if folder else manifest.license_file
            match = state.identified.get(os.path.normpath(target))
            if match is not None:
                manifest = _with_license(manifest, match.license)
        found.append(manifest)
        for declared in manifest.licenses:
            state.files.append(FileLicensing(entry.path, (Declaration(declared.raw, Location(entry.path, declared.line),
                                                                      Source.MANIFEST),)))
    return found


def _with_license(manifest: Manifest, license: str) -> Manifest:
    from dataclasses import replace

    from licensecheck.scan.manifests import Declared

    return replace(manifest, licenses=(Declared(license, None, license),))


def _project(state: _State, manifests: list[Manifest]) -> ProjectInfo:
    name = None
    dependencies: list[tuple[str, str, str]] = []
    for manifest in manifests:
        folder = manifest.path.rpartition("/")[0]
        if not folder:
            name = name or manifest.name
            dependencies += [(manifest.ecosystem, dep, kind) for dep, kind in manifest.dependencies]
            state.declared[:0] = [Declaration(d.expression or d.raw, Location(manifest.path, d.line), Source.MANIFEST)
                                  for d in manifest.licenses]
            continue
        expression = manifest.licenses[0].expression if manifest.licenses else None
        raw = manifest.licenses[0].raw if manifest.licenses else ""
        use = state.usage.for_subpackage(manifest.path, manifest.name, manifest.ecosystem)
        note = None if manifest.licenses else "the manifest declares no licence"
        if manifest.licenses and expression is None:
            note = f"not an SPDX expression nor a known licence name: `{raw}`"
        state.components.append(Component(
            Kind.PACKAGE, manifest.name or folder, expression, use.use,
            tuple(Declaration(d.raw, Location(manifest.path, d.line), Source.MANIFEST) for d in manifest.licenses)
            or (Declaration("", Location(manifest.path), Source.MANIFEST),),
            manifest.version, manifest.ecosystem, note, modified=use.modified))
    return ProjectInfo(name, tuple(state.declared), tuple(dependencies))


# -- installed dependencies ------------------------------------------------------------------------

def _installed(state: _State, venvs: list[str], node_modules: list[str], project: ProjectInfo) -> None:
    installed: list[Manifest] = []
    seen: set[str] = set()
    real_root = os.path.realpath(state.root)
    for venv in venvs:
        pattern = os.path.join(glob.escape(os.path.join(state.root, venv)), "[Ll]ib*", "**", "*.dist-info", "METADATA")
        for path in _inside(sorted(glob.glob(pattern, recursive=True)), real_root, seen):
            manifest = _read_installed(state, path, read_metadata)
            if manifest is not None:
                installed.append(manifest)
    for folder in node_modules:
        base = glob.escape(os.path.join(state.root, folder))
        paths = glob.glob(os.path.join(base, "*", "package.json")) + glob.glob(os.path.join(base, "@*", "*",
                                                                                             "package.json"))
        for path in _inside(sorted(paths), real_root, seen):
            manifest = _read_installed(state, path, read_package_json)
            if manifest is not None:
                installed.append(manifest)
    runtime = _runtime_closure(project, installed)
    for manifest in installed:
        key = (manifest.ecosystem, normalise_name(manifest.ecosystem, manifest.name or ""))
        if project.name and key[1] == normalise_name(manifest.ecosystem, project.name):
            continue  # the project itself, installed in its own environment
        dev = runtime is not None and key not in runtime.get(manifest.ecosystem, {key})
        declared = manifest.licenses[0] if manifest.licenses else None
        use = state.usage.for_dependency(manifest.path, manifest.name or "?", manifest.ecosystem, dev, None)
        note = None
        if declared is None:
            note = "the package metadata declares no licence"
        elif declared.expression is None:
            note = f"not an SPDX expression nor a known licence name: `{declared.raw}`"
        if dev and use.use == "build-tool":
            note = ((note + "; ") if note else "") + "not needed at run time by the project's dependencies"
        state.components.append(Component(
            Kind.PACKAGE, manifest.name or "?", declared.expression if declared else None, use.use,
            (Declaration(declared.raw if declared else "", Location(manifest.path, declared.line if declared else None),
                         Source.INSTALLED),),
            manifest.version, manifest.ecosystem, note, modified=use.modified))
        if declared is not None:
            state.files.append(FileLicensing(manifest.path, (Declaration(declared.raw, Location(manifest.path,
                                                                                                declared.line),
                                                                         Source.INSTALLED),)))


def _inside(paths: list[str], real_root: str, seen: set[str]) -> Iterator[str]:
    """Paths whose target lies inside the root, each target once (venvs link lib64 to lib; pnpm links packages)."""
    for path in paths:
        real = os.path.realpath(path)
        if real in seen or not real.startswith(real_root + os.sep):
            continue
        seen.add(real)
        yield path


def _read_installed(state: _State, abspath: str, reader: Callable[[str, str], Manifest | None]) -> Manifest | None:
    path = os.path.relpath(abspath, state.root).replace(os.sep, "/")
    text = _text(state, Entry(path, abspath), MANIFEST_BYTES)
    if text is None:
        return None
    try:
        return reader(path, text)
    except ManifestError as exc:
        state.problem(path, str(exc))
        return None


def _runtime_closure(project: ProjectInfo, installed: list[Manifest]) -> dict[str, set[tuple[str, str]]] | None:
    """Installed packages the project's runtime dependencies need, per ecosystem; None if it declares none."""
    roots: dict[str, set[str]] = {}
    declared: set[str] = set()
    for ecosystem, name, kind in project.dependencies:
        declared.add(ecosystem)
        if kind == "runtime":
            roots.setdefault(ecosystem, set()).add(name)
    if not declared:
        return None
    needs = {(m.ecosystem, normalise_name(m.ecosystem, m.name or "")): m.requires for m in installed}
    out: dict[str, set[tuple[str, str]]] = {}
    for ecosystem in {m.ecosystem for m in installed}:
        if ecosystem not in declared:
            continue  # the project declares nothing for this ecosystem: every package counts as runtime
        seen: set[tuple[str, str]] = set()
        stack = [(ecosystem, n) for n in roots.get(ecosystem, ())]
        while stack:
            key = stack.pop()
            if key in seen:
                continue
            seen.add(key)
            stack.extend((ecosystem, r) for r in needs.get(key, ()))
        out[ecosystem] = seen
    return out


# -- SBOMs -----------------------------------------------------------------------------------------

def _sbom(state: _State, entry: Entry) -> None:
    name = entry.path.rpartition("/")[2]
    text = _text(state, entry, SBOM_BYTES)
    if text is None:
        return
    try:
        sbom = read_sbom(entry.path, name, text)
    except ManifestError as exc:
        state.problem(entry.path, str(exc))
        return
    if sbom is not None:
        _sbom_components(state, sbom)


def _sbom_components(state: _State, sbom: Sbom) -> None:
    from licensecheck.scan.names import to_expression

    seen: dict[str, None] = {}
    for package in sbom.packages:
        ecosystem = ecosystem_of(package.purl)
        use = state.usage.for_dependency(sbom.path, package.name, ecosystem, package.use == "build-tool",
                                         package.use)
        expression = package.expression or (to_expression(package.license) if package.license else None)
        note = package.note
        if package.license is None:
            note = "the SBOM asserts no licence (NOASSERTION or missing)"
        elif expression is None:
            note = f"not an SPDX expression nor a known licence name: `{package.license}`"
        state.components.append(Component(
            Kind.PACKAGE, package.name, expression, use.use,
            (Declaration(package.license or "", Location(sbom.path, package.line), Source.SBOM),),
            package.version, ecosystem, note, modified=use.modified))
        if package.license:
            seen.setdefault(package.license)
    state.files.append(FileLicensing(sbom.path, tuple(Declaration(e, Location(sbom.path), Source.SBOM)
                                                      for e in seen)))
