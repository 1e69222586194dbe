"""Federal Register citations as the screening list writes them ("84 FR 22961", "58 F.R. 42719 8/11/93", "Vol. 78,
No. 136, 07/16/2013"), parsed into volume, page, issue and date; what cannot be read is reported, not guessed."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

FR_BASE_YEAR = 1935  # Federal Register volume N covers calendar year 1935 + N (volume 1 = 1936)


@dataclass(frozen=True)
class FRCitation:
    """One Federal Register notice: volume and page, and the date when the record states it."""

    volume: int | None
    page: int | None
    issue: int | None = None
    date: str | None = None  # ISO date as the record states it
    volume_inferred: bool = False  # volume missing in the record, taken from the stated date's year

    @property
    def year(self) -> int | None:
        if self.date:
            return int(self.date[:4])
        return fr_year(self.volume) if self.volume is not None else None

    @property
    def when(self) -> str | None:
        """The stated date, or the year the volume implies."""
        return self.date or (str(self.year) if self.year is not None else None)

    def __str__(self) -> str:
        if self.page is None:
            return f"{self.volume} FR No. {self.issue}" if self.issue is not None else f"{self.volume} FR"
        return f"{self.volume} FR {self.page}"


def fr_year(volume: int) -> int:
    return FR_BASE_YEAR + volume


_DATE = r"(?:dated\s*)?\(?(?P<date>\d{1,2}/\d{1,3}/\d{1,4})\)?"
_FR_PATTERNS = (
    # "76 FR No. 197 (10/12/2011)", "76 FR no. 242 pg. 78146": issue number, page perhaps
    re.compile(r"(?P<vol>\d{1,3})\s*F\.?\s?R\.?\s*No\.?\s*(?P<issue>\d+)(?:,?\s*pg\.?\s*(?P<page>\d{1,6}))?"
               r"(?:[\s,.;]*" + _DATE + r")?", re.IGNORECASE),
    # "84 FR 22961", "58 F.R. 42719 8/11/93", "81.F.R. 22576", "77 FR 58006 (no. 182)", "82 F.R. 16786, 16787 4/16/17"
    re.compile(r"(?:(?P<vol>\d{1,3})\s*\.?\s*)?F\.?\s?R\.?\s*(?P<page>\d{1,6})(?![\d/])"
               r"(?:,\s*(?P<page2>\d{3,6})(?=\s+\d{1,2}/))?(?:,?\s*\(?No\.?\s*(?P<issue>\d+)\)?)?"
               r"(?:[\s,.;]*" + _DATE + r")?", re.IGNORECASE),
    # "72 F.R. 1/30/07": a notice known by its date only
    re.compile(r"(?P<vol>\d{1,3})\s*F\.?\s?R\.?\s*" + _DATE, re.IGNORECASE),
    # "Vol. 78, No. 136, 07/16/2013" (State Department notices)
    re.compile(r"Vol\.?\s*(?P<vol>\d{1,3}),\s*No\.?\s*(?P<issue>\d+),\s*" + _DATE, re.IGNORECASE),
    # "87 30173 5/18/2022": "F.R." left out; accepted only with a date after it
    re.compile(r"\b(?P<vol>\d{2,3})\s+(?P<page>\d{3,6})\s+" + _DATE),
)
_FR_SEPARATORS = re.compile(r"(?:\band\b|[\s,;.&])+", re.IGNORECASE)


def _us_date(text: str) -> str | None:
    """'8/11/93' or '8/11/1993' as ISO, or None when it is not a valid date."""
    month, day, year = (int(p) for p in text.split("/"))
    digits = len(text.rsplit("/", 1)[1])
    if digits == 2:
        year += 1900 if year >= 30 else 2000
    elif digits != 4:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_federal_register(text: str) -> tuple[list[FRCitation], list[str]]:
    """The notices a record cites, in the record's order, and what could not be read (one reason each)."""
    found: list[tuple[int, FRCitation]] = []
    problems: list[str] = []
    rest = text
    for pattern in _FR_PATTERNS:
        for m in pattern.finditer(rest):
            groups = m.groupdict()
            date = None
            if groups.get("date"):
                date = _us_date(groups["date"])
                if date is None:
                    problems.append(f"invalid date {groups['date']!r} in {m.group(0).strip()!r}")
            vol = int(groups["vol"]) if groups.get("vol") else None
            inferred = False
            if vol is None:
                if date is None:
                    problems.append(f"no volume in {m.group(0).strip()!r}")
                    continue
                vol, inferred = int(date[:4]) - FR_BASE_YEAR, True
            elif date is not None and fr_year(vol) != int(date[:4]):
                # the volume is the surer part (a date typo is likelier): keep its year, report both
                problems.append(f"{m.group(0).strip()!r}: volume {vol} is {fr_year(vol)} but the stated date is "
                                f"{date}; kept the volume's year")
                date = None
            issue = int(groups["issue"]) if groups.get("issue") else None
            pages = [groups.get("page"), groups.get("page2")]
            for page in dict.fromkeys(p for p in pages if p):  # "16786, 16786": one notice
                found.append((m.start(), FRCitation(vol, int(page), issue, date, inferred)))
            if not groups.get("page"):
                found.append((m.start(), FRCitation(vol, None, issue, date, inferred)))
        rest = pattern.sub(lambda m: " " * len(m.group(0)), rest)
    leftover = _FR_SEPARATORS.sub(" ", rest).strip()
    if leftover:
        problems.append(f"unread text {leftover!r}")
    found.sort(key=lambda x: x[0])
    return list(dict.fromkeys(c for _, c in found)), problems
