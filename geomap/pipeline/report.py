"""What a run read, skipped and wrote: the per-file entries and totals of report.json."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from geomap.errors import GeomapError
from geomap.models import Problem
from geomap.textsafe import shown

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FileReport", "RunReport", "BuildResult", "Ledger", "NoArticlesError"]


@dataclass
class FileReport:
    """What happened to one input file."""

    path: str
    articles: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def status(self) -> str:
        """processed (all read), partial (some records skipped) or skipped (nothing read)."""
        if self.articles == 0:
            return "skipped"
        if any(p.severity == "skipped" for p in self.problems):
            return "partial"
        return "processed"

    def to_dict(self) -> dict[str, Any]:
        """The file's entry of report.json."""
        return {
            "path": shown(self.path),
            "status": self.status,
            "articles": self.articles,
            "problems": [
                {"line": p.line, "reason": shown(p.reason), "severity": p.severity}
                for p in self.problems
            ],
        }


@dataclass
class RunReport:
    """What a run read, skipped and wrote: the content of report.json."""

    files: dict[str, FileReport] = field(default_factory=dict)
    events: int = 0
    mentions: int = 0
    #: What the run as a whole decided and why, e.g. that it gives no default year.
    notes: list[str] = field(default_factory=list)

    def file(self, path: str) -> FileReport:
        """The entry of ``path`` (made empty the first time)."""
        if path not in self.files:
            self.files[path] = FileReport(path)
        return self.files[path]

    def add_problem(self, problem: Problem) -> None:
        """Record ``problem`` in the entry of its file."""
        self.file(problem.path).problems.append(problem)

    @property
    def problems(self) -> list[Problem]:
        """Every problem, file by file."""
        return [p for f in self.files.values() for p in f.problems]

    @property
    def skipped(self) -> int:
        """The number of problems that skipped a file or a record."""
        return sum(1 for p in self.problems if p.severity == "skipped")

    @property
    def articles(self) -> int:
        """The number of articles read."""
        return sum(f.articles for f in self.files.values())

    @property
    def complete(self) -> bool:
        """True when nothing was lost: every input file found, named or in a folder, gave
        articles, and no file or record was skipped (what ``--strict`` asks for). A file
        ignored in a folder (not a supported type) makes a run incomplete."""
        return self.skipped == 0 and all(f.articles > 0 for f in self.files.values())

    def to_dict(self) -> dict[str, Any]:
        """The content of report.json: each file's entry, sorted by path, and totals."""
        files = [self.files[k].to_dict() for k in sorted(self.files)]
        notes = {"notes": [shown(n) for n in self.notes]} if self.notes else {}
        return {
            "inputs": files,
            "totals": {
                "files": len(files),
                "processed": sum(f["status"] == "processed" for f in files),
                "partial": sum(f["status"] == "partial" for f in files),
                "skipped_files": sum(f["status"] == "skipped" for f in files),
                "articles": sum(f["articles"] for f in files),
                "skipped": self.skipped,
                "warnings": sum(1 for p in self.problems if p.severity == "warning"),
                "mentions": self.mentions,
                "events": self.events,
            },
            **notes,
        }


@dataclass
class BuildResult:
    """The events of a run, its place mentions (``geomap.schema.MENTION_COLUMNS``; None
    when not made) and its report."""

    events: pd.DataFrame
    report: RunReport
    mentions: pd.DataFrame | None = None


class NoArticlesError(GeomapError):
    """A run read no article at all: nothing is written, earlier outputs are left as they
    were. ``report`` says what became of each input."""

    def __init__(self, report: RunReport) -> None:
        self.report = report
        files = len(report.files)
        super().__init__(
            f"no article was read from the inputs ({files} file{'s' if files != 1 else ''} "
            "found; see the problems above); nothing was written"
        )


class Ledger:
    """What a pass records of the inputs as they are read: each file's entry, its problems
    and articles, and the renaming of duplicate ids.

    Parameters
    ----------
    report : RunReport
        Where the entries are recorded.
    """

    def __init__(self, report: RunReport) -> None:
        self.report = report
        self.entry = FileReport("")  # until the first path (which comes before anything)
        #: every id given so far, read or made by a renaming, with the last ``#n`` tried
        self.seen: dict[str, int] = {}

    def note(self, item: str | Problem) -> None:
        """A file's path (its entry opens) or a problem of the entry last opened."""
        if isinstance(item, str):
            self.entry = self.report.file(item)
        else:
            self.entry.problems.append(item)

    def article(
        self, art_id: str, path: str, line: int | None, problems: Sequence[Problem]
    ) -> str | None:
        """An article read, with its problems; its new id when ``art_id`` came before.

        The new id is ``art_id#2``, ``#3``… the first of them that no article has had yet,
        read or renamed (an input may hold a real ``x#2`` too); each renaming is reported.
        """
        entry = self.entry
        entry.problems.extend(problems)
        entry.articles += 1
        seen = self.seen
        n = seen.get(art_id)
        if n is None:
            seen[art_id] = 1
            return None
        new_id = f"{art_id}#{n + 1}"
        while new_id in seen:
            n += 1
            new_id = f"{art_id}#{n + 1}"
        seen[art_id] = n + 1
        seen[new_id] = 1
        entry.problems.append(
            Problem(path, f"duplicate article id {art_id!r}; renamed {new_id}", line)
        )
        return new_id
