#!/usr/bin/python3
"""Writes the OEWS and Employment Projections fixtures of tests/test_oews.c
and tests/sh/cli-oews.sh, as CSV and as .xlsx (Debian's python3-openpyxl).
Run from the top of the tree: /usr/bin/python3 tests/data/oews/make_fixtures.py

Where the figures come from:
 [1] BLS, Occupational Employment and Wages, May 2018, 15-1133 Software
     Developers, Systems Software:
     https://blsmon1.bls.gov/oes/2018/may/oes151133.htm
 [2] BLS, Occupational Employment and Wages, May 2011, 27-2011 Actors
     (hourly wages only; the 90th percentile top-coded, "(5)"; annual
     wages not published, "(4)"), as archived by the UNT web archive:
     https://webarchive.library.unt.edu/web/20130321004132/http:/www.bls.gov/oes/current/oes272011.htm
 [3] Wyoming Department of Employment, LMI, OES wage table page 6
     (statewide rows): http://www.doe.state.wy.us/lmi/EDSPubto20081ECI/PAGE0006.HTM
 [4] Wyoming Department of Employment, LMI, OES wage table page 796 (a
     sub-state area; 15-1031 has no published employment, 15-1051's 90th
     percentile is top-coded ">$145,600" / ">$70"):
     http://doe.state.wy.us/LMI/EDSPub20083ECI/PAGE0796.HTM
 [5] Projections Central, long-term occupational projections 2020-2030,
     United States rows:
     https://projectionscentral.org/Projections/LongTerm (computer occupations)
Rows marked SYNTHETIC below are not BLS figures: they exist to exercise a
case (equal adjacent percentiles, skipped industry and ownership rows, the
separations rates and one EP row for a code of the OEWS fixtures).
"""
import csv
import os

from openpyxl import Workbook
from openpyxl.styles import Font

HERE = os.path.dirname(os.path.abspath(__file__))

FULL = ["AREA", "AREA_TITLE", "AREA_TYPE", "PRIM_STATE", "NAICS",
        "NAICS_TITLE", "I_GROUP", "OWN_CODE", "OCC_CODE", "OCC_TITLE",
        "O_GROUP", "TOT_EMP", "EMP_PRSE", "JOBS_1000", "LOC_QUOTIENT",
        "PCT_TOTAL", "PCT_RPT", "H_MEAN", "A_MEAN", "MEAN_PRSE", "H_PCT10",
        "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90", "A_PCT10", "A_PCT25",
        "A_MEDIAN", "A_PCT75", "A_PCT90", "ANNUAL", "HOURLY"]


def full(area, title, atype, st, naics, ntitle, igroup, own, occ, otitle,
         group, emp, hmean, amean, hp, ap, annual="", hourly=""):
    return [area, title, atype, st, naics, ntitle, igroup, own, occ, otitle,
            group, emp, "", "", "", "", "", hmean, amean, "", *hp, *ap,
            annual, hourly]


NAT = ("99", "U.S.", "1", "US", "000000", "Cross-industry", "cross-industry",
       "1235")
WY = ("56", "Wyoming", "2", "WY", "000000", "Cross-industry",
      "cross-industry", "1235")
# [4]'s area is a Wyoming sub-state area; the code and title are the
# fixture's own, in the metro layout (AREA_TYPE 4).
METRO = ("5600796", "Wyoming LMI area (table page 796)", "4", "WY", "000000",
         "Cross-industry", "cross-industry", "1235")

