"""Which rows storing a batch of files writes: decided in Python, so that the single writer runs a few
`executemany`s per batch instead of a dozen statements per file (issue 18).

`plan` replays the rules of storing one file after another on the links the batch starts from: a text
already stored (from another file) is linked, not stored again; a text that no file links to any more is
removed. It cuts the batch into steps whose rows are written together (`Store.replace_files`) and leave
the same rows, with the same ids, as storing the files one at a time: a step ends after a file that
removes texts, since a later file may store one of them again, which must come after its removal; and a
file whose path the step already holds starts a new one, since its old links must go before its new ones
come.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from corroborate.records import Document, Passage

__all__ = ["FileRows", "ParsedDocument", "Step", "plan"]

# A document ready to store: (document, passages) or (document, passages, one vector per passage).
ParsedDocument = tuple[Document, Sequence[Passage]] | tuple[Document, Sequence[Passage], np.ndarray]


@dataclass(frozen=True)
class FileRows:
    """One file to store in place of its previous version."""

    path: str
    sha: str
    size: int
    documents: Sequence[ParsedDocument]


@dataclass
class Step:
    """Rows written together: the files' rows, the documents new to the library (in order), every
    (document, file, origin) link, then the documents no file links to any more."""

    files: list[FileRows] = field(default_factory=list)
    new: list[ParsedDocument] = field(default_factory=list)
    links: list[tuple[str, str, str]] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)


def plan(
    files: Sequence[FileRows], stored: set[str], linked: dict[str, set[str]]
) -> tuple[list[Step], list[list[tuple[Document, str]]]]:
    """The steps that store `files` in order, and for each file the documents it holds that were
    already stored from another file, each with the first such file's path (by path order).

    `stored`: which of the batch's documents (new or previously linked) the library holds;
    `linked`: the paths linking each of them. Both are updated as the files are replayed.
    """
    paths = {f.path for f in files}
    docs_of: dict[str, set[str]] = {}
    for doc_id, linking in linked.items():
        for path in linking & paths:
            docs_of.setdefault(path, set()).add(doc_id)
    steps = [Step()]
    in_step: set[str] = set()
    skipped: list[list[tuple[Document, str]]] = []
    for rows in files:
        if rows.path in in_step:
            steps.append(Step())
            in_step = set()
        step = steps[-1]
        in_step.add(rows.path)
        previous = docs_of.pop(rows.path, set())
        for doc_id in previous:
            linked[doc_id].discard(rows.path)
        skipped.append(_link(rows, step, stored, linked, docs_of.setdefault(rows.path, set())))
        step.files.append(rows)
        step.orphans = sorted(d for d in previous if not linked[d])
        if step.orphans:
            stored.difference_update(step.orphans)
            steps.append(Step())
            in_step = set()
    return [s for s in steps if s.files], skipped


def _link(
    rows: FileRows, step: Step, stored: set[str], linked: dict[str, set[str]], docs: set[str]
) -> list[tuple[Document, str]]:
    """Add one file's documents to `step`: new ones stored, every one linked; returns those stored before."""
    skipped = []
    for entry in rows.documents:
        doc = entry[0]
        linking = linked.setdefault(doc.id, set())
        if doc.id not in stored:
            stored.add(doc.id)
            step.new.append(entry)
        elif linking:
            skipped.append((doc, min(linking)))
        linking.add(rows.path)
        docs.add(doc.id)
        step.links.append((doc.id, rows.path, doc.origin))
    return skipped
