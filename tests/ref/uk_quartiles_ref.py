#!/usr/bin/python3
"""The UK quartile pay bands (regulation 13 of the Equality Act 2010
(Gender Pay Gap Information) Regulations 2017, SI 2017/172), applied step
by step in exact fractions, for tests/test_equity.c's tie case.

Step 1: rank the full-pay relevant employees by hourly rate.
Step 2: divide them into four sections of equal number; when the count is
        not a multiple of four, the remainder goes one each to the lower
        section, then the upper middle, then the lower middle.
Step 3: employees on the same hourly rate are one group; where such a
        group straddles a section boundary its members are shared between
        the sections in the group's own female / male proportion, so every
        place in the ranking counts as the group's share of women.
Step 4: the proportion of women (and men) in each section, to one decimal
        place of a percentage as the service takes it.

This is written independently of lib/pay/equity_uk.c: it assigns each
place to its section, where the library walks the groups and overlaps
them with the sections.

Run: /usr/bin/python3 tests/ref/uk_quartiles_ref.py
"""
from decimal import Decimal, ROUND_HALF_UP
from fractions import Fraction


def sections(n):
    q, r = divmod(n, 4)
    size = [q, q, q, q]
    for k in [0, 2, 1][:r]:  # lower, upper middle, lower middle
        size[k] += 1
    return size


def quartiles(rates, female):
    order = sorted(range(len(rates)), key=lambda i: rates[i])
    ranked = [(rates[i], female[i]) for i in order]
    share = {}
    for rate in set(rates):
        group = [f for r, f in ranked if r == rate]
        share[rate] = Fraction(sum(group), len(group))
    size = sections(len(ranked))
    women, place = [], 0
    for k in range(4):
        w = sum(share[ranked[p][0]] for p in range(place, place + size[k]))
        women.append(w / size[k])
        place += size[k]
    return women


def percent(x):
    return Decimal(x.numerator * 100) / Decimal(x.denominator)


def one_decimal(x):
    return percent(x).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# The tie case: 11 employees (sections of 3, 3, 3 and 2), five on 12.00
# an hour (2 women, 3 men) at places 3 to 7, across two boundaries.
RATES = [10, 11, 12, 12, 12, 12, 12, 13, 14, 15, 16]
FEMALE = [1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1]

if __name__ == "__main__":
    print("sections", sections(len(RATES)))
    for k, w in enumerate(quartiles(RATES, FEMALE)):
        print("band %d: women %s = %.17g (%s %%), men %s" %
              (k, w, float(w), one_decimal(w), one_decimal(1 - w)))