ALL_DATA = [FULL,
    # [1], national, cross-industry
    full(*NAT, "15-1133", "Software Developers, Systems Software",
         "detailed", "405,330", "54.81", "114,000",
         ["32.09", "41.16", "52.89", "67.09", "80.27"],
         ["66,740", "85,610", "110,000", "139,550", "166,960"]),
    # SYNTHETIC: the same occupation in one industry and one ownership
    # (skipped: not cross-industry)
    full("99", "U.S.", "1", "US", "541500",
         "Computer Systems Design and Related Services", "4-digit", "1235",
         "15-1133", "Software Developers, Systems Software", "detailed",
         "**", "*", "*", ["*"] * 5, ["*"] * 5),
    full("99", "U.S.", "1", "US", "000000", "Cross-industry",
         "cross-industry, private ownership only", "5", "15-1133",
         "Software Developers, Systems Software", "detailed", "**", "*", "*",
         ["*"] * 5, ["*"] * 5),
    # SYNTHETIC: a major group row (kept only with the "major" option)
    full(*NAT, "15-0000", "Computer and Mathematical Occupations", "major",
         "4,200,000", "43.00", "89,440",
         ["21.00", "29.00", "40.00", "55.00", "70.00"],
         ["43,680", "60,320", "83,200", "114,400", "145,600"]),
    # SYNTHETIC: equal adjacent percentiles (a wage floor)
    full(*NAT, "35-3023", "Fast Food and Counter Workers", "detailed",
         "3,000,000", "10.50", "21,840",
         ["8.50", "8.50", "10.00", "12.00", "14.00"],
         ["17,680", "17,680", "20,800", "24,960", "29,120"]),
    # [3], a state
    full(*WY, "15-1031", "Computer Software Engineers, Applications",
         "detailed", "200", "27.63", "57,466",
         ["21.04", "24.26", "27.76", "30.79", "34.58"],
         ["43,762", "50,475", "57,740", "64,057", "71,920"]),
    full(*WY, "15-1051", "Computer Systems Analysts", "detailed", "370",
         "26.61", "55,348", ["16.35", "18.05", "21.52", "29.70", "43.31"],
         ["34,003", "37,530", "44,763", "61,777", "90,068"]),
    # [4], a metro-layout area: no employment (**), a top-coded 90th (#)
    full(*METRO, "15-1031", "Computer Software Engineers, Applications",
         "detailed", "**", "29.04", "60,396",
         ["23.26", "26.86", "29.15", "31.93", "36.07"],
         ["48,366", "55,867", "60,630", "66,410", "75,015"]),
    full(*METRO, "15-1051", "Computer Systems Analysts", "detailed", "150",
         "33.67", "70,032", ["16.66", "18.62", "23.18", "42.98", "#"],
         ["34,665", "38,733", "48,221", "89,406", "#"]),
]

# [2]: the lower-case national layout of the files before 2019 (no area
# columns; occ_group), an hourly-only occupation with "*" annual cells.
OLD = ["occ_code", "occ_title", "occ_group", "tot_emp", "emp_prse",
       "h_mean", "a_mean", "mean_prse", "h_pct10", "h_pct25", "h_median",
       "h_pct75", "h_pct90", "a_pct10", "a_pct25", "a_median", "a_pct75",
       "a_pct90", "annual", "hourly"]
NATIONAL_2011 = [OLD,
    ["00-0000", "All Occupations", "total", "128,076,180", "0.1", "21.74",
     "45,230", "0.1", "8.57", "10.89", "16.40", "26.97", "41.74", "17,820",
     "22,660", "34,460", "56,110", "86,830", "", ""],
    ["27-2011", "Actors", "detailed", "60,830", "16.2", "33.82", "*", "7.0",
     "8.79", "11.37", "19.14", "36.96", "#", "*", "*", "*", "*", "*", "",
     "TRUE"],
]

# EP: a title row above the header, as BLS's tables have; [5] for the
# change; the separations rates and the 15-1133 / 15-1051 rows SYNTHETIC.
EP_HEADER = ["2020 National Employment Matrix title",
             "2020 National Employment Matrix code", "Occupation type",
             "Employment, 2020", "Employment, 2030",
             "Employment change, numeric, 2020\u201330",
             "Employment change, percent, 2020\u201330",
             "Occupational separations rate, 2020\u201330"]
