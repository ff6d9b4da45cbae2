"""Every target-date expression of the five seed documents, read as the plans read them.

Copied from the documents (never read from them at test time), with the
plan's financial year: 000 Inclusion Strategy 2025/26, 001 Year Ahead Plan
2021/22, 002 Year Ahead Delivery Plan 2023/24 (the plan's own financial_year: the
year ahead from 2023), 003 Improvement Plan 2016/17, 004 Equality Plan 2022/23.
Each expression is as written in the document or as the plan file keeps it
(remarks in brackets included); the plans' `period:` values are here too.
"""

from __future__ import annotations

from datetime import date as d

import pytest

from plantrack.dates import DateError, parse

ONGOING = "ongoing"  # no window, no deadline

SEEDS = [
    # 000 Inclusion Strategy Action Plan (FY 2025/26)
    ("Q4 25/26", "2025/26", d(2026, 1, 1), d(2026, 3, 31)),
    ("Q4 2025/26", "2025/26", d(2026, 1, 1), d(2026, 3, 31)),
    ("Q1 26/27", "2025/26", d(2026, 4, 1), d(2026, 6, 30)),
    ("Q2 26/27", "2025/26", d(2026, 7, 1), d(2026, 9, 30)),
    ("Q3 26/27", "2025/26", d(2026, 10, 1), d(2026, 12, 31)),
    ("Q4 26/27", "2025/26", d(2027, 1, 1), d(2027, 3, 31)),
    ("Q1 & Q3 26/27", "2025/26", d(2026, 4, 1), d(2026, 12, 31)),
    ("Ongoing throughout", "2025/26", ONGOING, None),
    ("end of Q2 26/27", "2025/26", d(2026, 9, 30), d(2026, 9, 30)),
    ("Q2 & Q4 26/27", "2025/26", d(2026, 7, 1), d(2027, 3, 31)),
    ("February 2026 to March 2027", "2025/26", d(2026, 2, 1), d(2027, 3, 31)),  # the period
    # 001 Year Ahead Plan milestone tracker (FY 2021/22)
    ("March 2022", "2021/22", d(2022, 3, 1), d(2022, 3, 31)),
    ("July 2021", "2021/22", d(2021, 7, 1), d(2021, 7, 31)),
    ("November 2021", "2021/22", d(2021, 11, 1), d(2021, 11, 30)),
    ("June 2021", "2021/22", d(2021, 6, 1), d(2021, 6, 30)),
    ("April 2022", "2021/22", d(2022, 4, 1), d(2022, 4, 30)),
    ("by June 2022", "2021/22", None, d(2022, 6, 30)),
    ("by March 2022", "2021/22", None, d(2022, 3, 31)),
    ("end of March 2022", "2021/22", d(2022, 3, 31), d(2022, 3, 31)),
    ("end of December 2021", "2021/22", d(2021, 12, 31), d(2021, 12, 31)),
    ("end of 2021", "2021/22", d(2021, 12, 31), d(2021, 12, 31)),
    ("late January 2022", "2021/22", d(2022, 1, 21), d(2022, 1, 31)),
    ("late 2022", "2021/22", d(2022, 9, 1), d(2022, 12, 31)),
    ("from July 2021", "2021/22", d(2021, 7, 1), None),
    ("from July 2025", "2021/22", d(2025, 7, 1), None),
    ("July – November 2021", "2021/22", d(2021, 7, 1), d(2021, 11, 30)),
    ("Ongoing", "2021/22", ONGOING, None),
    ("Ongoing for the duration of the pandemic", "2021/22", ONGOING, None),
    ("Ongoing (specific datasets included by August 2021)", "2021/22", ONGOING, None),
    ("2021/22", "2021/22", d(2021, 4, 1), d(2022, 3, 31)),  # the period
    ("n/a", "2021/22", ONGOING, None),
    ("August 2021", "2021/22", d(2021, 8, 1), d(2021, 8, 31)),
    ("August 2022", "2021/22", d(2022, 8, 1), d(2022, 8, 31)),
    ("September 2021", "2021/22", d(2021, 9, 1), d(2021, 9, 30)),
    ("October 2021", "2021/22", d(2021, 10, 1), d(2021, 10, 31)),
    ("December 2021", "2021/22", d(2021, 12, 1), d(2021, 12, 31)),
    ("January 2022", "2021/22", d(2022, 1, 1), d(2022, 1, 31)),
    ("February 2022", "2021/22", d(2022, 2, 1), d(2022, 2, 28)),
    ("June 2022", "2021/22", d(2022, 6, 1), d(2022, 6, 30)),
    ("January 2023", "2021/22", d(2023, 1, 1), d(2023, 1, 31)),
    ("March 2023", "2021/22", d(2023, 3, 1), d(2023, 3, 31)),
    ("May 2021", "2021/22", d(2021, 5, 1), d(2021, 5, 31)),
    ("Summer 2022", "2021/22", d(2022, 6, 1), d(2022, 8, 31)),
    ("by August 2022", "2021/22", None, d(2022, 8, 31)),
    ("by January", "2021/22", None, d(2022, 1, 31)),
    ("by November", "2021/22", None, d(2021, 11, 30)),
    ("early March", "2021/22", d(2022, 3, 1), d(2022, 3, 10)),
    ("before March 2022", "2021/22", None, d(2022, 2, 28)),
    ("From September 2021", "2021/22", d(2021, 9, 1), None),
    ("From July 2021 (ongoing to October 2022)", "2021/22", d(2021, 7, 1), None),
    (
        "July 2021 (subject to government guidance and local decisions)",
        "2021/22",
        d(2021, 7, 1),
        d(2021, 7, 31),
    ),
    ("July 2021 – November 2021", "2021/22", d(2021, 7, 1), d(2021, 11, 30)),
    ("June – November 2021", "2021/22", d(2021, 6, 1), d(2021, 11, 30)),
    ("May – July 2021", "2021/22", d(2021, 5, 1), d(2021, 7, 31)),
    ("July to September 2021", "2021/22", d(2021, 7, 1), d(2021, 9, 30)),
    ("April 2020 – June 2020", "2021/22", d(2020, 4, 1), d(2020, 6, 30)),
    ("April 2021 – June 2021", "2021/22", d(2021, 4, 1), d(2021, 6, 30)),
    ("January 2021 - June 2021", "2021/22", d(2021, 1, 1), d(2021, 6, 30)),
    ("October 2020 – March 2021", "2021/22", d(2020, 10, 1), d(2021, 3, 31)),
    ("October 2020 – May 2021", "2021/22", d(2020, 10, 1), d(2021, 5, 31)),
    (
        "September 2020 – November 2021 (ongoing to March 2022)",
        "2021/22",
        d(2020, 9, 1),
        d(2021, 11, 30),
    ),
    ("October 2021, January 2022", "2021/22", d(2021, 10, 1), d(2022, 1, 31)),
    # 002 Year Ahead Delivery Plan 2023 (FY 2023/24: see the plan's header comment)
    ("Quarter 4", "2023/24", d(2024, 1, 1), d(2024, 3, 31)),
    ("Quarter 1", "2023/24", d(2023, 4, 1), d(2023, 6, 30)),
    ("Quarter 2", "2023/24", d(2023, 7, 1), d(2023, 9, 30)),
    ("ongoing to Quarter 4 2025/26", "2023/24", None, d(2026, 3, 31)),  # 3.11
    ("2023/24", "2023/24", d(2023, 4, 1), d(2024, 3, 31)),  # the period
    # 003 Improvement Plan phase 2 (FY 2016/17); a leading dash means "by"
    ("– July 2016", "2016/17", None, d(2016, 7, 31)),
    ("– Autumn 2016", "2016/17", None, d(2016, 11, 30)),
    ("– October 2016", "2016/17", None, d(2016, 10, 31)),
    ("– November 2016", "2016/17", None, d(2016, 11, 30)),
    ("– March 2017", "2016/17", None, d(2017, 3, 31)),
    ("– early 2017", "2016/17", None, d(2017, 4, 30)),
    ("– August 2016", "2016/17", None, d(2016, 8, 31)),
    ("– Summer 2016", "2016/17", None, d(2016, 8, 31)),
    ("– May 2017", "2016/17", None, d(2017, 5, 31)),
    ("– June 2016", "2016/17", None, d(2016, 6, 30)),
    ("- June 2016", "2016/17", None, d(2016, 6, 30)),
    ("– September 2016", "2016/17", None, d(2016, 9, 30)),
    ("– February 2017", "2016/17", None, d(2017, 2, 28)),
    ("– December 2016", "2016/17", None, d(2016, 12, 31)),
    ("– May 2016", "2016/17", None, d(2016, 5, 31)),
    ("– November to December 2016", "2016/17", None, d(2016, 12, 31)),
    ("– May to July 2016", "2016/17", None, d(2016, 7, 31)),
    ("– June-August 2016", "2016/17", None, d(2016, 8, 31)),
    ("– July to September 2016", "2016/17", None, d(2016, 9, 30)),
    ("– July to October 2016", "2016/17", None, d(2016, 10, 31)),
    ("– August - September 2016", "2016/17", None, d(2016, 9, 30)),
    ("– end August 2016", "2016/17", d(2016, 8, 31), d(2016, 8, 31)),
    ("– end July 2016", "2016/17", d(2016, 7, 31), d(2016, 7, 31)),
    ("– end June 2016", "2016/17", d(2016, 6, 30), d(2016, 6, 30)),
    ("– end December 2016", "2016/17", d(2016, 12, 31), d(2016, 12, 31)),
    ("– by end January 2017", "2016/17", None, d(2017, 1, 31)),
    ("– from Summer 2016", "2016/17", d(2016, 6, 1), None),
    ("– Aug/Sept 2016", "2016/17", None, d(2016, 9, 30)),  # one month or the other
    ("Aug/Sept 2016", "2016/17", d(2016, 8, 1), d(2016, 9, 30)),
    ("end April/ May 2016 onwards", "2016/17", d(2016, 4, 30), None),
    (
        "August - September 2016 (and ongoing quarterly reports beyond this)",
        "2016/17",
        d(2016, 8, 1),
        d(2016, 9, 30),
    ),
    ("May 2016 (and ongoing)", "2016/17", d(2016, 5, 1), d(2016, 5, 31)),
    (
        "July 2016 (policy to be published alongside finalised Corporate Plan)",
        "2016/17",
        d(2016, 7, 1),
        d(2016, 7, 31),
    ),
    ("by March 2017 (and ongoing)", "2016/17", None, d(2017, 3, 31)),
    ("by March 2017 (see also Action 2)", "2016/17", None, d(2017, 3, 31)),
    ("by end January 2017", "2016/17", None, d(2017, 1, 31)),
    ('end June 2016 (with "quality" audits to follow).', "2016/17", d(2016, 6, 30), d(2016, 6, 30)),
    ("from May 2016 onwards", "2016/17", d(2016, 5, 1), None),
    ("from Sept. 2016", "2016/17", d(2016, 9, 1), None),
    ("from end May 2016", "2016/17", d(2016, 5, 31), None),
    ("May 2016 to May 2017", "2016/17", d(2016, 5, 1), d(2017, 5, 31)),  # the period
    ("Sept 2016", "2016/17", d(2016, 9, 1), d(2016, 9, 30)),
    ("June 2016", "2016/17", d(2016, 6, 1), d(2016, 6, 30)),
    ("July 2016", "2016/17", d(2016, 7, 1), d(2016, 7, 31)),
    ("August 2016", "2016/17", d(2016, 8, 1), d(2016, 8, 31)),
    ("September 2016", "2016/17", d(2016, 9, 1), d(2016, 9, 30)),
    ("November 2016", "2016/17", d(2016, 11, 1), d(2016, 11, 30)),
    ("December 2016", "2016/17", d(2016, 12, 1), d(2016, 12, 31)),
    ("February 2017", "2016/17", d(2017, 2, 1), d(2017, 2, 28)),
    ("March 2017", "2016/17", d(2017, 3, 1), d(2017, 3, 31)),
    ("May 2017", "2016/17", d(2017, 5, 1), d(2017, 5, 31)),
    ("July to September 2016", "2016/17", d(2016, 7, 1), d(2016, 9, 30)),
    ("July to October 2016", "2016/17", d(2016, 7, 1), d(2016, 10, 31)),
    ("June-August 2016", "2016/17", d(2016, 6, 1), d(2016, 8, 31)),
    ("May to July 2016", "2016/17", d(2016, 5, 1), d(2016, 7, 31)),
    ("November to December 2016", "2016/17", d(2016, 11, 1), d(2016, 12, 31)),
    ("2016/17", "2016/17", d(2016, 4, 1), d(2017, 3, 31)),
    ("ongoing", "2016/17", ONGOING, None),
    ("– ongoing from May 2016", "2016/17", d(2016, 5, 1), None),
    ("from May 2016", "2016/17", d(2016, 5, 1), None),
    ("ongoing from May 2016", "2016/17", d(2016, 5, 1), None),
    ("from June 2016", "2016/17", d(2016, 6, 1), None),
    ("from July 2016", "2016/17", d(2016, 7, 1), None),
    ("from August 2016", "2016/17", d(2016, 8, 1), None),
    ("from October 2016", "2016/17", d(2016, 10, 1), None),
    ("from September 2016", "2016/17", d(2016, 9, 1), None),
    ("from December 2016", "2016/17", d(2016, 12, 1), None),
    ("from February 2016", "2016/17", d(2016, 2, 1), None),
    ("from April 2016", "2016/17", d(2016, 4, 1), None),
    ("from March 2017", "2016/17", d(2017, 3, 1), None),
    ("from Summer 2016", "2016/17", d(2016, 6, 1), None),
    ("from Autumn 2016", "2016/17", d(2016, 9, 1), None),
    ("from 2016/17", "2016/17", d(2016, 4, 1), None),
    ("Autumn 2016", "2016/17", d(2016, 9, 1), d(2016, 11, 30)),
    ("Summer 2016", "2016/17", d(2016, 6, 1), d(2016, 8, 31)),
    ("by March 2017", "2016/17", None, d(2017, 3, 31)),
    ("by November 2016", "2016/17", None, d(2016, 11, 30)),
    ("by September 2016", "2016/17", None, d(2016, 9, 30)),
    ("by October 2016", "2016/17", None, d(2016, 10, 31)),
    ("by Autumn 2016", "2016/17", None, d(2016, 11, 30)),
    ("by March", "2016/17", None, d(2017, 3, 31)),
    ("end May 2016", "2016/17", d(2016, 5, 31), d(2016, 5, 31)),
    ("end June 2016", "2016/17", d(2016, 6, 30), d(2016, 6, 30)),
    ("end July 2016", "2016/17", d(2016, 7, 31), d(2016, 7, 31)),
    ("end August 2016", "2016/17", d(2016, 8, 31), d(2016, 8, 31)),
    ("end December 2016", "2016/17", d(2016, 12, 31), d(2016, 12, 31)),
    ("end January 2017", "2016/17", d(2017, 1, 31), d(2017, 1, 31)),
    ("end of July", "2016/17", d(2016, 7, 31), d(2016, 7, 31)),
    ("by end of July", "2016/17", None, d(2016, 7, 31)),  # 1.1.g-1, the draft strategy
    ("end April", "2016/17", d(2016, 4, 30), d(2016, 4, 30)),
    ("early 2017", "2016/17", d(2017, 1, 1), d(2017, 4, 30)),
    ("May to June 2016", "2016/17", d(2016, 5, 1), d(2016, 6, 30)),
    ("May 2016", "2016/17", d(2016, 5, 1), d(2016, 5, 31)),
    ("October 2016", "2016/17", d(2016, 10, 1), d(2016, 10, 31)),
    ("May", "2016/17", d(2016, 5, 1), d(2016, 5, 31)),
    ("February", "2016/17", d(2017, 2, 1), d(2017, 2, 28)),
    # 004 Equality Plan year 2 (FY 2022/23); the document puts periods in brackets
    ("(April to June)", "2022/23", d(2022, 4, 1), d(2022, 6, 30)),
    ("April to June", "2022/23", d(2022, 4, 1), d(2022, 6, 30)),
    ("July to September", "2022/23", d(2022, 7, 1), d(2022, 9, 30)),
    ("October to December", "2022/23", d(2022, 10, 1), d(2022, 12, 31)),
    ("January to March", "2022/23", d(2023, 1, 1), d(2023, 3, 31)),
    ("(January to March 2023)", "2022/23", d(2023, 1, 1), d(2023, 3, 31)),
    ("July to December", "2022/23", d(2022, 7, 1), d(2022, 12, 31)),
    ("January to March 2023", "2022/23", d(2023, 1, 1), d(2023, 3, 31)),
    ("throughout the year", "2022/23", ONGOING, None),
    ("across the year", "2022/23", ONGOING, None),  # A3.a, A5.b as the source words them
    ("ongoing", "2022/23", ONGOING, None),
    ("2022/23", "2022/23", d(2022, 4, 1), d(2023, 3, 31)),  # the period
]


