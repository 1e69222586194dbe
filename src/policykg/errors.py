"""One exception root. Every failure a user can cause is a Problem with a place and a fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    where: str  # "file", "file:line" or "doc@offset"
    message: str
    fix: str = ""

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}"
        return f"{text} (fix: {self.fix})" if self.fix else text


class PolicykgError(Exception):
    """Root of every error policykg raises on purpose."""


class InputError(PolicykgError):
    """Bad input: one or more problems, all reported together."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class NotFoundError(PolicykgError):
    """A name, query or report the user asked for does not exist."""


class BackendError(PolicykgError):
    """A backend (Neo4j) could not be reached or refused the work."""
