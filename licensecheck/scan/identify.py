# SPDX-License-Identifier: Apache-2.0
"""Licence files identified by their words, part by part, against the texts shipped in `licenses/texts/`.

Texts are normalised the way the SPDX matching guidelines allow (case, punctuation, white space,
copyright lines, `licence`/`license`) and cut into overlapping runs of three words ("shingles").

Real licence files are often several texts in a row: a main licence followed by the notices of
bundled libraries (numpy's and scipy's LICENSE.txt append the GPL-3.0 with the GCC runtime exception,
LLVM appends its third-party notices, Chromium-style files concatenate dozens). So a file is not
compared as a whole: every shipped text is located in it (where the file's shingles that belong to the
text lie), each located stretch is a *part*, and each part is scored against its text with the Dice
coefficient (1.0: the same words; 0: nothing shared). A part is identified when its score reaches
`THRESHOLD` and it beats every *different* licence located at the same place by at least `MARGIN`,
or the file lacks what only the close rival says (a BSD-3-Clause file has none of the words that
BSD-3-Clause-No-Nuclear-License-2014 adds); any other close call (CoopCycle's licence and the SSPL
are both rewrites of the GPL-3.0) is reported as unidentified with both candidates, never guessed. The file's main licence is its first part.

Any text added to `licenses/texts/` is used; nothing here lists licences.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from licensecheck.resources import data_path

THRESHOLD = 0.90
#: a part must beat the best different licence at its place by this much
MARGIN = 0.03
#: share of a text's shingles that must occur in a file before the text is looked for there
MIN_CONTAINED = 0.5
#: shingles between two hits of a text within one stretch of it, and between two stretches of one part
NEAR, GAP = 12, 60
#: bytes of a licence file read (numpy's wheel LICENSE.txt, with its appended notices, is 47 KiB)
LICENSE_FILE_BYTES = 1024 * 1024

_NAME = re.compile(r"^(?:un)?licen[cs]es?(?:[-._].*)?$|^copying(?:[-._].*)?$|^notice(?:[-._].*)?$|"
                   r"^copyright(?:[-._].*)?$|^.+[-_.]licen[cs]e(?:\.(?:txt|md|rst))?$", re.IGNORECASE)
_BASE = re.compile(r"^(?:(?:un)?licen[cs]es?|copying|notice|copyright)", re.IGNORECASE)
_TEXT_SUFFIXES = frozenset({"", ".txt", ".md", ".rst", ".markdown", ".text", ".html", ".htm"})
_CODE_SUFFIXES = frozenset({".py", ".pyc", ".js", ".ts", ".go", ".rs", ".c", ".h", ".java", ".rb", ".php",
                            ".json", ".toml", ".yaml", ".yml", ".xml", ".cfg", ".ini", ".sh", ".license",
                            ".svg", ".png", ".jpg", ".gif", ".css", ".scss", ".tsx", ".jsx", ".kt", ".swift",
                            ".cs", ".cpp", ".hpp", ".cc", ".m", ".pl", ".pm", ".lua", ".ex", ".exs", ".erl",
                            ".terms", ".policy", ".map", ".d.ts", ".mjs", ".cjs"})
#: a copyright statement line (removed: holders and years differ), not a wrapped sentence that begins with
#: "copyright notice ..." or "copyright holders ..." (ISC's second line does)
_COPYRIGHT_LINE = re.compile(r"^\s*(?:copyright\b(?!\s+(?:notices?|holders?|owners?|laws?|and|statements?|licen[cs]es?|"
                             r"protection|in|of|to|or)\b)|\(c\)|©|all rights reserved).*$", re.IGNORECASE | re.MULTILINE)
_WORD = re.compile(r"[a-z0-9]+")
_VARIANTS = (("licence", "license"), ("licences", "licenses"), ("&", " and "),
             ("sub-license", "sublicense"), ("non-commercial", "noncommercial"))

Shingle = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Match:
    """One part of a licence file: the closest text, its score, its margin over the best different text.

    `identified` is true when the score reaches the threshold and the margin is at least `MARGIN`;
    `lines` is the first and last line of the part in the file.
    """

    license: str
    score: float
    identified: bool
    margin: float = 1.0
    second: str | None = None
    lines: tuple[int, int] = (1, 1)

    def describe(self) -> str:
        """`MIT (score 0.97)`, with the runner-up when the call is close."""
        close = f", {self.second} {round(self.score - self.margin, 2)}" if self.second and \
            self.margin < MARGIN else ""
        return f"{self.license} (score {self.score}{close})"


@dataclass(frozen=True, slots=True)
class Identification:
    """Every part of a licence file, in file order (empty: the file shares too little with any text)."""

    parts: tuple[Match, ...]

    @property
    def main(self) -> Match | None:
        """The file's first part: the licence of the work the file belongs to."""
        return self.parts[0] if self.parts else None

    @property
    def appended(self) -> tuple[Match, ...]:
        """The parts after the first (notices of bundled third-party material)."""
        return self.parts[1:]


