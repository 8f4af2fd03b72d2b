"""Calendar arithmetic the rules share."""

import calendar
import datetime


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (or earlier, when negative), or the month's last day where it is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def exists_locally(naive: datetime.datetime, zone: datetime.tzinfo) -> bool:
    """False for a wall time skipped when the clocks go forward (28.3.2027 03:30 in Helsinki)."""
    aware = naive.replace(tzinfo=zone)
    return aware.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None) == naive


def happens_twice(naive: datetime.datetime, zone: datetime.tzinfo) -> bool:
    """True for a wall time repeated when the clocks go back (31.10.2027 03:30 in Helsinki)."""
    first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    return exists_locally(naive, zone) and first.utcoffset() != second.utcoffset()


def nearest_existing(naive: datetime.datetime, zone: datetime.tzinfo) -> datetime.datetime:
    """The closest wall time that exists, minute by minute (the later one when two are as close)."""
    for minutes in range(1, 24 * 60):
        for candidate in (naive + datetime.timedelta(minutes=minutes), naive - datetime.timedelta(minutes=minutes)):
            if exists_locally(candidate.replace(second=0, microsecond=0), zone):
                return candidate.replace(second=0, microsecond=0)
    return naive
