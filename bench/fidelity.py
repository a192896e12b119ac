#!/usr/bin/python3
"""bench/fidelity.py - how faithfully career-import honours the published
BLS figures, measured on the real files, against the targets
of README.md's fidelity table.

    bench/fidelity.py [--bin DIR] [--bls DIR] [-j N] [--records FILE]

It imports every national occupation of OEWS May 2023 with the 2024-34
Employment Projections table, and every row of the state file, as a user
would (career-import --oews FILE --ep FILE --all), then asks the library's
own model for each profile's market quantiles and mixture residuals
(career-ladder --format json) and for the experience curve of 15-1252
(career-estimate). The published figures it compares them with are read
here, from the CSV, not from the profile. The fitted mean, which no tool
reports, comes from an independent log-metalog (Keelin 2016) fitted here to
the profile's market quantiles with mpmath; its quantiles are checked
against the tool's at the five published p's for every profile.

It prints a Markdown table of the measures, then the worst offenders of
each. Python 3's standard library and mpmath (Debian: python3-mpmath) only.
A profile that a tool refuses counts as a miss of every measure and is
listed. Exit status: 0 when measured (whatever the figures), 1 when the
files or tools cannot be run at all, 2 on a usage error.
"""

import argparse
import concurrent.futures as cf
import csv
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile

try:
    import mpmath
except ImportError:  # pragma: no cover - reported to the user
    sys.exit("fidelity: needs mpmath (Debian: python3-mpmath; make deps)")

PS = (0.10, 0.25, 0.50, 0.75, 0.90)
PNAMES = ("PCT10", "PCT25", "MEDIAN", "PCT75", "PCT90")
PKEYS = ("p10", "p25", "p50", "p75", "p90")
# BLS's top-code caps of May 2023 (its Field Descriptions): "#" cells.
CAP_2023 = {"year": 239200.0, "hour": 115.0}
WORK_YEARS = 45  # the model's working life (CAREERP_WORK_YEARS)

NATIONAL = "national_M2023_dl.csv"
STATE = "state_M2023_dl-3occ.csv"
EP = "occupation_2024-34.xlsx"
EP_OLD = "occupation_2016-26.xlsx"
OLD_OEWS = "national_M2014_dl.xlsx"  # SOC 2010 codes, as EP 2016-26 uses


# ---- small helpers ---------------------------------------------------------

def run(cmd, timeout=120):
    """(returncode, stdout, stderr) of cmd; a tool that cannot start or
    hangs is a refusal, not a crash of the measurement."""
    try:
        r = subprocess.run(cmd, capture_output=True, text=True,
                           timeout=timeout, check=False)
        return r.returncode, r.stdout, r.stderr
    except (OSError, subprocess.TimeoutExpired) as e:
        return -1, "", str(e)


def first_line(text):
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return "(no message)"


def cell(v):
    """A published cell: a float, '#' (top-coded) or None (*, **, ~, empty)."""
    v = (v or "").strip().replace(",", "")
    if v == "#":
        return "#"
    try:
        x = float(v)
    except ValueError:
        return None
    return x if math.isfinite(x) and x > 0 else None


def pct(x):
    return f"{100.0 * x:.1f} %"


def share(k, n):
    return f"{k} of {n} ({pct(k / n)})" if n else f"{k} of 0"


def money(x):
    if x is None or not math.isfinite(x):
        return str(x)
    if abs(x) >= 1e7:
        return f"{x:.3g}"
    return f"{x:,.2f}" if abs(x) < 1000 else f"{x:,.0f}"


# ---- the published figures --------------------------------------------------

def read_oews_csv(path):
    """{(area, occ): row} for the cross-industry detailed rows of an OEWS
    CSV (area without leading zeros), with the row's published figures."""
    out = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            row = {k.upper(): v for k, v in row.items() if k}
            if row.get("O_GROUP", "").strip().lower() != "detailed":
                continue
            area = row.get("AREA", "").strip().lstrip("0") or "0"
            hourly_only = row.get("HOURLY", "").strip().upper() == "TRUE"
            pre = "H_" if hourly_only else "A_"
            out[(area, row["OCC_CODE"].strip())] = {
                "title": row.get("OCC_TITLE", "").strip(),
                "area_title": row.get("AREA_TITLE", "").strip(),
                "period": "hour" if hourly_only else "year",
                "pcts": [cell(row.get(pre + n)) for n in PNAMES],
                "mean": cell(row.get(pre + "MEAN")),
            }
    return out


NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RNS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def xlsx_strings(path):
    z = zipfile.ZipFile(path)
    if "xl/sharedStrings.xml" not in z.namelist():
        return z, []
    root = ET.fromstring(z.read("xl/sharedStrings.xml"))
    return z, ["".join(t.text or "" for t in si.iter(NS + "t"))
               for si in root.findall(NS + "si")]