EP = [["Table 1.2 Employment by detailed occupation, 2020 and projected 2030"],
      EP_HEADER,
      ["Computer and information systems managers", "11-3021", "Line item",
       "482.0", "534.6", "52.6", "10.9", "8.1"],
      ["Computer systems analysts", "15-1211", "Line item", "607.8",
       "650.6", "42.8", "7.0", "7.9"],
      ["Computer user support specialists", "15-1232", "Line item", "654.8",
       "712.8", "58.0", "8.9", "10.1"],
      ["Software developers, systems software", "15-1133", "Line item",
       "405.3", "450.0", "44.7", "11.0", "6.2"],
      ["Computer systems analysts (SOC 2010)", "15-1051", "Line item",
       "600.0", "640.0", "40.0", "6.7", "7.5"],
      ["Footnotes: SYNTHETIC rows and rates, see make_fixtures.py"]]


def write_csv(name, rows):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)


def as_cell(text):
    """Numbers as numbers (as BLS's workbooks store them), the rest as text."""
    t = text.replace(",", "")
    try:
        v = float(t)
    except ValueError:
        return text
    if t in ("000000",) or "-" in t:
        return text
    return int(v) if v.is_integer() and "." not in t else v


def write_xlsx(name, rows, notes_first=False):
    wb = Workbook()
    ws = wb.active
    if notes_first:
        ws.title = "Field descriptions"
        ws.append(["Field", "Description"])
        ws.append(["OCC_CODE", "the 6-digit SOC code"])
        ws = wb.create_sheet("data")
    for r in rows:
        ws.append([as_cell(c) for c in r])
    # a styled empty cell beyond the header, as spreadsheets leave them
    ws.cell(row=3, column=len(rows[1]) + 2).font = Font(bold=True)
    wb.save(os.path.join(HERE, name))


def col_name(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def write_xlsx_shared(name, rows):
    """The workbook as Excel writes it, by hand: texts in a shared-strings
    table (one as rich-text runs with a phonetic run, which is no part of
    the text), TRUE/FALSE as booleans, numbers as numbers, and one row whose
    cells carry no references."""
    import zipfile
    from xml.sax.saxutils import escape
    strings, index = [], {}

    def sst(text):
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    out = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, text in enumerate(row):
            ref = "" if r == 2 else f' r="{col_name(c)}{r}"'
            v = as_cell(text)
            if text == "":
                continue
            if text in ("TRUE", "FALSE"):
                cells.append(f'<c{ref} t="b"><v>{int(text == "TRUE")}</v></c>')
            elif isinstance(v, str):
                cells.append(f'<c{ref} t="s"><v>{sst(text)}</v></c>')
            else:
                cells.append(f'<c{ref}><v>{v}</v></c>')
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    sis = []
    for t in strings:
        if t == "Actors":  # rich text: two runs and a phonetic run
            sis.append('<si><r><t>Act</t></r><r><rPr><b/></rPr><t>ors</t></r>'
                       '<rPh sb="0" eb="1"><t>X</t></rPh></si>')
        else:
            sis.append(f'<si><t xml:space="preserve">{escape(t)}</t></si>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml",
                   f'<workbook {ns} xmlns:r="{rel}"><sheets><sheet name="d" '
                   'sheetId="1" r:id="rId7"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<Relationships><Relationship Id="rId7" '
                   'Target="/xl/worksheets/data.xml"/></Relationships>')
        z.writestr("xl/sharedStrings.xml",
                   f'<sst {ns} count="{len(strings)}">{"".join(sis)}</sst>')
        z.writestr("xl/worksheets/data.xml",
                   f'<worksheet {ns}><sheetData>{"".join(out)}</sheetData></worksheet>')


write_csv("all_data_M_2018.csv", ALL_DATA)
write_xlsx("all_data_M_2018.xlsx", ALL_DATA, notes_first=True)
write_csv("national_M2011_dl.csv", NATIONAL_2011)
write_xlsx("national_M2011_dl.xlsx", NATIONAL_2011)
write_xlsx_shared("national_M2011_dl_excel.xlsx", NATIONAL_2011)
write_csv("ep_2020-30.csv", EP)
write_xlsx("ep_2020-30.xlsx", EP)