@pytest.mark.parametrize(
    ("text", "fy", "start", "deadline"), SEEDS, ids=[f"{row[0]}@{row[1]}" for row in SEEDS]
)
def test_seed_expression(text, fy, start, deadline):
    window = parse(text, fy)
    if start == ONGOING:
        assert (window.start, window.end, window.deadline) == (None, None, None)
        return
    assert (window.start, window.deadline) == (start, deadline)


# Expressions in the seeds that are not a date a person would accept as written.
NOT_DATES = [
    # 002: a single-year quarter is ambiguous; the plan writes the financial year it
    # reads ("ongoing to Quarter 4 2025/26") and keeps the words in notes.
    ("Ongoing to Quarter 4 2025", "2023/24", "ambiguous"),
    # 000: one cell holding two dates for two bullets of one action.
    ("Q1 & Q3 26/27 Q2 & Q4 26/27", "2025/26", "unexpected"),
    # 003: "by March 17" is March 2017 to its author, 17 March to a reader; the plan
    # writes "by March 2017".
    ("by March 17", "2016/17", "ambiguous"),
    # 003: the "Period" column of the phase-two milestone table names the phase's own
    # quarters (June-August ...), not financial quarters; its milestones carry their dates.
    ("Quarter 1 – to August 2016", "2016/17", "'to' is not a date"),
    ("Quarter 4 – to May 2017", "2016/17", "'to' is not a date"),
]


@pytest.mark.parametrize(("text", "fy", "message"), NOT_DATES)
def test_seed_expression_that_is_not_a_date(text, fy, message):
    with pytest.raises(DateError) as caught:
        parse(text, fy)
    assert message in caught.value.message