def xlsx_sheets(path):
    """{sheet name: [row as {column letters: text}]}, standard library only
    (an independent reader: the tool's is not asked)."""
    z, ss = xlsx_strings(path)
    rels = {r.get("Id"): r.get("Target") for r in
            ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
    out = {}
    for s in ET.fromstring(z.read("xl/workbook.xml")).iter(NS + "sheet"):
        target = rels[s.get(RNS + "id")].lstrip("/")
        if not target.startswith("xl/"):
            target = "xl/" + target
        rows = []
        for row in ET.fromstring(z.read(target)).iter(NS + "row"):
            vals = {}
            for c in row.findall(NS + "c"):
                col = re.match(r"[A-Z]+", c.get("r")).group()
                v = c.find(NS + "v")
                if c.get("t") == "s":
                    vals[col] = ss[int(v.text)]
                elif c.get("t") == "inlineStr":
                    vals[col] = "".join(t.text or "" for t in c.iter(NS + "t"))
                elif v is not None:
                    vals[col] = v.text
            rows.append(vals)
        out[s.get("name")] = rows
    return out


def stated_caps(path):
    """The caps a workbook's Field Descriptions state ("$100.00 per hour or
    $208,000 per year"), or None when it states none."""
    _, ss = xlsx_strings(path)
    for s in ss:
        m = re.search(r"\$([\d,.]+) per hour or \$([\d,]+) per year", s)
        if m:
            return {"hour": float(m.group(1).replace(",", "")),
                    "year": float(m.group(2).replace(",", ""))}
    return None


def ep_published(path, code):
    """(percent change, its years, separations rate %) of code in an EP
    workbook, read from the table whose headers say "Percent" under a
    "Change" group and "Total" under a "separations rate" group."""
    growth = years = sep = None
    for rows in xlsx_sheets(path).values():
        data = [i for i, r in enumerate(rows)
                if re.fullmatch(r"\d\d-\d{4}", (r.get("B") or "").strip())]
        if not data:
            continue
        head = rows[1:data[0]]  # row 0 is the table's title
        if not head:
            continue
        cols = sorted({c for r in head for c in r}, key=lambda c: (len(c), c))
        top, group = {}, ""
        for c in cols:  # a merged group label stands in its first cell only
            group = head[0].get(c) or group
            top[c] = group
        bottom = {c: next((r[c] for r in reversed(head) if r.get(c)), "")
                  for c in cols}
        row = next((r for r in rows[data[0]:]
                    if (r.get("B") or "").strip() == code), None)
        if row is None:
            continue
        for c in cols:
            t, b = top[c].lower(), bottom[c].strip().lower()
            if growth is None and t.startswith("change") and b == "percent":
                growth = float(row[c])
                m = re.search(r"(\d{4})-(\d{2,4})", top[c])
                if m:
                    y0 = int(m.group(1))
                    y1 = int(m.group(2)) if len(m.group(2)) == 4 else \
                        y0 // 100 * 100 + int(m.group(2))
                    years = f"{y0}-{y1 % 100:02d}"
            if sep is None and "separations rate" in t and b == "total":
                sep = float(row[c])
    return growth, years, sep


# ---- the independent model: log-metalog and lognormal -----------------------

# Keelin (2016), eq. 6, terms in order: 1, L, (p-1/2)L, (p-1/2), (p-1/2)^2,
# (p-1/2)^2 L, (p-1/2)^3, (p-1/2)^3 L, (p-1/2)^4; L = ln(p/(1-p)).
BASIS = ((0, 0), (0, 1), (1, 1), (1, 0), (2, 0), (2, 1), (3, 0), (3, 1),
         (4, 0))

mpmath.mp.dps = 30


class Fitted:
    """The market distribution fitted to a profile's quantiles as the
    library's 'auto' does: lognormal through 2 points, else the log-metalog
    with min(n, 9) terms (fewer when the design is rank deficient)."""

    def __init__(self, quantiles):
        mp = mpmath.mp
        ps = [mp.mpf(p) for p, _ in quantiles]
        ys = [mp.log(mp.mpf(s)) for _, s in quantiles]
        n = len(ps)
        if n == 2:
            self.kind = "lognormal"
            z = [mp.sqrt(2) * mp.erfinv(2 * p - 1) for p in ps]
            self.sigma = (ys[1] - ys[0]) / (z[1] - z[0])
            self.mu = ys[0] - self.sigma * z[0]
            return
        self.kind = "metalog"
        for k in range(min(n, len(BASIS)), 1, -1):
            X = mpmath.matrix([[self._term(j, p) for j in range(k)]
                               for p in ps])
            sv = mpmath.svd_r(X, compute_uv=False)
            if min(sv) <= max(sv) * mp.mpf("1e-12"):
                continue
            a, _ = mpmath.qr_solve(X, mpmath.matrix(ys))
            self.a = [a[j] for j in range(k)]
            break
        else:
            raise ValueError("no metalog fits these points")
        self.A = [0] * 5  # ln Q = A(u) + L B(u)
        self.B = [0] * 4
        for j, aj in enumerate(self.a):
            power, with_l = BASIS[j]
            (self.B if with_l else self.A)[power] = aj

    @staticmethod
    def _term(j, p):
        power, with_l = BASIS[j]
        v = (p - mpmath.mpf(1) / 2) ** power
        return v * mpmath.log(p / (1 - p)) if with_l else v

    @staticmethod
    def _poly(c, u):
        return sum(cj * u ** j for j, cj in enumerate(c))

    def log_q_z(self, z):
        """ln Q at L = z (u = tanh(z/2)/2, exact in both tails)."""
        u = mpmath.tanh(z / 2) / 2
        return self._poly(self.A, u) + z * self._poly(self.B, u)

    def quantile(self, p):
        if self.kind == "lognormal":
            z = mpmath.sqrt(2) * mpmath.erfinv(2 * mpmath.mpf(p) - 1)
            return float(mpmath.exp(self.mu + self.sigma * z))
        p = mpmath.mpf(p)
        return float(mpmath.exp(self.log_q_z(mpmath.log(p / (1 - p)))))

    def mean(self):
        """E[S] = integral of Q(p) dp over (0, 1) = integral over L of
        Q e^L / (1 + e^L)^2: 16-point Gauss-Legendre on each unit piece of
        [-60, 60] in floats. Past |L| = 60 the integrand is
        exp(A(+-1/2) + (B(+-1/2) -+ 1) L) to ~e^-60: those tails are summed
        in closed form. Infinite when B(1/2) >= 1 (the upper tail decays no
        faster than 1/S^2: Q(p) grows like (1 - p)^-B(1/2))."""
        if self.kind == "lognormal":
            return float(mpmath.exp(self.mu + self.sigma ** 2 / 2))
        A, B = [float(c) for c in self.A], [float(c) for c in self.B]
        b_hi, b_lo = fpoly(B, 0.5), fpoly(B, -0.5)
        if b_hi >= 1:
            return math.inf
        if b_lo <= 0:
            return math.nan  # not a distribution (the library refuses it)
        Z = 60
        total = 0.0
        for piece in range(-Z, Z):
            for x, w in GAUSS16:
                z = piece + 0.5 + 0.5 * x
                u = 0.5 * math.tanh(0.5 * z)
                total += 0.5 * w * math.exp(
                    fpoly(A, u) + z * fpoly(B, u) - abs(z)
                    - 2.0 * math.log1p(math.exp(-abs(z))))
        total += math.exp(fpoly(A, 0.5) + (b_hi - 1) * Z) / (1 - b_hi)
        total += math.exp(fpoly(A, -0.5) - (b_lo + 1) * Z) / (1 + b_lo)
        return total

    def mean_mp(self):
        """The same integral by mpmath's adaptive quadrature at 30 digits
        (slow: the check of mean() on a few profiles)."""
        if self.kind == "lognormal":
            return self.mean()
        half = mpmath.mpf(1) / 2
        b_hi, b_lo = self._poly(self.B, half), self._poly(self.B, -half)
        if b_hi >= 1 or b_lo <= 0:
            return self.mean()

        def f(z):
            return mpmath.exp(self.log_q_z(z) - abs(z)
                              - 2 * mpmath.log1p(mpmath.exp(-abs(z))))
        return float(mpmath.quad(f, [-mpmath.inf, -20, -5, 0, 5, 20,
                                     mpmath.inf]))


def fpoly(c, u):
    v = 0.0
    for cj in reversed(c):
        v = v * u + cj
    return v


def gauss_legendre(n):
    """Nodes and weights of n-point Gauss-Legendre on [-1, 1]: the roots of
    P_n by Newton's method at 30 digits, with
    P_n' = n (x P_n - P_n-1) / (x^2 - 1)."""
    out = []
    for i in range(n):
        x = mpmath.cos(mpmath.pi * (i + mpmath.mpf(3) / 4) / (n + 0.5))
        for _ in range(100):
            d = n * (x * mpmath.legendre(n, x) - mpmath.legendre(n - 1, x)) \
                / (x ** 2 - 1)
            step = mpmath.legendre(n, x) / d
            x -= step
            if abs(step) < mpmath.mpf(10) ** -25:
                break
        d = n * (x * mpmath.legendre(n, x) - mpmath.legendre(n - 1, x)) \
            / (x ** 2 - 1)
        out.append((float(x), float(2 / ((1 - x ** 2) * d ** 2))))
    return out


GAUSS16 = gauss_legendre(16)


# ---- measuring one profile -------------------------------------------------

def ask_ladder(tools, path, period):
    rc, out, err = run([os.path.join(tools, "career-ladder"), "--profile",
                        path, "--format", "json", "--per", period])
    if rc != 0:
        return None, first_line(err)
    try:
        return json.loads(out), None
    except ValueError as e:
        return None, f"career-ladder printed no JSON ({e})"


def measure(profile, published, answer):
    """A record of one profile: the library's quantiles at the published
    p's (answer: career-ladder's), the misses, the fitted mean and the
    worst mixture residual. mpmath's precision is global: this runs in one
    thread only."""
    period = profile.get("period", "year")
    if period not in CAP_2023:
        period = "hour" if period.lower().startswith("hour") else "year"
    # the published figures in the profile's period (BLS's year: 2,080 h)
    unit = 1.0 if period == published["period"] else \
        (2080.0 if period == "year" else 1 / 2080.0)
    pub_pcts = [v * unit if isinstance(v, float) else v
                for v in published["pcts"]]
    rec = {"code": profile.get("occ_code"), "title": profile.get("role"),
           "area": profile.get("area_code"),
           "area_title": published["area_title"], "period": period,
           "refused": None}
    lad, why = answer
    if lad is None:
        rec["refused"] = why
        return rec
    market = lad.get("market") or {}
    qs = market.get("quantiles") or {}
    rec["q"] = [qs.get(k) for k in PKEYS]
    rec["dist"] = market.get("dist")
    cap = CAP_2023[period]
    misses = []  # (p, relative miss, published or cap, fitted)
    for p, pub, q in zip(PS, pub_pcts, rec["q"]):
        if pub is None:
            continue
        if not isinstance(q, (int, float)):
            misses.append((p, math.inf, pub, None))
        elif pub == "#":  # top-coded: honoured when Q(p) >= the cap
            misses.append((p, max(0.0, 1.0 - q / cap), "#", q))
        else:
            misses.append((p, abs(q / pub - 1.0), pub, q))
    rec["misses"] = misses
    med = pub_pcts[2]
    if isinstance(med, float) and isinstance(rec["q"][2], (int, float)):
        rec["median_pub"] = med
        rec["median_err"] = rec["q"][2] / med - 1.0
    cal = lad.get("calibration") or {}
    res = [abs(c["mixture_p"] - c["p"]) for c in cal.get("quantiles", [])
           if isinstance(c.get("mixture_p"), (int, float))]
    rec["residual"] = max(res) if res else math.inf
    # the fitted mean: the independent model's, while it reproduces the
    # library's quantiles; else the one the tool states (career-ladder's
    # market.mean, the fitted distribution's: never the profile's
    # market.mean, which is the published one)
    stated = market.get("mean")
    stated = stated * 1.0 if isinstance(stated, (int, float)) else None
    try:
        fit = Fitted(profile["market"]["quantiles"])
        rec["check"] = max(abs(fit.quantile(p) / q - 1.0)
                           for p, q in zip(PS, rec["q"]) if q)
        rec["check_dist"] = fit.kind == rec["dist"]
        if not rec["check_dist"]:
            raise ValueError(f"the library fits a {rec['dist']}, not the "
                             f"independent {fit.kind}")
        rec["mean"] = fit.mean()
        if rec["check"] > 1e-6:
            raise ValueError("the independent fit does not reproduce the "
                             f"library's quantiles ({rec['check']:.1e})")
    except (ArithmeticError, ValueError, RuntimeError) as e:
        rec["mean"] = math.nan
        rec.setdefault("check", math.inf)
        rec["mean_why"] = str(e)
    if stated is not None:
        rec["mean_stated"] = stated
        if math.isnan(rec["mean"]):
            rec["mean"] = stated
    if published["mean"] is not None:
        rec["mean_pub"] = published["mean"] * unit
        m = rec["mean"]
        rec["mean_ratio"] = m / rec["mean_pub"] if math.isfinite(m) \
            else math.inf
    return rec


# ---- importing --------------------------------------------------------------

def import_all(tools, oews, ep, area, out):
    cmd = [os.path.join(tools, "career-import"), "--oews", oews, "--all",
           "-o", out]
    if ep:
        cmd += ["--ep", ep]
    if area:
        cmd += ["--area", area]
    rc, _, err = run(cmd, timeout=300)
    if rc != 0:
        return None, first_line(err)
    with open(out, encoding="utf-8") as f:
        profs = json.load(f)
    left = [l for l in err.splitlines() if "left out" in l]
    return (profs if isinstance(profs, list) else [profs]), left


def measure_set(name, profiles, published, tools, tmp, jobs):
    """Records for every published occupation of the set: measured
    profiles, and the occupations with no profile (refused by the import)."""
    jobs_in = []
    seen = set()
    for i, prof in enumerate(profiles):
        key = ((prof.get("area_code") or "").lstrip("0") or "0",
               prof.get("occ_code"))
        seen.add(key)
        path = os.path.join(tmp, f"{name}-{i:04d}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(prof, f)
        jobs_in.append((prof, published.get(key), path))
    recs = []
    with cf.ThreadPoolExecutor(max_workers=jobs) as ex:
        futs = []
        for prof, pub, path in jobs_in:
            if pub is None:
                recs.append({"code": prof.get("occ_code"),
                             "title": prof.get("role"),
                             "area": prof.get("area_code"),
                             "refused": "no published row for this profile"})
                continue
            futs.append((prof, pub, ex.submit(
                ask_ladder, tools, path, prof.get("period", "year"))))
        recs += [measure(prof, pub, f.result()) for prof, pub, f in futs]
    # an occupation with two or more published percentiles that has no
    # profile was refused by the import: a miss of every measure
    for key, pub in published.items():
        numeric = sum(isinstance(v, float) for v in pub["pcts"])
        if key not in seen and numeric >= 2:
            recs.append({"code": key[1], "title": pub["title"],
                         "area": key[0], "area_title": pub["area_title"],
                         "refused": "left out by the import"})
    unmeasurable = [(k, p) for k, p in published.items()
                    if k not in seen and
                    sum(isinstance(v, float) for v in p["pcts"]) < 2]
    return recs, unmeasurable


# ---- 15-1252's experience curve ---------------------------------------------

def curve_1252(tools, path, lad):
    years = list(range(WORK_YEARS + 1))

    def m_at(x):
        rc, out, err = run([os.path.join(tools, "career-estimate"),
                            "--profile", path, "--years", str(x),
                            "--format", "json"])
        try:
            return float(json.loads(out)["median"]) if rc == 0 else None
        except (ValueError, KeyError, TypeError):
            return None

    with cf.ThreadPoolExecutor(max_workers=2) as ex:
        m = list(ex.map(m_at, years))
    if any(v is None for v in m):
        return None
    flat_from = WORK_YEARS
    while flat_from > 0 and abs(m[flat_from - 1] / m[flat_from] - 1) < 1e-9:
        flat_from -= 1
    flat = [abs(m[x + 1] / m[x] - 1) < 1e-9 for x in years[:-1]]
    flat_years = sum(flat)
    runs, x = [], 0  # the spans [a, b] of whole years where m is constant
    while x < WORK_YEARS:
        if flat[x]:
            a = x
            while x < WORK_YEARS and flat[x]:
                x += 1
            runs.append((a, x))
        else:
            x += 1
    peak = max(years, key=lambda x: (m[x], -x))
    # the stable population's share of years >= flat_from: density
    # lambda e^(-lambda x) on [0, 45], lambda = g + delta (calibrate.c)
    try:
        lam = float(lad["demand"]["annual_rate"]) + \
            float(lad["calibration"]["separation_rate"])
        on_flat = (math.exp(-lam * flat_from) - math.exp(-lam * WORK_YEARS)) \
            / (1 - math.exp(-lam * WORK_YEARS)) \
            if flat_from < WORK_YEARS else 0.0
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        lam = on_flat = math.nan
    return {"ratio": m[20] / m[1], "flat_from": flat_from,
            "flat_years": flat_years, "flat_runs": runs, "peak": peak,
            "on_flat": on_flat,
            "lam": lam, "m1": m[1], "m20": m[20]}


# ---- the cap notes of older workbooks ---------------------------------------

CAP_RE = re.compile(r"\$([\d,]+(?:\.\d+)?)")


def cap_notes(tools, bls, tmp):
    out = {}
    for year in (2019, 2021):
        wb = os.path.join(bls, f"national_M{year}_dl.xlsx")
        caps = stated_caps(wb)
        profs, why = import_all(tools, wb, None, None,
                                os.path.join(tmp, f"m{year}.json"))
        if profs is None:
            out[year] = {"error": why, "caps": caps}
            continue
        citing, under, false_alarm = [], [], []
        for p in profs:
            for n in p.get("notes", []):
                if not ("cap" in n or "top-coded" in n):
                    continue
                figs = {float(v.replace(",", "")) for v in CAP_RE.findall(n)}
                if figs & {CAP_2023["year"], CAP_2023["hour"]} and \
                        ("at least" in n or "cap $" in n):
                    citing.append((p.get("occ_code"), p.get("role"), n))
                m = re.search(r"fitted Q\(([\d.]+)\) = \$([\d,.]+) is below "
                              r"the cap \$([\d,.]+)", n)
                if m:
                    q = float(m.group(2).replace(",", ""))
                    under.append((p.get("occ_code"), p.get("role"), q))
                    per = p.get("period", "year")
                    if caps and q >= caps[per]:
                        false_alarm.append((p.get("occ_code"), p.get("role"),
                                            q))
        out[year] = {"caps": caps, "citing": citing, "under": under,
                     "false_alarm": false_alarm}
    return out


# ---- the EP 2016-26 row -----------------------------------------------------

def ep_old_row(tools, bls, tmp):
    code = "15-1133"
    ep = os.path.join(bls, EP_OLD)
    growth, years, sep = ep_published(ep, code)
    path = os.path.join(tmp, "ep-old.json")
    rc, _, err = run([os.path.join(tools, "career-import"), "--oews",
                      os.path.join(bls, OLD_OEWS), "--occ", code, "--ep", ep,
                      "-o", path])
    res = {"pub_growth": growth, "pub_years": years, "pub_sep": sep}
    if rc != 0:
        res["error"] = first_line(err)
        return res
    with open(path, encoding="utf-8") as f:
        prof = json.load(f)
    res["growth"] = prof["demand"]["growth"]
    res["years"] = prof["demand"]["years"]
    res["sep"] = (prof.get("workforce") or {}).get("separation_rate")
    res["notes"] = [n for n in prof.get("notes", [])
                    if "Employment Projections" in n]
    res["ok"] = (growth is not None and sep is not None and
                 abs(res["growth"] - growth / 100) < 5e-4 and
                 res["sep"] is not None and abs(res["sep"] - sep / 100) < 5e-4)
    return res


# ---- the report -------------------------------------------------------------

def who(r, fig):
    area = "" if (r.get("area") or "99").lstrip("0") == "99" \
        else f" ({r.get('area_title') or 'area ' + str(r.get('area'))})"
    return f"{r['code']} {r['title']}{area}: {fig}"


def worst(recs, key, fmt, n):
    """The n worst of recs that were measured (the refused are listed
    apart)."""
    recs = [r for r in recs if not r.get("refused")]
    return [who(r, fmt(r)) for r in sorted(recs, key=key, reverse=True)[:n]]


def miss_text(r):
    if r.get("refused"):
        return "refused (" + r["refused"] + ")"
    p, rel, pub, q = max(r["misses"], key=lambda m: m[1])
    pname = f"p{round(100 * p)}"
    if pub == "#":
        return f"{pname} {money(q)} below the cap (top-coded), {pct(rel)}"
    return f"{pname} {money(q)} against {money(pub)} ({pct(rel)})"


def worst_miss(r, top_coded=True):
    """The largest relative miss of a profile's published percentiles; a
    top-coded one (#) is missed by how far the fit is below the cap, unless
    top_coded is False."""
    if r.get("refused"):
        return math.inf
    return max((m[1] for m in r["misses"] if top_coded or m[2] != "#"),
               default=0.0)


def mean_err(r):
    if r.get("refused"):
        return math.inf
    x = r.get("mean_ratio")
    if x is None:
        return -1.0
    return abs(x - 1.0) if math.isfinite(x) else math.inf


def mean_text(r):
    if r.get("refused"):
        return "refused (" + r["refused"] + ")"
    x = r["mean_ratio"]
    if math.isnan(r["mean"]):
        return f"not computed ({r.get('mean_why', 'no distribution')})"
    if not math.isfinite(x):
        return f"infinite against {money(r['mean_pub'])}"
    rel = f"{x:.3g}×" if x > 2 or x < 0.5 else f"{100 * (x - 1):+.1f} %"
    return f"{money(r['mean'])} against {money(r['mean_pub'])} ({rel})"


def resid(r):
    return math.inf if r.get("refused") else r["residual"]


def resid_text(r):
    return "refused (" + r["refused"] + ")" if r.get("refused") \
        else f"{r['residual']:.3f}"


def summarise(recs, n_worst):
    """{measure: (count text, worst offenders)} of one set of records."""
    n = len(recs)
    ok = [r for r in recs if not r.get("refused")]
    refused = [r for r in recs if r.get("refused")]
    s = {"n": n, "refused": refused}
    med = [r for r in recs if r.get("refused") or "median_err" in r]
    med_miss = [r for r in med if r.get("refused") or
                abs(r["median_err"]) > 1e-9]
    s["median"] = (med_miss, len(med), worst(
        med_miss, lambda r: math.inf if r.get("refused")
        else abs(r["median_err"]),
        lambda r: "refused" if r.get("refused") else
        f"{money(r['q'][2])} against {money(r['median_pub'])} "
        f"({100 * r['median_err']:+.1f} %)", n_worst))
    within1 = [r for r in ok if worst_miss(r) <= 0.01]
    over5 = [r for r in recs if worst_miss(r) > 0.05]
    s["within1"] = (within1, n,
                    worst([r for r in recs if worst_miss(r) > 0.01],
                          worst_miss, miss_text, n_worst))
    s["over5"] = (over5, n, worst(over5, worst_miss, miss_text, n_worst))
    s["within1_numeric"] = sum(worst_miss(r, False) <= 0.01 for r in recs)
    s["over5_numeric"] = sum(worst_miss(r, False) > 0.05 for r in recs)
    s["median_topcoded"] = [r for r in ok if any(
        m[0] == 0.5 and m[2] == "#" for m in r["misses"])]
    have_mean = [r for r in recs if r.get("refused") or "mean_ratio" in r]
    m2 = [r for r in have_mean if mean_err(r) <= 0.02]
    m5 = [r for r in have_mean if mean_err(r) > 0.05]
    s["mean2"] = (m2, len(have_mean), worst(
        [r for r in have_mean if mean_err(r) > 0.02], mean_err, mean_text,
        n_worst))
    s["mean5"] = (m5, len(have_mean), worst(m5, mean_err, mean_text, n_worst))
    s["mean_inf"] = [r for r in m5 if not r.get("refused")
                     and r["mean"] == math.inf]
    s["mean_failed"] = [r for r in ok if math.isnan(r.get("mean", 0.0))]
    s["mean_stated"] = [r for r in ok if "mean_stated" in r]
    finite = [r for r in m5 if mean_err(r) < math.inf]
    s["mean_worst_finite"] = worst(finite, mean_err, mean_text, 1)
    s["no_mean"] = [r for r in recs if not r.get("refused")
                    and "mean_ratio" not in r]
    r3 = [r for r in recs if resid(r) <= 0.03]
    r6 = [r for r in recs if resid(r) > 0.06]
    s["res3"] = (r3, n, worst([r for r in recs if resid(r) > 0.03], resid,
                              resid_text, n_worst))
    s["res6"] = (r6, n, worst(r6, resid, resid_text, n_worst))
    s["res10"] = [r for r in recs if resid(r) > 0.10]
    s["median_res"] = statistics.median(resid(r) for r in recs) if recs \
        else math.nan
    # the independent fit is a metalog or a lognormal: a profile whose
    # market is the quantile spline is checked by its stated mean alone
    same = [r for r in ok if r.get("dist") != "spline"]
    s["check"] = max((r.get("check", 0.0) for r in same), default=0.0)
    s["check_n"] = (len(same), len(ok))
    s["check_dist"] = all(r.get("check_dist", True) for r in same)
    return s


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(here, "..", "build",
                                                  "default", "bin"),
                    help="the folder of career-import, -ladder, -estimate")
    ap.add_argument("--bls", default=os.path.join(here, "..", "tests",
                                                  "data", "bls"),
                    help="the folder of the real BLS files")
    ap.add_argument("-j", "--jobs", type=int, default=2,
                    help="tool processes at once (default 2)")
    ap.add_argument("--worst", type=int, default=5,
                    help="offenders listed per measure (default 5)")
    ap.add_argument("--records", metavar="FILE",
                    help="also write every profile's record as JSON")
    a = ap.parse_args()
    if a.jobs < 1 or a.worst < 0:
        ap.error("-j must be >= 1 and --worst >= 0")
    for f in (NATIONAL, STATE, EP, EP_OLD, OLD_OEWS, "national_M2019_dl.xlsx",
              "national_M2021_dl.xlsx"):
        if not os.path.isfile(os.path.join(a.bls, f)):
            sys.exit(f"fidelity: {os.path.join(a.bls, f)}: not found "
                     "(--bls DIR, or BLS_DIR=DIR for make fidelity)")
    for t in ("career-import", "career-ladder", "career-estimate"):
        if not os.access(os.path.join(a.bin, t), os.X_OK):
            sys.exit(f"fidelity: {os.path.join(a.bin, t)}: not built (make)")

    t0 = time.monotonic()
    bls = a.bls
    ep = os.path.join(bls, EP)
    with tempfile.TemporaryDirectory(prefix="fidelity.") as tmp:
        # national: every occupation of May 2023, with EP 2024-34
        nat_pub = read_oews_csv(os.path.join(bls, NATIONAL))
        nat, nat_left = import_all(a.bin, os.path.join(bls, NATIONAL), ep,
                                   None, os.path.join(tmp, "national.json"))
        if nat is None:
            sys.exit(f"fidelity: career-import refused {NATIONAL}: {nat_left}")
        nat_recs, nat_unmeas = measure_set("nat", nat, nat_pub, a.bin, tmp,
                                           a.jobs)
        # states: each area of the state file
        st_pub = read_oews_csv(os.path.join(bls, STATE))
        st = []
        st_left = []
        for area in sorted({k[0] for k in st_pub}, key=int):
            profs, left = import_all(a.bin, os.path.join(bls, STATE), ep, area,
                                     os.path.join(tmp, f"state-{area}.json"))
            if profs is None:
                st_left.append(f"area {area}: {left}")
                continue
            st += profs
            st_left += left
        st_recs, st_unmeas = measure_set("st", st, st_pub, a.bin, tmp, a.jobs)
        t_profiles = time.monotonic() - t0

        # 15-1252's experience curve
        dev = next((p for p in nat if p.get("occ_code") == "15-1252"), None)
        curve = None
        if dev is not None:
            path = os.path.join(tmp, "15-1252.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(dev, f)
            lad, _ = ask_ladder(a.bin, path, "year")
            curve = curve_1252(a.bin, path, lad) if lad else None
        caps = cap_notes(a.bin, bls, tmp)
        epo = ep_old_row(a.bin, bls, tmp)
    # the mean's quadrature against mpmath's adaptive one, on a few profiles
    mean_check = 0.0
    sample = [p for p in nat if len(p["market"]["quantiles"]) >= 3][:8]
    for p in sample:
        fit = Fitted(p["market"]["quantiles"])
        m, mm = fit.mean(), fit.mean_mp()
        if math.isfinite(m):
            mean_check = max(mean_check, abs(m / mm - 1.0))
    # the spline markets, independently: tests/ref/qspline_ref.py's spline
    # (mpmath, nothing of libcareer's) through a few profiles' points, its
    # upper tail set by the published mean, against the fitted mean
    # career-ladder states
    sys.path.insert(0, os.path.join(os.path.dirname(here), "tests", "ref"))
    dps = mpmath.mp.dps
    import qspline_ref
    mpmath.mp.dps = 15
    recs_by = {(r["code"], r["area"]): r for r in nat_recs}
    spline_check, spline_n = 0.0, 0
    for p in nat:
        r = recs_by.get((p.get("occ_code"), p.get("area_code")))
        mean = (p.get("market") or {}).get("mean")
        if spline_n == 8 or not r or r.get("dist") != "spline" or \
                not isinstance(mean, (int, float)) or "mean_stated" not in r:
            continue
        pts = [(str(q), v) for q, v in p["market"]["quantiles"]]
        sp = qspline_ref.Spline(pts, mean)
        spline_check = max(spline_check, abs(float(sp.mean_with(sp.hi)) /
                                             r["mean_stated"] - 1.0))
        spline_n += 1
    mpmath.mp.dps = dps
    elapsed = time.monotonic() - t0

    N = summarise(nat_recs, a.worst)
    S = summarise(st_recs, a.worst)
    rows = []

    def med_cell(s):
        miss, n, w = s["median"]
        tc = len(s["median_topcoded"])
        tc = f" ({tc} more have it top-coded)" if tc else ""
        if not miss:
            return f"reproduced in all {n} that publish one{tc}"
        if s["refused"]:
            tc += f" ({len(s['refused'])} refused, counted as misses)"
        if not w:
            return f"missed in {len(miss)} of {n}{tc}"
        first = w[0].split(": ", 1)
        return f"missed in {len(miss)} of {n}{tc}; worst {first[0]} at " + \
            re.sub(r".*\(([^)]*)\)$", r"\1", first[1])

    def cnt(s, key, good):
        lst, n, w = s[key]
        txt = share(len(lst), n) if good else f"{len(lst)} of {n}"
        if s["refused"]:
            txt += f" ({len(s['refused'])} refused, counted as misses)"
        return txt

    def worst_short(s, key):
        w = s[key][2]
        return f"; worst {w[0]}" if w else ""

    rows.append(("published median reproduced (relative 1e-9)",
                 med_cell(N), med_cell(S), "every profile, ties included"))
    def numeric(s, key):
        return f" ({s[key + '_numeric']} counting numeric cells only)"

    rows.append(("every published percentile of a profile within 1 %",
                 cnt(N, "within1", True) + numeric(N, "within1"),
                 cnt(S, "within1", True) + numeric(S, "within1"),
                 "≥ 97 % of profiles"))
    rows.append(("a published percentile missed by more than 5 %",
                 cnt(N, "over5", False) + numeric(N, "over5") +
                 worst_short(N, "over5"),
                 cnt(S, "over5", False) + numeric(S, "over5") +
                 worst_short(S, "over5"), "none"))
    rows.append(("fitted mean within 2 % of the published mean",
                 cnt(N, "mean2", True), cnt(S, "mean2", True), "≥ 90 %"))
    def mean5(s):
        txt = cnt(s, "mean5", False)
        if s["mean_inf"]:
            txt += (f"; infinite in {len(s['mean_inf'])} (" +
                    ", ".join(r["code"] for r in s["mean_inf"]) + ")")
        if s["mean_worst_finite"]:
            txt += "; worst finite " + s["mean_worst_finite"][0]
        return txt

    rows.append(("fitted mean more than 5 % off", mean5(N), mean5(S),
                 "none"))
    rows.append(("worst mixture residual of a profile ≤ 0.03",
                 cnt(N, "res3", True), cnt(S, "res3", True), "≥ 95 %"))
    rows.append(("worst mixture residual above 0.06",
                 cnt(N, "res6", False) + worst_short(N, "res6"),
                 cnt(S, "res6", False) + worst_short(S, "res6"), "none"))
    if curve:
        flat = (f", flat after {curve['flat_from']} years "
                f"({WORK_YEARS - curve['flat_from']} of {WORK_YEARS} years, "
                f"{pct(curve['on_flat'])} of the modelled workforce)"
                if curve["flat_from"] < WORK_YEARS else
                f", rising to a peak at {curve['peak']} years")
        before = [f"{a}–{b}" for a, b in curve["flat_runs"]
                  if b < curve["flat_from"] or b < WORK_YEARS]
        if before:
            flat += ", and on " + ", ".join(before) + " years"
        c = f"{curve['ratio']:.2f}{flat}"
    else:
        c = "not measured (15-1252 refused)"
    rows.append(("15-1252: m(20)/m(1)", c, "", "1.8–2.6, rising to a peak "
                 "between 25 and 35 years"))
    cap_cells = []
    for y in (2019, 2021):
        c_ = caps[y]
        if "error" in c_:
            cap_cells.append(f"{y}: refused ({c_['error']})")
            continue
        cap_cells.append(f"{y}: {len(c_['citing'])} ({len(c_['false_alarm'])}"
                         f" of {len(c_['under'])} 'understates' false)")
    total = sum(len(caps[y].get("citing", [])) for y in (2019, 2021))
    false = sum(len(caps[y].get("false_alarm", [])) for y in (2019, 2021))
    rows.append(("notes citing the $239,200 cap in the 2019 and 2021 "
                 "workbooks", f"{total}, of which {false} false "
                 f"'understates the top' alarms ({'; '.join(cap_cells)})",
                 "", "0"))
    if "error" in epo:
        e = f"refused: {epo['error']}"
    elif epo.get("ok"):
        e = (f"{100 * epo['growth']:.1f} % over {epo['years']:g} years, "
             f"separations {100 * epo['sep']:.1f} %")
    else:
        e = ("not found" if any("No Employment" in n for n in epo["notes"])
             else f"growth {100 * epo['growth']:.1f} %, separations "
             f"{epo['sep']}") + f" (published: {epo['pub_growth']} % over " \
            f"{epo['pub_years']}, separations {epo['pub_sep']} %)"
    rows.append(("EP 2016–26: 15-1133", e, "",
                 f"{epo['pub_growth']} % over {epo['pub_years']}, "
                 f"separations {epo['pub_sep']} %"
                 if epo.get("pub_growth") is not None else "?"))

    print("# Fidelity to the published BLS figures (bench/fidelity.py)\n")
    print(f"National: {NATIONAL} with {EP}, {N['n']} profiles; states: "
          f"{STATE}, {S['n']} rows.\n")
    print(f"| measure | national ({N['n']}) | states ({S['n']}) | target |")
    print("|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(x.replace("|", "/") for x in r) + " |")

    def offenders(title, s, key):
        lst, n, w = s[key]
        if w:
            print(f"\n{title}:")
            for line in w:
                print(f"  {line}")

    for label, s in (("national", N), ("states", S)):
        print(f"\n## Worst offenders, {label}")
        offenders("published median missed", s, "median")
        offenders("a published percentile missed by more than 1 %", s,
                  "within1")
        offenders("fitted mean more than 2 % off", s, "mean2")
        offenders("worst mixture residual above 0.03", s, "res3")
        if s["refused"]:
            print(f"\nrefused ({len(s['refused'])}), counted as misses:")
            for r in s["refused"]:
                print(f"  {who(r, r['refused'])}")
    print("\n## Other figures")
    for label, s, unm, left in (("national", N, nat_unmeas, nat_left),
                                ("states", S, st_unmeas, st_left)):
        print(f"- {label}: worst mixture residual above 0.10 in "
              f"{len(s['res10'])}, median of the worst residuals "
              f"{s['median_res']:.3f}; no published mean in "
              f"{len(s['no_mean'])} (left out of the mean's measures)")
        if s["mean_stated"]:
            d = max(abs(r["mean_stated"] / r["mean"] - 1.0)
                    if math.isfinite(r["mean"]) else math.inf
                    for r in s["mean_stated"])
            print(f"- {label}: {len(s['mean_stated'])} profiles state their "
                  f"fitted mean; largest relative difference from the one "
                  f"used here {d:.1e}")
        for r in s["mean_failed"]:
            print(f"- {label}: fitted mean not computed, counted as a miss: "
                  + who(r, r.get("mean_why", "no distribution")))
        for k, p in unm:
            print(f"- {label}: not measurable, fewer than 2 published "
                  f"percentiles: {k[1]} {p['title']}")
        for l in left:
            print(f"- {label}: career-import: {l.split(': ', 1)[-1]}")
        if s["check_n"][0] == 0:
            print(f"- {label}: every market is a quantile spline, so the "
                  f"fitted means are career-ladder's, checked against "
                  f"mpmath's quadrature on the sample below")
        else:
            print(f"- {label}: check of the independent fit on the "
                  f"{s['check_n'][0]} of {s['check_n'][1]} profiles whose "
                  f"market is a metalog or lognormal (the others are "
                  f"splines): its quantiles against career-ladder's at the "
                  f"published p's, largest relative difference "
                  f"{s['check']:.1e}; same distribution kind in every "
                  f"profile: {'yes' if s['check_dist'] else 'NO'}")
    print(f"- check of the spline markets' fitted means against "
          f"tests/ref/qspline_ref.py's independent spline on {spline_n} "
          f"profiles: largest relative difference {spline_check:.1e}")
    print(f"- check of the fitted mean's quadrature against mpmath.quad on "
          f"{len(sample)} profiles: largest relative difference "
          f"{mean_check:.1e}")
    if curve:
        print(f"- 15-1252: m(1) = {money(curve['m1'])}, m(20) = "
              f"{money(curve['m20'])}; highest at {curve['peak']} years; "
              f"workforce rate lambda = g + delta = {curve['lam']:.4f}")
    for y in (2019, 2021):
        c_ = caps[y]
        if c_.get("caps"):
            print(f"- {y} workbook's Field Descriptions state the cap "
                  f"${c_['caps']['year']:,.0f} a year / "
                  f"${c_['caps']['hour']:.2f} an hour")
        for code, title, q in c_.get("false_alarm", [])[:a.worst]:
            print(f"  false alarm: {code} {title}: fitted {money(q)} is "
                  f"above the workbook's cap")
    print(f"- EP 2016–26, 15-1133: published {epo.get('pub_growth')} % "
          f"over {epo.get('pub_years')}, separations {epo.get('pub_sep')} %;"
          f" the import's notes: {'; '.join(epo.get('notes') or []) or '-'}")
    print(f"\nMeasured in {elapsed:.0f} s ({t_profiles:.0f} s for the "
          f"{N['n'] + S['n']} profiles, {a.jobs} at a time).")

    if a.records:
        def clean(x):
            if isinstance(x, float) and not math.isfinite(x):
                return str(x)
            if isinstance(x, dict):
                return {k: clean(v) for k, v in x.items()}
            if isinstance(x, (list, tuple)):
                return [clean(v) for v in x]
            return x
        with open(a.records, "w", encoding="utf-8") as f:
            json.dump(clean({"national": nat_recs, "states": st_recs,
                             "curve_15_1252": curve, "ep_2016_26": epo}),
                      f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
