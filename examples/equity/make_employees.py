#!/usr/bin/python3
"""Makes examples/equity/employees.csv: a synthetic workforce of 500 for
career-equity(1), the same file on every run (the generator is seeded).

Four categories of workers. The log of annual pay is a base per category,
+2 % a year of experience, +20 % a tier (0-3), a place (north, south,
remote), noise of 5 %, and in one category a penalty for women:

  Engineering  women have fewer years and lower tiers: a gap above 5 %
               that years and tier explain (adjusted gap near 0)
  Sales        the same, through the tier alone
  Operations   women paid 9 % less than men of the same years, tier and
               place: a gap above 5 % the factors do not explain
  Support      no gap to speak of

About one in ten works part time (paid by the hour or the week), some
are on reduced pay because of leave (full_pay 0), some have no sex
recorded (X), and most receive a bonus.

Run: /usr/bin/python3 examples/equity/make_employees.py [OUT.csv]
(default: employees.csv beside this script)
"""
import csv
import math
import os
import random
import sys

SEED = 20260607  # the directive's transposition deadline
CATEGORIES = [
    # name, count, base annual pay, women's mean years, men's, tier shift
    # of women, unexplained penalty for women
    ("Engineering", 160, 62000, 5.5, 10.0, -0.6, 0.00),
    ("Sales", 120, 48000, 8.0, 8.0, -0.9, 0.00),
    ("Operations", 130, 41000, 8.0, 8.0, 0.0, -0.09),
    ("Support", 90, 36000, 7.0, 7.0, 0.0, 0.00),
]
PLACES = [("north", 0.00), ("south", -0.06), ("remote", 0.03)]


def worker(rng, n, cat):
    name, _, base, fy, my, tier_shift, penalty = cat
    roll = rng.random()
    sex = "X" if roll < 0.02 else ("F" if roll < 0.51 else "M")
    female = sex == "F"
    years = max(0.0, rng.gauss(fy if female else my, 4.0))
    tier = int(min(3, max(0, round(years / 5 + rng.gauss(0, 0.5) +
                                   (tier_shift if female else 0)))))
    place, place_effect = PLACES[rng.randrange(3)]
    log_pay = (math.log(base) + 0.02 * years + 0.20 * tier + place_effect +
               rng.gauss(0, 0.05) + (penalty if female else 0))
    annual = math.exp(log_pay)
    hours, period, pay = 40.0, "year", annual
    if rng.random() < 0.10:  # part time: paid by the hour or the week
        hours = rng.choice([20.0, 24.0, 30.0])
        annual *= hours / 40.0
        if rng.random() < 0.5:
            period, pay = "hour", annual / (hours * 365 / 7)
        else:
            period, pay = "week", annual / (365 / 7)
    elif rng.random() < 0.25:
        period, pay = "month", annual / 12
    bonus = round(annual * rng.uniform(0.02, 0.08), 2) if rng.random() < 0.6 else 0
    full_pay = 0 if rng.random() < 0.03 else 1
    return ["E%04d" % n, sex, name, "%.2f" % pay, period, "%g" % hours,
            "%.2f" % bonus, full_pay, "%.1f" % years, tier, place]


def main():
    rng = random.Random(SEED)
    rows, n = [], 0
    for cat in CATEGORIES:
        for _ in range(cat[1]):
            n += 1
            rows.append(worker(rng, n, cat))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "employees.csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "sex", "category", "pay", "period", "hours", "bonus",
                    "full_pay", "years", "tier", "location"])
        w.writerows(rows)


if __name__ == "__main__":
    main()
