"""Date arithmetic the drafts need: months added, month ends, and which 日期 entries name the inspection visit."""
from __future__ import annotations

import calendar
import datetime as dt

# the dossier.yaml 日期 entries that may give the inspection (汇报/迎检) date, first found wins
VISIT_DATES = ("汇报", "迎检", "督导评估", "评估")


def add_months(d: dt.date, n: int) -> dt.date:
    """The first day of the month `n` months after `d`'s month."""
    y, m = divmod(d.month - 1 + n, 12)
    return dt.date(d.year + y, m + 1, 1)


def month_end(d: dt.date) -> dt.date:
    return dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
