"""User-facing problems.

Every error a user can cause is a `Problem`: it names the file and, where it applies, the row and column
(spreadsheets) or line (YAML), says what is wrong and what is expected. Loaders collect problems into a
`ProblemList` so that a run reports all of them at once; `DossierError` carries them to the CLI, which prints
them and exits with status 2. Messages are Chinese: they are read by the people who prepare the dossier.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    message: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    line: int | None = None
    hint: str | None = None

    def location(self) -> str:
        parts = []
        if self.file:
            parts.append(str(self.file))
        if self.row is not None:
            parts.append(f"第{self.row}行")
        if self.column:
            parts.append(f"“{self.column}”列")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        return "，".join(parts)

    def __str__(self) -> str:
        loc = self.location()
        text = f"{loc}：{self.message}" if loc else self.message
        if self.hint:
            text += f"（{self.hint}）"
        return text


class DossierError(Exception):
    """One or more problems the user must fix; the CLI prints them and exits 2."""

    def __init__(self, problems: "list[Problem] | Problem | str"):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):
        # keep the structured problems when the error crosses a process boundary (parallel binding)
        return (DossierError, (self.problems,))


@dataclass
class ProblemList:
    """Collects problems across a whole load so they are reported together."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, message: str, **where) -> None:
        self.problems.append(Problem(message, **where))

    def extend(self, other: "ProblemList | list[Problem]") -> None:
        self.problems.extend(other.problems if isinstance(other, ProblemList) else other)

    def __bool__(self) -> bool:
        return bool(self.problems)

    def __len__(self) -> int:
        return len(self.problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise DossierError(self.problems)
