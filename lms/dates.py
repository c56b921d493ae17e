"""Calendar arithmetic shared by the apps (a platform helper: it imports no app)."""

import calendar
from datetime import date, datetime
from typing import TypeVar

Moment = TypeVar("Moment", date, datetime)


def add_months(moment: Moment, months: int) -> Moment:
    """`moment` (a date or a datetime) plus whole calendar months (31 January + 1 month =
    28/29 February). Certificates expire and knowledge-base standards fall due for review by it."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)