def is_license_file(name: str) -> bool:
    """Whether a file name is one of LICENSE, LICENCE, COPYING, NOTICE and their variants."""
    if not _NAME.match(name):
        return False
    dot = name.rfind(".")
    suffix = name[dot:].lower() if dot > 0 else ""
    if suffix in _CODE_SUFFIXES:
        return False
    base = _BASE.match(name)
    if base is None:  # MIT-LICENSE, third-party.licence.txt
        return True
    middle = name[base.end():]
    if suffix in _TEXT_SUFFIXES and suffix:
        middle = middle[: -len(suffix)]
    # LICENSE, LICENSE.txt, LICENSE-MIT, COPYING.LESSER, LICENSE.APACHE2; not license-rules.rst, licence.terms
    return not middle or any(c.isupper() or c.isdigit() for c in middle)


def is_notice(name: str) -> bool:
    """Whether a licence-file name is a NOTICE or COPYRIGHT file (attributions rather than a licence)."""
    lowered = name.lower()
    return lowered.startswith(("notice", "copyright"))


def _normal_text(text: str) -> str:
    text = _COPYRIGHT_LINE.sub(" ", text.lower())
    for old, new in _VARIANTS:
        text = text.replace(old, new)
    return text


def normalise(text: str) -> list[str]:
    """The words of a text after the normalisations the SPDX matching guidelines allow."""
    return _WORD.findall(_normal_text(text))


def shingles(words: list[str]) -> frozenset[Shingle]:
    """Overlapping runs of three words."""
    return frozenset(zip(words, words[1:], words[2:], strict=False))


@dataclass(frozen=True, slots=True)
class _References:
    ids: tuple[str, ...]
    sets: tuple[frozenset[Shingle], ...]
    index: dict[Shingle, tuple[int, ...]]


@functools.cache
def _references() -> _References:
    folder = data_path("licenses").joinpath("texts")
    ids: list[str] = []
    sets: list[frozenset[Shingle]] = []
    if folder.is_dir():
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".txt"):
                found = shingles(normalise(entry.read_text(encoding="utf-8")))
                if found:
                    ids.append(entry.name[: -len(".txt")])
                    sets.append(found)
    lists: dict[Shingle, list[int]] = {}
    for number, found in enumerate(sets):
        for shingle in found:
            lists.setdefault(shingle, []).append(number)
    return _References(tuple(ids), tuple(sets), {k: tuple(v) for k, v in lists.items()})


def reference_texts() -> dict[str, frozenset[Shingle]]:
    """Shingles of every shipped licence text, by licence id."""
    refs = _references()
    return dict(zip(refs.ids, refs.sets, strict=True))


@dataclass(slots=True)
class _Candidate:
    ref: int
    start: int  # first and last shingle index in the file
    end: int
    score: float
    hits: int


def _runs(positions: list[int], grams: list[Shingle], size: int) -> Iterable[tuple[int, int, int]]:
    """Stretches of a file where one text of `size` shingles lies: (first, last, hits).

    Hits closer than NEAR form dense runs; runs with too few hits (common phrases such as "the above
    copyright notice" met inside another licence) are dropped, so that they cannot chain two texts
    together; the dense runs left are joined across gaps of at most GAP (a reworded sentence), unless
    the next run repeats what the stretch already holds (a second copy of the same text begins).
    """
    dense: list[tuple[int, int, int]] = []
    first = previous = positions[0]
    count = 1
    for position in positions[1:]:
        if position - previous > NEAR:
            dense.append((first, previous, count))
            first, count = position, 0
        previous = position
        count += 1
    dense.append((first, previous, count))
    least = max(3, int(0.02 * size))
    kept = [run for run in dense if run[2] >= least]
    if not kept:
        return
    hit = set(positions)
    start, end, hits = kept[0]
    held = {grams[p] for p in range(start, end + 1) if p in hit}
    for run in kept[1:]:
        own = [grams[p] for p in range(run[0], run[1] + 1) if p in hit]
        repeated = sum(1 for g in own if g in held)
        if run[0] - end <= GAP and repeated * 2 <= len(own):
            end, hits = run[1], hits + run[2]
            held.update(own)
            continue
        yield start, end, hits
        start, end, hits = run
        held = set(own)
    yield start, end, hits


