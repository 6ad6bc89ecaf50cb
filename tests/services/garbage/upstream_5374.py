"""A line-by-line port of the 5374 app's date calculation, used as the reference in tests.

Ported from codeforkanazawa-org/5374 ``js/script.js`` (``TrashModel`` constructor and
``calcMostRect``), MPL-2.0, written independently of ``services.garbage.rules`` so that
the two can be compared. Kept JavaScript's quirks: a cell with any token that is not a
weekday, weekday+digit, ``*N`` or ``隔…`` is irregular and only its dates count; month
flags after the colon; centres compared with midnight dates, both ends inclusive.
``week_shift`` is setting.js ``WeekShift``; off, a day inside the shutdown is skipped.
"""

from datetime import date, timedelta

DAY_ENUM = ["日", "月", "火", "水", "木", "金", "土"]  # JavaScript getDay(): Sunday = 0


def js_get_day(day: date) -> int:
    return (day.weekday() + 1) % 7


def trash_model_dates(cell, months_window, centre=None, week_shift=False):
    """Every date TrashModel.calcMostRect lists for one cell, for (year, month) pairs in months_window."""
    mflag = [0] * 12
    if ":" in cell:
        before, after = cell.split(":", 1)
        day_cell = before.split(" ")
        mm = after.split(" ")
    else:
        day_cell = cell.split(" ")
        mm = ["4", "5", "6", "7", "8", "9", "10", "11", "12", "1", "2", "3"]
    for m in mm:
        if m.isdigit() and 1 <= int(m) <= 12:
            mflag[int(m) - 1] = 1
    regular = True
    tokens = []
    for token in day_cell:
        if len(token) == 1 or len(token) == 2 and token[0] != "*":
            tokens.append(token)
        elif len(token) == 2 and token[0] == "*":
            continue  # remarks: shown, never a date
        elif len(token) == 10 and token[0] == "隔":
            tokens.append(token[1:])
        else:
            regular = False
    found = []
    if regular:
        for year, month in months_window:
            if mflag[month - 1] == 0:
                continue
            for token in tokens:
                is_shift = False
                for week in range(5):
                    first = date(year, month, 1)
                    offset = (7 + DAY_ENUM.index(token[0]) - js_get_day(first)) % 7
                    d = first + timedelta(days=offset + week * 7)
                    if centre is not None and centre[0] <= d <= centre[1]:
                        if week_shift:
                            is_shift = True
                        else:
                            continue
                    if is_shift:
                        d = d + timedelta(days=7)
                    if d.month != month:
                        continue
                    if len(token) == 2 and week != int(token[1]) - 1:
                        continue
                    if len(token) == 9:  # every other week from the date after the weekday
                        anchor = date(int(token[1:5]), int(token[5:7]), int(token[7:9]))
                        original = first + timedelta(days=offset + week * 7)
                        if original < anchor or (original - anchor).days % 14:
                            continue
                    found.append(d)
    else:
        for token in day_cell:
            try:
                found.append(date(int(token[0:4]), int(token[4:6]), int(token[6:8])))
            except ValueError:
                continue  # new Date(NaN…) is an Invalid Date: never shown
    return sorted(found)
