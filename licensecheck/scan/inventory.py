# SPDX-License-Identifier: Apache-2.0
"""Collecting the inventory of a tree: tags, REUSE annotations, licence files, manifests, SBOMs.

Every file is read at most once, through its head; nothing is executed or written.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import TypeVar

from licensecheck.scan import identify, installed, reuse
from licensecheck.scan.config import Config
from licensecheck.scan.globs import compile_globs
from licensecheck.scan.lockfiles import LOCKFILES, Locked, Lockfile
from licensecheck.scan.manifests import (
    MANIFEST_BYTES,
    READERS,
    Manifest,
    ManifestError,
    normalise_name,
    read_gemspec,
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
from licensecheck.scan.names import to_expression
from licensecheck.scan.sbom import SBOM_BYTES, Sbom, ecosystem_of, is_sbom_name, read_sbom
from licensecheck.scan.tags import HEAD_BYTES, NO_TAGS, FileTags, extract_tags, is_binary
from licensecheck.scan.usage import Usage
from licensecheck.scan.walk import Entry, NotRegularFile, read_head, walk

Progress = Callable[[int, int], None]
_T = TypeVar("_T")


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
    #: (ecosystem, normalised name, version or None) of every installed package found
    installed: set[tuple[str, str, str | None]] = field(default_factory=set)
    #: build-only flags that lockfiles give: (ecosystem, normalised name, version) -> dev
    lock_dev: dict[tuple[str, str, str | None], bool] = field(default_factory=dict)
    root_manifests: set[str] = field(default_factory=set)  # ecosystems with a manifest at the root
    #: SBOM packages already listed: (name, version, licence) -> index in components
    sbom_packages: dict[tuple[str, str | None, str | None], int] = field(default_factory=dict)
    composer_installed: bool = False  # vendor/composer/installed.json is there
    go_modules: dict[str, str] | None = None  # vendor/modules.txt, read when first needed

    def problem(self, path: str, message: str, severity: Severity = Severity.ERROR, line: int | None = None) -> None:
        self.problems.append(Problem(path, message, severity, line))


def _license_id_of(name: str) -> str:
    """The licence id a REUSE licence text is named by: `GPL-3.0-or-later.txt` -> GPL-3.0-or-later."""
    stem, dot, suffix = name.rpartition(".")
    return stem if dot and suffix.lower() in ("txt", "md", "rst", "html", "htm", "text") else name


_REUSE_IGNORED = re.compile(r"^(?:LICEN[CS]E|COPYING)(?:[-.].*)?$")  # case-sensitive, as in the REUSE tool


def _is_reuse_ignored(name: str) -> bool:
    return _REUSE_IGNORED.match(name) is not None


_DEP5 = ("debian/copyright", ".reuse/dep5")


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
    lockfiles: list[Entry] = []
    sboms: list[Entry] = []
    reuse_texts: list[Entry] = []
    dep5: list[Entry] = []
    composer_installed: Entry | None = None
    for entry in tree.files:
        name = entry.path.rpartition("/")[2]
        if name.endswith(".license"):
            sidecars[entry.path[: -len(".license")]] = entry
        elif name == "REUSE.toml":
            _reuse_toml(state, entry, tomls)
        elif entry.path == ".reuse/dep5" or entry.path.endswith("debian/copyright"):
            dep5.append(entry)
        elif entry.path.startswith("LICENSES/") or "/LICENSES/" in entry.path:
            reuse_texts.append(entry)  # REUSE: licence texts named by their id; never read for tags
        elif identify.is_license_file(name):
            license_files.append(entry)
            if not _is_reuse_ignored(name):
                to_tag.append(entry)
        elif is_sbom_name(name):
            sboms.append(entry)
        elif name in LOCKFILES and not options.tags_only:
            lockfiles.append(entry)
            if name == "go.mod":
                manifests.append(entry)
        elif entry.path == "vendor/composer/installed.json":
            composer_installed = entry
        else:
            if name in READERS or name.endswith(".gemspec"):
                manifests.append(entry)
            to_tag.append(entry)
    for entry in dep5:
        _dep5(state, entry, tomls)
    _tags(state, to_tag, sidecars, tomls, progress)
    for entry in reuse_texts:
        stem = _license_id_of(entry.path.rpartition("/")[2])
        state.files.append(FileLicensing(entry.path, (Declaration(stem, Location(entry.path), Source.LICENSE_FILE),)))
    if not options.tags_only:
        state.composer_installed = composer_installed is not None
        state.root_manifests = {"go" if e.path == "go.mod" else e.path for e in manifests if "/" not in e.path}
        _license_files(state, license_files)
        found = _manifests(state, [m for m in manifests if not m.path.endswith("go.mod")])
        project = _project(state, found)
        locks = _lockfiles(state, lockfiles)
        _installed(state, tree.venvs, tree.dist_infos, tree.node_modules, project, composer_installed)
        _locked_only(state, locks)
        for entry in sboms:
            _sbom(state, entry)
    else:
        project = ProjectInfo(None, ())
    state.files.sort(key=lambda f: f.path)
    return Inventory(root, project, tuple(state.files), tuple(state.components), tuple(state.problems),
                     files_scanned=len(tree.files))


def _guarded(state: _State, path: str, read: Callable[[], _T]) -> _T | None:
    """Run one reader; a malformed file is a problem of the report and the scan goes on."""
    try:
        return read()
    except ManifestError as exc:
        state.problem(path, " ".join(str(exc).split()))
    except RecursionError:
        state.problem(path, "nested too deeply; not read")
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError, UnicodeError) as exc:
        # a reader that meets what it did not expect: the file is reported, never the whole scan lost
        state.problem(path, f"could not be read ({exc.__class__.__name__}: {' '.join(str(exc).split())[:120]})")
    return None


# -- tags and REUSE --------------------------------------------------------------------------------

def _text(state: _State, entry: Entry, limit: int) -> str | None:
    try:
        data = read_head(entry.abspath, limit + 1)
    except NotRegularFile:
        state.problem(entry.path, "not a regular file; skipped", Severity.SKIPPED)
        return None
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
    parsed = _guarded(state, entry.path, lambda: reuse.read_reuse_toml(entry.path, text))
    if parsed is not None:
        tomls[parsed.directory] = parsed


def _dep5(state: _State, entry: Entry, tomls: dict[str, reuse.ReuseToml]) -> None:
    """debian/copyright (for the folder that holds debian/) and .reuse/dep5 (for the root), unless a
    REUSE.toml governs the same folder (REUSE: a project has one or the other)."""
    directory = "" if entry.path == ".reuse/dep5" else entry.path[: -len("debian/copyright")].rstrip("/")
    if directory in tomls:
        state.problem(entry.path, "a REUSE.toml governs this folder too; this DEP-5 file is not applied",
                      Severity.WARNING)
        return
    text = _text(state, entry, MANIFEST_BYTES)
    if text is None:
        return
    precedence = "aggregate" if entry.path == ".reuse/dep5" else "closest"
    parsed = _guarded(state, entry.path, lambda: reuse.read_dep5(entry.path, text, directory, precedence))
    if parsed is not None:
        tomls[directory] = parsed


#: one head's outcome: its tags (None: not read), or why it could not be read; cut at the head limit; binary
_Head = tuple[FileTags | OSError | None, bool, bool]
#: at least this many files to read before the reading is shared between processes
PARALLEL_FILES = 20_000
_CHUNK = 2_000


def _heads(paths: list[str | None], limit: int) -> list[_Head]:
    """Read the heads of files and extract their tags (runs in a worker process for large trees)."""
    out: list[_Head] = []
    for path in paths:
        if path is None:
            out.append((None, False, False))
            continue
        try:
            data = read_head(path, limit)
        except OSError as exc:
            out.append((exc, False, False))
            continue
        if is_binary(data):
            out.append((NO_TAGS, False, True))
        else:
            out.append((extract_tags(data), len(data) >= limit, False))
    return out


def _jobs() -> int:
    try:
        wanted = int(os.environ.get("LICENSECHECK_SCAN_JOBS", "0"))
    except ValueError:
        wanted = 0
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(wanted or available, available, 4))


def _read_all(entries: list[Entry | None], limit: int) -> Iterator[_Head]:
    """The tags of each file's head, in order.

    A large tree (PARALLEL_FILES files or more, on a machine with several cores) is read by worker
    processes, chunk by chunk, results in order: reading and tag extraction are CPU-bound in Python,
    and a reading thread was tried and is 2-3x slower (GIL hand-offs). Set LICENSECHECK_SCAN_JOBS=1 to
    stay in one process.
    """
    paths = [e.abspath if e is not None else None for e in entries]
    jobs = _jobs()
    if jobs < 2 or len(paths) < PARALLEL_FILES:
        yield from _heads(paths, limit)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunks = [paths[i:i + _CHUNK] for i in range(0, len(paths), _CHUNK)]
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: one process
        yield from _heads(paths, limit)
        return
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        for result in pool.map(_heads, chunks, [limit] * len(chunks)):
            yield from result


def _read_tags(state: _State, entry: Entry, head: _Head) -> FileTags | None:
    tags, cut, _binary = head
    if isinstance(tags, NotRegularFile):
        state.problem(entry.path, "not a regular file; skipped", Severity.SKIPPED)
        return None
    if isinstance(tags, OSError):
        state.problem(entry.path, f"cannot read: {_why(tags)}")
        return None
    assert tags is not None
    if cut:
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
    for index, (entry, head) in enumerate(zip(entries, _read_all(sources, state.options.head_bytes),
                                              strict=True)):
        if progress is not None and index % 500 == 0:
            progress(index, total)
        applied = applied_all[index] if applied_all is not None else reuse.NOTHING
        declarations: list[Declaration] = []
        copyrights: list[str] = []
        own_license = own_copyright = False
        if head[0] is not None:
            sidecar = sidecars.get(entry.path)
            tags = _read_tags(state, sidecar if sidecar is not None else entry, head)
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
        source = Source.DEP5 if toml.path.endswith(_DEP5) else Source.REUSE_TOML
        declarations.extend(Declaration(expression, Location(toml.path, annotation.line), source)
                            for expression in annotation.licenses)
        copyrights.extend(annotation.copyrights)
    if not own_copyright:
        with_copyright = next((item for item in closest if item[1].copyrights), None)
        if with_copyright is not None and with_copyright not in chosen:
            copyrights.extend(with_copyright[1].copyrights)


# -- licence files ---------------------------------------------------------------------------------

def _read_license_text(state: _State, path: str, abspath: str) -> str | None:
    try:
        data = read_head(abspath, identify.LICENSE_FILE_BYTES)
    except NotRegularFile:
        state.problem(path, "not a regular file; skipped", Severity.SKIPPED)
        return None
    except OSError as exc:
        state.problem(path, f"cannot read: {_why(exc)}")
        return None
    if is_binary(data):
        return None
    return data.decode("utf-8", errors="replace")


def _with_exceptions(parts: tuple[identify.Match, ...]) -> list[tuple[str, identify.Match]]:
    """Identified parts as expressions, in file order; an exception text joins the nearest licence text
    (`GPL-3.0-only WITH GCC-exception-3.1`: numpy's wheel puts the exception just before the GPL)."""
    def is_exception(part: identify.Match) -> bool:
        return "exception" in part.license.lower() or part.license.endswith("-note")

    licences = [p for p in parts if p.identified and not is_exception(p)]
    joined: dict[int, list[str]] = {}
    for part in parts:
        if not part.identified or not is_exception(part) or not licences:
            continue

        def gap(other: identify.Match, part: identify.Match = part) -> tuple[int, int]:
            distance = max(0, other.lines[0] - part.lines[1], part.lines[0] - other.lines[1])
            return distance, 0 if other.lines[0] >= part.lines[0] else 1

        nearest = min(range(len(licences)), key=lambda i: gap(licences[i]))
        joined.setdefault(nearest, []).append(part.license)
    out = []
    for index, part in enumerate(licences):
        expression = part.license
        for exception in joined.get(index, [])[:1]:
            expression = f"{expression} WITH {exception}"
        out.append((expression, part))
    return out


def _go_vendored(state: _State, path: str) -> str | None:
    """The module a licence file under `vendor/` belongs to, when the root is a Go module."""
    if "go" not in state.root_manifests or not path.startswith("vendor/"):
        return None
    folder = path.rpartition("/")[0][len("vendor/"):]
    return folder or None


def _license_files(state: _State, entries: list[Entry]) -> None:
    for entry in entries:
        text = _read_license_text(state, entry.path, entry.abspath)
        if text is None:
            continue
        found = identify.identify_parts(text)
        match = found.main or identify.identify(text)
        name = entry.path.rpartition("/")[2]
        at_root = "/" not in entry.path
        module = _go_vendored(state, entry.path)
        if "composer.json" in state.root_manifests and entry.path.startswith("vendor/"):
            continue  # a composer package's own licence file: the package's metadata says its licence
        if match is not None and match.identified:
            state.identified[entry.path] = match
            expressions = _with_exceptions(found.parts) or [(match.license, match)]
            main = expressions[0][0]
            declaration = Declaration(main, Location(entry.path, match.lines[0]), Source.LICENSE_FILE)
            state.files.append(FileLicensing(entry.path, (declaration,)))
            if module is not None:
                _vendored_module(state, module, main, declaration)
            elif at_root:
                state.declared.append(declaration)
            else:
                use = state.usage.for_license_file(entry.path)
                state.components.append(Component(Kind.LICENSE_FILE, entry.path, main, use.use, (declaration,),
                                                  note=f"licence text identified: {match.describe()}",
                                                  modified=use.modified))
            for part in found.appended:
                if part.identified or part is match:
                    continue
                use = state.usage.for_license_file(entry.path)
                where = Declaration("", Location(entry.path, part.lines[0]), Source.LICENSE_FILE)
                state.components.append(Component(
                    Kind.LICENSE_FILE, f"{entry.path} lines {part.lines[0]}-{part.lines[1]}", None, use.use, (where,),
                    note=f"a licence text appended to {name}, not identified; closest match {part.describe()}",
                    modified=use.modified))
            for expression, part in expressions[1:]:
                use = state.usage.for_license_file(entry.path)
                where = Declaration(expression, Location(entry.path, part.lines[0]), Source.LICENSE_FILE)
                state.components.append(Component(
                    Kind.LICENSE_FILE, f"{entry.path} lines {part.lines[0]}-{part.lines[1]}", expression, use.use,
                    (where,), note=f"a licence text appended to {name} (bundled material): {part.describe()}",
                    modified=use.modified))
        elif not identify.is_notice(name):
            closest = f"; closest match {match.describe()}" if match else ""
            use = state.usage.for_license_file(entry.path)
            declaration = Declaration("", Location(entry.path, 1), Source.LICENSE_FILE)
            if module is not None:
                _vendored_module(state, module, None, declaration, f"unidentified licence text{closest}")
                continue
            state.components.append(Component(Kind.LICENSE_FILE, entry.path, None, use.use, (declaration,),
                                              note=f"unidentified licence text{closest}", modified=use.modified))


def _go_modules(state: _State) -> dict[str, str]:
    """Module path -> version, from vendor/modules.txt (`# module version` lines)."""
    if state.go_modules is None:
        state.go_modules = {}
        entry = Entry("vendor/modules.txt", os.path.join(state.root, "vendor", "modules.txt"))
        if os.path.isfile(entry.abspath):
            text = _text(state, entry, MANIFEST_BYTES) or ""
            for line in text.splitlines():
                parts = line.split()
                if len(parts) >= 3 and parts[0] == "#" and not parts[1].startswith("#"):
                    state.go_modules[parts[1]] = parts[2]
    return state.go_modules


def _vendored_module(state: _State, folder: str, expression: str | None, declaration: Declaration,
                     note: str | None = None) -> None:
    modules = _go_modules(state)
    module = max((m for m in modules if folder == m or folder.startswith(m + "/")), key=len, default=folder)
    version = modules.get(module)
    use = state.usage.for_dependency(declaration.location.path, module, "golang", False, None)
    state.installed.update({("golang", module.lower(), None), ("golang", module.lower(), version)})
    state.components.append(Component(Kind.PACKAGE, module, expression, use.use, (declaration,), version, "golang",
                                      note or "vendored Go module (licence from its licence file)",
                                      modified=use.modified))


# -- manifests and the project ---------------------------------------------------------------------

def _manifests(state: _State, entries: list[Entry]) -> list[Manifest]:
    found: list[Manifest] = []
    for entry in entries:
        text = _text(state, entry, MANIFEST_BYTES)
        if text is None:
            continue
        name = entry.path.rpartition("/")[2]
        reader = read_gemspec if name.endswith(".gemspec") else READERS[name]
        manifest = _guarded(state, entry.path, functools.partial(reader, entry.path, text))
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


def _installed_by_ecosystem(state: _State, manifest: Manifest) -> bool:
    """Whether a sub-folder manifest is an installed dependency: composer's vendor/, bundler's gems."""
    path = manifest.path
    if manifest.ecosystem == "composer" and path.startswith("vendor/") and "composer.json" in state.root_manifests:
        return True
    return manifest.ecosystem == "gem" and ("/specifications/" in path or path.startswith("vendor/bundle/"))


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
        note = None if manifest.licenses else "the manifest declares no licence"
        if manifest.licenses and expression is None:
            note = f"not an SPDX expression nor a known licence name: `{raw}`"
        if _installed_by_ecosystem(state, manifest):
            if manifest.ecosystem == "composer" and state.composer_installed:
                continue  # vendor/composer/installed.json lists the same packages, with their versions
            key = (manifest.ecosystem, normalise_name(manifest.ecosystem, manifest.name or ""), manifest.version)
            if key in state.installed or (*key[:2], None) in state.installed:
                continue
            state.installed.update({key, (*key[:2], None)})
            use = state.usage.for_dependency(manifest.path, manifest.name or folder, manifest.ecosystem, False, None)
            source = Source.INSTALLED
        else:
            use = state.usage.for_subpackage(manifest.path, manifest.name, manifest.ecosystem)
            source = Source.MANIFEST
        state.components.append(Component(
            Kind.PACKAGE, manifest.name or folder, expression, use.use,
            tuple(Declaration(d.raw, Location(manifest.path, d.line), source) for d in manifest.licenses)
            or (Declaration("", Location(manifest.path), source),),
            manifest.version, manifest.ecosystem, note, modified=use.modified))
    return ProjectInfo(name, tuple(state.declared), tuple(dependencies))


# -- installed dependencies ------------------------------------------------------------------------

def _python_distribution(state: _State, folder: str, metadata: str) -> Manifest | None:
    """A dist-info (or egg-info) folder: METADATA, and its licence files where METADATA says no usable licence."""
    path = f"{folder}/{metadata}"
    manifest = _read_installed(state, os.path.join(state.root, path), read_metadata)
    if manifest is None:
        return None
    declared = manifest.licenses[0] if manifest.licenses else None
    if declared is not None and declared.expression is not None:
        return manifest
    texts: list[tuple[str, str]] = []
    offset = {path: (declared.line or 1) - 1 if declared is not None else 0}
    if manifest.license_text:
        texts.append((path, manifest.license_text))
    for licence_path in installed.licence_files(state.root, folder, list(manifest.license_files)):
        text = _read_license_text(state, licence_path, os.path.join(state.root, licence_path))
        if text is not None:
            texts.append((licence_path, text))
    from dataclasses import replace

    from licensecheck.scan.manifests import Declared

    expressions: list[str] = []
    where: list[str] = []
    closest: list[str] = []
    for licence_path, text in texts:
        found = identify.identify_parts(text)
        parts = _with_exceptions(found.parts)
        if parts and found.main is not None and found.main.identified:
            if parts[0][0] not in expressions:
                expressions.append(parts[0][0])
                where.append(f"{licence_path}:{found.main.lines[0] + offset.get(licence_path, 0)}")
        elif found.main is not None:
            closest.append(f"{licence_path}: closest {found.main.describe()}")
    if expressions:
        expression = " AND ".join(f"({e})" if " " in e else e for e in expressions)
        raw = declared.raw if declared is not None else ""
        first = where[0].rpartition(":")
        return replace(manifest, path=first[0], licenses=(Declared(raw or expression, int(first[2]), expression),),
                       identified_from=", ".join(where))
    if closest:
        return replace(manifest, unidentified="; ".join(closest))
    return manifest


def _installed(state: _State, venvs: list[str], dist_infos: list[str], node_modules: list[str], project: ProjectInfo,
               composer: Entry | None) -> None:
    found: list[Manifest] = []
    for venv in venvs:
        for folder in installed.site_packages(state.root, venv):
            for dist, metadata in installed.distributions(state.root, folder):
                manifest = _python_distribution(state, dist, metadata)
                if manifest is not None:
                    found.append(manifest)
                    _bundled_sboms(state, dist, manifest)
    for dist in dist_infos:
        metadata = "METADATA" if dist.endswith(".dist-info") else "PKG-INFO"
        if os.path.isfile(os.path.join(state.root, dist, metadata)):
            manifest = _python_distribution(state, dist, metadata)
            if manifest is not None:
                found.append(manifest)
                _bundled_sboms(state, dist, manifest)
    for folder in node_modules:
        for package in installed.node_packages(state.root, folder):
            manifest = _read_installed(state, package.abspath, read_package_json)
            if manifest is not None:
                found.append(manifest)
    if composer is not None:
        found += _composer_installed(state, composer)
    runtime = _runtime_closure(project, found)
    for manifest in found:
        normalised = normalise_name(manifest.ecosystem, manifest.name or "")
        key = (manifest.ecosystem, normalised)
        if project.name and normalised == normalise_name(manifest.ecosystem, project.name) and \
                "/node_modules/" not in f"/{manifest.path}":
            continue  # the project itself, installed in its own environment
        if (manifest.ecosystem, normalised, manifest.version) in state.installed:
            continue  # the same package and version found twice (an npm package nested under two parents)
        state.installed.update({(manifest.ecosystem, normalised, manifest.version), (manifest.ecosystem, normalised,
                                                                                      None)})
        locked = state.lock_dev.get((manifest.ecosystem, normalised, manifest.version))
        dev = locked if locked is not None else runtime is not None and key not in runtime.get(manifest.ecosystem,
                                                                                                 {key})
        declared = manifest.licenses[0] if manifest.licenses else None
        use = state.usage.for_dependency(manifest.path, manifest.name or "?", manifest.ecosystem, dev, None)
        note = None
        if declared is None:
            note = "the package metadata declares no licence"
        elif declared.expression is None:
            note = f"not an SPDX expression nor a known licence name: `{declared.raw}`"
            if manifest.license_text and manifest.license_text.startswith(manifest.path.rpartition("/")[0]):
                note += f"; licence files not identified ({manifest.license_text})"
        if (declared is not None and declared.expression is not None and manifest.path.endswith(
                tuple(f"/{n}" for n in ("LICENSE", "LICENSE.txt", "LICENSE.md", "COPYING")))) or (
                declared is not None and "/licenses/" in manifest.path):
            note = "licence identified from the package's licence file (its metadata names none precisely)"
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


def _composer_installed(state: _State, entry: Entry) -> list[Manifest]:
    """vendor/composer/installed.json (Composer 1: a list; 2: `{"packages": [...]}`), with each package's licence."""
    from licensecheck.scan.lockfiles import read_composer_lock
    from licensecheck.scan.manifests import Declared, load_json

    text = _text(state, entry, MANIFEST_BYTES)
    if text is None:
        return []

    def read() -> list[Manifest]:
        data = load_json(text)
        packages = data if isinstance(data, list) else data.get("packages") if isinstance(data, dict) else None
        lock = read_composer_lock(entry.path, json.dumps({"packages": packages if isinstance(packages, list) else []}))
        dev_names = set(data.get("dev-package-names") or []) if isinstance(data, dict) else set()
        out = []
        for package in lock.packages:
            line = text.count("\n", 0, max(0, text.find(f'"{package.name}"'))) + 1
            licence = [Declared(package.license, line, to_expression(package.license))] if package.license else []
            manifest = Manifest(entry.path, "composer", package.name, package.version, tuple(licence))
            out.append(manifest)
            if package.name in dev_names:
                state.lock_dev[("composer", package.name.lower(), package.version)] = True
        return out

    return _guarded(state, entry.path, read) or []


def _bundled_sboms(state: _State, dist: str, manifest: Manifest) -> None:
    """PEP 770: SBOMs inside a wheel list what the wheel bundles; they are components used as the package is."""
    for path in installed.sboms(state.root, dist):
        entry = Entry(path, os.path.join(state.root, path))
        text = _text(state, entry, SBOM_BYTES)
        if text is None:
            continue
        sbom = _guarded(state, path, functools.partial(read_sbom, path, path.rpartition("/")[2], text))
        if sbom is not None:
            _sbom_components(state, sbom, bundled_in=manifest)


def _read_installed(state: _State, abspath: str, reader: Callable[[str, str], Manifest | None]) -> Manifest | None:
    path = os.path.relpath(abspath, state.root).replace(os.sep, "/")
    text = _text(state, Entry(path, abspath), MANIFEST_BYTES)
    if text is None:
        return None
    return _guarded(state, path, lambda: reader(path, text))


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
    needs: dict[tuple[str, str], set[str]] = {}
    for m in installed:
        needs.setdefault((m.ecosystem, normalise_name(m.ecosystem, m.name or "")), set()).update(m.requires)
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


# -- lockfiles --------------------------------------------------------------------------------------

def _lockfiles(state: _State, entries: list[Entry]) -> list[Lockfile]:
    out: list[Lockfile] = []
    for entry in entries:
        text = _text(state, entry, SBOM_BYTES)
        if text is None:
            continue
        reader = LOCKFILES[entry.path.rpartition("/")[2]]
        lock = _guarded(state, entry.path, functools.partial(reader, entry.path, text))
        if lock is None:
            continue
        out.append(lock)
        for package in lock.packages:
            if package.dev is not None:
                state.lock_dev.setdefault((lock.ecosystem, normalise_name(lock.ecosystem, package.name),
                                           package.version), package.dev)
    return out


def _locked_only(state: _State, locks: list[Lockfile]) -> None:
    """Packages a lockfile resolves that are not installed in the tree: listed from the lockfile."""
    best: dict[tuple[str, str, str | None], tuple[Lockfile, Locked]] = {}
    for lock in locks:
        for package in lock.packages:
            normalised = normalise_name(lock.ecosystem, package.name)
            key = (lock.ecosystem, normalised, package.version)
            if key in state.installed or (lock.ecosystem, normalised, None) in state.installed:
                continue  # installed in the tree: its own metadata was read
            if key not in best or (best[key][1].license is None and package.license is not None):
                best[key] = (lock, package)  # the same package in two lockfiles: the one that says its licence
    for lock, package in best.values():
        dev = bool(package.dev)
        use = state.usage.for_dependency(lock.path, package.name, lock.ecosystem, dev, None)
        expression = to_expression(package.license) if package.license else None
        if package.license is None:
            note = f"licence not in the lockfile ({lock.path.rpartition('/')[2]}): install the dependencies " \
                   "to read it, or say how to treat it (`unknown:` in the configuration)"
        elif expression is None:
            note = f"not an SPDX expression nor a known licence name: `{package.license}`"
        else:
            note = None
        if dev and use.use == "build-tool":
            note = ((note + "; ") if note else "") + "a development dependency in the lockfile"
        state.components.append(Component(
            Kind.PACKAGE, package.name, expression, use.use,
            (Declaration(package.license or "", Location(lock.path, package.line), Source.LOCKFILE),),
            package.version, lock.ecosystem, note, modified=use.modified,
            lockfile_only=package.license is None))


# -- SBOMs -----------------------------------------------------------------------------------------

def _sbom(state: _State, entry: Entry) -> None:
    name = entry.path.rpartition("/")[2]
    text = _text(state, entry, SBOM_BYTES)
    if text is None:
        return
    sbom = _guarded(state, entry.path, lambda: read_sbom(entry.path, name, text))
    if sbom is not None:
        _sbom_components(state, sbom)


def _sbom_components(state: _State, sbom: Sbom, bundled_in: Manifest | None = None) -> None:
    seen: dict[str, None] = {}
    for package in sbom.packages:
        key = (normalise_name(ecosystem_of(package.purl) or "pypi", package.name), package.version,
               package.expression or package.license)
        earlier = state.sbom_packages.get(key)
        if earlier is not None:  # the same package in another SBOM: one component, declared in both
            component = state.components[earlier]
            state.components[earlier] = replace(component, declarations=(
                *component.declarations, Declaration(package.license or "", Location(sbom.path, package.line),
                                                     Source.SBOM)))
            continue
        state.sbom_packages[key] = len(state.components)
        ecosystem = ecosystem_of(package.purl)
        if bundled_in is not None:
            host = state.usage.for_dependency(bundled_in.path, bundled_in.name or "?", bundled_in.ecosystem, False,
                                              None)
            use = state.usage.for_dependency(sbom.path, package.name, ecosystem, False, host.use)
        else:
            use = state.usage.for_dependency(sbom.path, package.name, ecosystem, package.use == "build-tool",
                                             package.use)
        expression = package.expression or (to_expression(package.license) if package.license else None)
        note = package.note
        if package.license is None:
            note = "the SBOM asserts no licence (NOASSERTION or missing)"
        elif expression is None:
            note = f"not an SPDX expression nor a known licence name: `{package.license}`"
        if bundled_in is not None:
            note = ((note + "; ") if note else "") + f"bundled in {bundled_in.name} {bundled_in.version or ''}".rstrip()
        state.components.append(Component(
            Kind.PACKAGE, package.name, expression, use.use,
            (Declaration(package.license or "", Location(sbom.path, package.line), Source.SBOM),),
            package.version, ecosystem, note, modified=use.modified))
        if package.license:
            seen.setdefault(package.license)
    state.files.append(FileLicensing(sbom.path, tuple(Declaration(e, Location(sbom.path), Source.SBOM)
                                                      for e in seen)))