def _candidates(grams: list[Shingle], refs: _References) -> list[_Candidate]:
    hits: dict[int, list[int]] = {}
    for position, gram in enumerate(grams):
        for ref in refs.index.get(gram, ()):
            hits.setdefault(ref, []).append(position)
    out: list[_Candidate] = []
    for ref, positions in hits.items():
        size = len(refs.sets[ref])
        if len(positions) < MIN_CONTAINED * size:
            continue
        for start, end, count in _runs(positions, grams, size):
            if count < MIN_CONTAINED * size:
                continue
            stretch = set(grams[start:end + 1])
            common = len(stretch & refs.sets[ref])
            if common < MIN_CONTAINED * size:
                continue
            out.append(_Candidate(ref, start, end, 2 * common / (len(stretch) + size), count))
    return out


def _overlap(a: _Candidate, b: _Candidate) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start) + 1)


#: distinctive runs of a text needed before their absence says anything
_DISTINCT = 10


def _ruled_out(stretch: set[Shingle], best: frozenset[Shingle], rival: frozenset[Shingle]) -> bool:
    """Whether a close rival is excluded by what only it says: the file has (almost) none of the rival's own
    words while it has the best text's own words (or the best text has none of its own: a variant that only
    adds clauses, such as BSD-3-Clause-No-Nuclear-License-2014 to BSD-3-Clause).

    Two rewrites of one licence that both differ from the file (CoopCycle's licence against the SSPL and
    the AGPL) are not excluded: the call stays close, and unidentified.
    """
    own, other = best - rival, rival - best
    if len(other) < _DISTINCT:
        return False  # the rival says nothing the best does not: nothing to tell them apart
    if len(stretch & other) > 0.35 * len(other):
        return False
    return len(own) < 0.5 * len(other) or len(stretch & own) >= 0.5 * len(own)


def identify_parts(text: str) -> Identification:
    """Every part of a licence file identified against the shipped texts."""
    normal = _normal_text(text)
    words: list[str] = []
    starts: list[int] = []
    for match in _WORD.finditer(normal):
        words.append(match.group())
        starts.append(match.start())
    grams = list(zip(words, words[1:], words[2:], strict=False))
    refs = _references()
    if not grams or not refs.ids:
        return Identification(())
    candidates = sorted(_candidates(grams, refs), key=lambda c: (-c.hits, -c.score, refs.ids[c.ref]))
    accepted: list[tuple[_Candidate, list[_Candidate]]] = []
    for candidate in candidates:
        span = candidate.end - candidate.start + 1
        rivals = [entry for entry in accepted
                  if _overlap(entry[0], candidate) * 2 > min(span, entry[0].end - entry[0].start + 1)]
        if rivals:
            for _best, others in rivals:
                others.append(candidate)
            continue
        accepted.append((candidate, []))
    newlines = [m.start() for m in re.finditer("\n", normal)]

    def line(word: int) -> int:
        return bisect.bisect_right(newlines, starts[min(word, len(starts) - 1)]) + 1

    parts: list[Match] = []
    for best, others in sorted(accepted, key=lambda entry: entry[0].start):
        # every licence located here is scored over the same words: the part's stretch
        stretch = set(grams[best.start:best.end + 1])
        scores: dict[int, float] = {}
        for candidate in [best, *others]:
            if candidate.ref not in scores:
                ref = refs.sets[candidate.ref]
                scores[candidate.ref] = 2 * len(stretch & ref) / (len(stretch) + len(ref))
        ranked = sorted(scores.items(), key=lambda item: (-item[1], refs.ids[item[0]]))
        top, top_score = ranked[0]
        second = next(((r, v) for r, v in ranked[1:] if refs.ids[r] != refs.ids[top]), None)
        margin = top_score - second[1] if second is not None else 1.0
        close = [r for r, v in ranked[1:] if refs.ids[r] != refs.ids[top] and top_score - v < MARGIN]
        decided = all(_ruled_out(stretch, refs.sets[top], refs.sets[r]) for r in close)
        parts.append(Match(refs.ids[top], round(top_score, 2), top_score >= THRESHOLD and decided,
                           round(margin, 2), refs.ids[second[0]] if second is not None else None,
                           (line(best.start), line(best.end + 2))))
    return Identification(tuple(parts))


def identify(text: str) -> Match | None:
    """The main (first) part of a licence file, or the closest whole text when no text is located in it.

    None when nothing is shipped or the text shares nothing with any shipped text.
    """
    found = identify_parts(text)
    if found.main is not None:
        return found.main
    own = shingles(normalise(text))
    refs = _references()
    best: tuple[float, str] | None = None
    for license_id, ref in zip(refs.ids, refs.sets, strict=True):
        common = len(own & ref)
        if common:
            score = 2 * common / (len(own) + len(ref))
            if best is None or score > best[0]:
                best = (score, license_id)
    if best is None:
        return None
    return Match(best[1], round(best[0], 2), False, 0.0)
