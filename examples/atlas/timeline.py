"""The Atlas time axis: working days as floats, shared by generate.py and writer.py.

t = 0.0 is 09:00 on the program start; t = 1.5 is 13:00 on the next working day. Working days are
the program calendar's (Mon-Fri, 09:00-17:00 UTC, the holidays in record.py).
"""

import math
from datetime import date, timedelta

from record import HOLIDAYS

START = date(2026, 9, 28)
AS_OF = date(2026, 11, 23)

HOLIDAY_DATES = {d for d, _ in HOLIDAYS}


def _days(a, b):
    d = a
    while d <= b:
        yield d
        d += timedelta(days=1)


WORKDAYS = [d for d in _days(date(2026, 7, 1), date(2028, 6, 30))
            if d.weekday() < 5 and d not in HOLIDAY_DATES]
T0 = WORKDAYS.index(START)
DAY_INDEX = {d: i - T0 for i, d in enumerate(WORKDAYS)}
NOW = DAY_INDEX[AS_OF]  # 40.0: the status date, 09:00


def day_of(t):
    return WORKDAYS[T0 + math.floor(t)]


def t_of(d):
    """The first working day at or after d, as a time."""
    while d not in DAY_INDEX:
        d += timedelta(days=1)
    return float(DAY_INDEX[d])


def stamp(t):
    i = math.floor(t)
    minutes = 9 * 60 + int(round((t - i) * 480))
    minutes = min(minutes, 17 * 60 - 1)
    return f"{WORKDAYS[T0 + i].isoformat()}T{minutes // 60:02d}:{minutes % 60:02d}:00Z"
