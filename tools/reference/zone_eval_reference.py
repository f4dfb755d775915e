#!/usr/bin/env python3
"""Independent reference implementation (test oracle) of the zone evaluation method.

Spec: shared/spec/evaluation-method.md (policy: shared/spec/policy-zh.txt).
Standard library only; every ratio and comparison is a fractions.Fraction, money is
Decimal, and no float is ever used.  See README.md beside this file for the list of
interpretations taken where the spec is not explicit.

    python3 tools/reference/zone_eval_reference.py --input DIR [--encoding UTF-8|GBK]
        [--out FILE] [--metrics FILE] [--rejects FILE] [--dedup-scope valid|all]
        [--tiers FILE] [--tier-mix FILE] [--land-candidates FILE]
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from collections import Counter, defaultdict
from decimal import Decimal, ROUND_HALF_UP
from fractions import Fraction

# --------------------------------------------------------------------------- contract

FILES = {
    "zones.csv": ["year", "zone_id", "zone_name", "county", "zone_type", "specialty_industries"],
    "county_policies.csv": ["year", "county", "has_policy"],
    "enterprises.csv": ["year", "uscc", "name", "zone_id", "industry_code", "above_scale"],
    "invoices.csv": ["invoice_id", "seller_uscc", "issue_date", "amount", "tax_amount", "status"],
    "tax_payments.csv": ["payment_id", "uscc", "tax_type", "entry_date", "amount"],
    "land_parcels.csv": ["parcel_id", "holder_uscc", "area_m2", "acquired_date", "released_date"],
    "recognitions.csv": ["uscc", "kind", "recognized_date"],
    "talents.csv": ["talent_id", "employer_uscc", "program", "awarded_date"],
    "projects.csv": ["project_id", "zone_id", "kind", "equipment_investment",
                     "construction_start_date", "production_start_date"],
    "standard_factories.csv": ["factory_id", "zone_id", "floor_area_m2", "accepted_date"],
    "land_revitalizations.csv": ["record_id", "zone_id", "area_mu", "completed_date"],
    "incidents.csv": ["incident_id", "zone_id", "kind", "severity", "occurred_date"],
}

ZONE_TYPES = {"重点发展型": "KEY", "优化发展型": "OPTIMIZED"}
INVOICE_STATUSES = {"normal", "red", "void"}
RECOGNITION_POINTS = {
    "listed": Fraction(3),
    "little_giant": Fraction(2),
    "neeq": Fraction(2),
    "unicorn": Fraction(2),
    "unicorn_cultivation": Fraction(1),
    "gazelle": Fraction(1),
    "high_tech": Fraction(1, 2),
    "unicorn_seed": Fraction(1, 2),
    "gazelle_cultivation": Fraction(1, 2),
    "tech_attracted": Fraction(1, 10),
}
NEW_ABOVE_SCALE_POINTS = Fraction(1, 2)
TALENT_POINTS = {
    "national": Fraction(3),
    "js_innovation_team": Fraction(3),
    "js_innovation_talent": Fraction(1),
    "lvyang_leading": Fraction(1, 2),
    "lvyang_phd": Fraction(1, 4),
}
PROJECT_KINDS = {"tech_upgrade", "major"}
TECH_UPGRADE_MIN = Fraction(8_000_000)        # yuan, inclusive
TECH_UPGRADE_POINTS = Fraction(2)
MAJOR_POINTS = Fraction(5)
FACTORY_UNIT_M2 = Fraction(10_000)
FACTORY_POINTS = Fraction(1)
REVIT_UNIT_MU = Fraction(50)
REVIT_POINTS = Fraction(2)
INCIDENT_KINDS = {"safety", "environment"}
SEVERITIES = {"general", "larger", "major", "especially_major"}
VETO_SEVERITIES = {"larger", "major", "especially_major"}
CAP = Fraction(10)
M2_PER_MU = Fraction(10_000, 15)              # 666.666... exactly
HALF = Fraction(1, 2)
AWARDS = {  # prize number, amount in 万元, in award order
    "KEY": [(1, 600), (2, 400), (2, 400), (3, 200), (3, 200), (3, 200)],
    "OPTIMIZED": [(1, 500), (2, 300), (3, 100), (3, 100)],
}

OUT_COLUMNS = ["year", "zone_id", "zone_type", "score_scale", "score_tax", "score_specialty",
               "score_per_mu", "score_cultivation", "score_talent", "score_investment",
               "score_capacity", "total_score", "vetoed", "award_eligible", "final_rank",
               "award_prize", "award_amount_wan", "interview", "leadership_adjustment"]

# --------------------------------------------------------------------------- parsing


class InputError(Exception):
    """A whole-file problem (missing file, wrong header): stops the run."""


class Bad(Exception):
    """A bad record: the row is excluded with this reason."""


USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
USCC_RE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}")
YEAR_RE = re.compile(r"[0-9]{4}")
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DECIMAL_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_is_valid(code: str) -> bool:
    if not USCC_RE.fullmatch(code):
        return False
    return uscc_check_char(code[:17]) == code[17]


def parse_uscc(raw: str) -> str:
    code = raw.strip().upper()
    if not uscc_is_valid(code):
        raise Bad("invalid USCC")
    return code


def parse_year(raw: str) -> int:
    s = raw.strip()
    if not YEAR_RE.fullmatch(s):
        raise Bad("unparseable number")
    return int(s)


def parse_date(raw: str, optional: bool = False):
    s = raw.strip()
    if s == "" and optional:
        return None
    if not DATE_RE.fullmatch(s):
        raise Bad("unparseable date")
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        raise Bad("unparseable date") from None


def parse_decimal(raw: str, money: bool = False, optional: bool = False):
    """Plain decimal -> Fraction.  money=True: the value must be a whole number of fen."""
    s = raw.strip()
    if s == "" and optional:
        return None
    if not DECIMAL_RE.fullmatch(s):
        raise Bad("unparseable number")
    value = Fraction(Decimal(s))
    if money and (value * 100).denominator != 1:
        raise Bad("unparseable number")  # amounts have at most 2 decimals
    return value


def parse_bool(raw: str) -> bool:
    s = raw.strip().lower()
    if s == "true":
        return True
    if s == "false":
        return False
    raise Bad("unparseable boolean")


def parse_enum(raw: str, allowed, what: str) -> str:
    s = raw.strip().lower()
    if s not in allowed:
        raise Bad("unknown " + what)
    return s


def required(raw: str, what: str) -> str:
    s = raw.strip()
    if s == "":
        raise Bad("missing " + what)
    return s


# --------------------------------------------------------------------------- reading


class Reader:
    def __init__(self, input_dir: str, encoding: str, dedup_scope: str = "valid"):
        self.input_dir = input_dir
        self.encoding = "gbk" if encoding.upper() in ("GBK", "CP936") else "utf-8"
        self.dedup_scope = dedup_scope
        self.rejects = Counter()      # (file, reason) -> count
        self.accepted = Counter()     # file -> count
        self.total = Counter()        # file -> number of data rows
        self.findings = []
        self.reject_log = []          # (file, line, reason, raw text)
        self._cur = (None, None)

    def rows(self, name):
        """Yield (line_no, dict of raw fields) for each well-formed data line.

        Lines are physical lines (no embedded newlines); exactly empty lines are skipped."""
        import os
        path = os.path.join(self.input_dir, name)
        if not os.path.isfile(path):
            raise InputError(f"{name}: file missing in {self.input_dir}")
        with open(path, "rb") as fh:
            data = fh.read()
        lines = data.split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        if not lines:
            raise InputError(f"{name}: empty file, header missing")
        expected = FILES[name]
        try:
            head = lines[0].rstrip(b"\r").decode(self.encoding)
        except UnicodeDecodeError:
            raise InputError(f"{name}: header is not valid {self.encoding}") from None
        head = head.lstrip("\ufeff")
        try:
            header = [h.strip().lower() for h in next(csv.reader([head], strict=True))]
        except (csv.Error, StopIteration):
            raise InputError(f"{name}: unreadable header") from None
        if sorted(header) != sorted(expected) or len(set(header)) != len(header):
            raise InputError(f"{name}: wrong header {header}, expected {expected}")
        for idx, raw in enumerate(lines[1:], start=2):
            raw = raw.rstrip(b"\r")
            if raw == b"":
                continue
            self.total[name] += 1
            self._cur = (idx, raw.decode(self.encoding, errors="replace"))
            try:
                text = raw.decode(self.encoding)
            except UnicodeDecodeError:
                self.reject(name, "malformed CSV line (undecodable)")
                continue
            try:
                fields = next(csv.reader([text], strict=True))
            except (csv.Error, StopIteration):
                self.reject(name, "malformed CSV line")
                continue
            if len(fields) != len(header):
                self.reject(name, "malformed CSV line (field count)")
                continue
            yield idx, dict(zip(header, fields))

    def reject(self, name, reason):
        self.rejects[(name, reason)] += 1
        self.reject_log.append((name, self._cur[0], reason, self._cur[1]))

    def load(self, name, convert, key=None):
        """convert(fields) -> record or raises Bad; key(record|fields) -> duplicate key.

        dedup_scope 'valid': the first row passing every other check stands;
        'all': the first well-formed row carrying the key stands (key from raw fields)."""
        out = []
        seen = set()
        for line_no, f in self.rows(name):
            raw_key, dup = None, False
            if key is not None and self.dedup_scope == "all":
                try:
                    raw_key = key(None, f)
                except Bad:
                    raw_key = None
                if raw_key is not None:
                    dup = raw_key in seen
                    seen.add(raw_key)
            try:
                rec = convert(f)
            except Bad as e:
                self.reject(name, str(e))
                continue
            if key is not None:
                if self.dedup_scope == "all":
                    if dup:
                        self.reject(name, "duplicate id")
                        continue
                else:
                    k = key(rec, f)
                    if k in seen:
                        self.reject(name, "duplicate id")
                        continue
                    seen.add(k)
            self.accepted[name] += 1
            out.append(rec)
        return out


# --------------------------------------------------------------------------- model


class Data:
    pass


def load_all(input_dir, encoding="UTF-8", dedup_scope="valid"):
    r = Reader(input_dir, encoding, dedup_scope)
    d = Data()
    d.reader = r

    # zones ------------------------------------------------------------------
    def conv_zone(f):
        year = parse_year(f["year"])
        zid = required(f["zone_id"], "zone_id")
        ztype = f["zone_type"].strip()
        if ztype not in ZONE_TYPES:
            raise Bad("unknown zone_type")
        prefixes = [p.strip().upper() for p in f["specialty_industries"].split(";") if p.strip()]
        return dict(year=year, zone_id=zid, name=f["zone_name"].strip(),
                    county=f["county"].strip(), type=ZONE_TYPES[ztype], prefixes=prefixes)

    zones = r.load("zones.csv", conv_zone,
                   key=lambda rec, f: (rec["year"], rec["zone_id"]) if rec
                   else (parse_year(f["year"]), f["zone_id"].strip()))
    d.zones = {(z["year"], z["zone_id"]): z for z in zones}

    def zone_known(year, zid):
        if (year, zid) not in d.zones:
            raise Bad("unknown zone")

    # county policies --------------------------------------------------------
    def conv_policy(f):
        return dict(year=parse_year(f["year"]), county=f["county"].strip(),
                    has_policy=parse_bool(f["has_policy"]))

    pols = r.load("county_policies.csv", conv_policy,
                  key=lambda rec, f: (rec["year"], rec["county"]) if rec
                  else (parse_year(f["year"]), f["county"].strip()))
    d.policy = {(p["year"], p["county"]): p["has_policy"] for p in pols}

    # enterprise rosters -----------------------------------------------------
    def conv_ent(f):
        year = parse_year(f["year"])
        above = parse_bool(f["above_scale"])
        uscc = parse_uscc(f["uscc"])
        zid = f["zone_id"].strip()
        zone_known(year, zid)
        return dict(year=year, uscc=uscc, zone_id=zid,
                    industry=f["industry_code"].strip().upper(), above=above)

    ents = r.load("enterprises.csv", conv_ent,
                  key=lambda rec, f: (rec["year"], rec["uscc"]) if rec
                  else (parse_year(f["year"]), parse_uscc(f["uscc"])))
    d.roster = {(e["year"], e["uscc"]): e for e in ents}
    d.roster_years = {e["year"] for e in ents}

    def in_roster(year, uscc):
        if (year, uscc) not in d.roster:
            raise Bad("enterprise in no roster of its year")

    def simple_key(col, norm=lambda s: s.strip()):
        def k(rec, f):
            v = norm(f[col])
            if v == "":
                raise Bad("missing id")
            return v
        return k

    # invoices ---------------------------------------------------------------
    def conv_inv(f):
        required(f["invoice_id"], "invoice_id")
        date = parse_date(f["issue_date"])
        amount = parse_decimal(f["amount"], money=True)
        parse_decimal(f["tax_amount"], money=True)
        status = parse_enum(f["status"], INVOICE_STATUSES, "status")
        uscc = parse_uscc(f["seller_uscc"])
        in_roster(date.year, uscc)
        if status == "red":
            signed = -abs(amount)
        elif status == "void":
            signed = Fraction(0)
        else:
            signed = amount
        return dict(uscc=uscc, year=date.year, amount=signed)

    d.invoices = r.load("invoices.csv", conv_inv, key=simple_key("invoice_id"))

    # tax payments -----------------------------------------------------------
    def conv_tax(f):
        required(f["payment_id"], "payment_id")
        date = parse_date(f["entry_date"])
        amount = parse_decimal(f["amount"], money=True)
        uscc = parse_uscc(f["uscc"])
        in_roster(date.year, uscc)
        return dict(uscc=uscc, year=date.year, amount=amount)

    d.taxes = r.load("tax_payments.csv", conv_tax, key=simple_key("payment_id"))

    # land parcels -----------------------------------------------------------
    def conv_land(f):
        pid = required(f["parcel_id"], "parcel_id")
        area = parse_decimal(f["area_m2"])
        acq = parse_date(f["acquired_date"])
        rel = parse_date(f["released_date"], optional=True)
        uscc = parse_uscc(f["holder_uscc"])
        if area < 0:
            raise Bad("negative area")
        return dict(parcel_id=pid, uscc=uscc, area=area, acquired=acq, released=rel)

    d.land = r.load("land_parcels.csv", conv_land,
                    key=lambda rec, f: (rec["parcel_id"], rec["uscc"], rec["acquired"]) if rec
                    else (required(f["parcel_id"], "parcel_id"), parse_uscc(f["holder_uscc"]),
                          parse_date(f["acquired_date"])))

    # recognitions -----------------------------------------------------------
    def conv_rec(f):
        date = parse_date(f["recognized_date"])
        kind = parse_enum(f["kind"], RECOGNITION_POINTS, "kind")
        uscc = parse_uscc(f["uscc"])
        in_roster(date.year, uscc)
        return dict(uscc=uscc, kind=kind, date=date)

    d.recognitions = r.load("recognitions.csv", conv_rec)

    # talents ----------------------------------------------------------------
    def conv_tal(f):
        required(f["talent_id"], "talent_id")
        date = parse_date(f["awarded_date"])
        prog = parse_enum(f["program"], TALENT_POINTS, "program")
        uscc = parse_uscc(f["employer_uscc"])
        in_roster(date.year, uscc)
        return dict(uscc=uscc, program=prog, year=date.year)

    d.talents = r.load("talents.csv", conv_tal, key=simple_key("talent_id"))

    # projects ---------------------------------------------------------------
    def conv_proj(f):
        required(f["project_id"], "project_id")
        invest = parse_decimal(f["equipment_investment"], money=True, optional=True)
        cons = parse_date(f["construction_start_date"], optional=True)
        prod = parse_date(f["production_start_date"], optional=True)
        kind = parse_enum(f["kind"], PROJECT_KINDS, "kind")
        zid = f["zone_id"].strip()
        when = prod if kind == "tech_upgrade" else cons
        if when is not None:
            zone_known(when.year, zid)
        return dict(zone_id=zid, kind=kind, invest=invest,
                    year=None if when is None else when.year)

    d.projects = r.load("projects.csv", conv_proj, key=simple_key("project_id"))

    # standard factories -----------------------------------------------------
    def conv_fac(f):
        required(f["factory_id"], "factory_id")
        area = parse_decimal(f["floor_area_m2"])
        date = parse_date(f["accepted_date"])
        if area < 0:
            raise Bad("negative area")
        zid = f["zone_id"].strip()
        zone_known(date.year, zid)
        return dict(zone_id=zid, area=area, year=date.year)

    d.factories = r.load("standard_factories.csv", conv_fac, key=simple_key("factory_id"))

    # land revitalizations ---------------------------------------------------
    def conv_rev(f):
        required(f["record_id"], "record_id")
        area = parse_decimal(f["area_mu"])
        date = parse_date(f["completed_date"])
        if area < 0:
            raise Bad("negative area")
        zid = f["zone_id"].strip()
        zone_known(date.year, zid)
        return dict(zone_id=zid, area=area, year=date.year)

    d.revitalizations = r.load("land_revitalizations.csv", conv_rev, key=simple_key("record_id"))

    # incidents --------------------------------------------------------------
    def conv_inc(f):
        required(f["incident_id"], "incident_id")
        date = parse_date(f["occurred_date"])
        kind = parse_enum(f["kind"], INCIDENT_KINDS, "kind")
        sev = parse_enum(f["severity"], SEVERITIES, "severity")
        zid = f["zone_id"].strip()
        zone_known(date.year, zid)
        return dict(zone_id=zid, kind=kind, severity=sev, year=date.year)

    d.incidents = r.load("incidents.csv", conv_inc, key=simple_key("incident_id"))
    return d


# --------------------------------------------------------------------------- metrics


def ratio(num, den):
    return None if den == 0 else Fraction(num) / Fraction(den)


def growth(cur, prev):
    """prev is None when the zone has no Y-1 figure."""
    if prev is None or prev <= 0:
        return None
    return (cur - prev) / prev


def compute_metrics(d):
    years = sorted({y for (y, _) in d.zones})
    sales = defaultdict(Fraction)          # (y, z)
    spec_sales = defaultdict(Fraction)
    tax = defaultdict(Fraction)
    above_sales = defaultdict(Fraction)
    above_tax = defaultdict(Fraction)
    ent_sales = defaultdict(Fraction)      # (y, uscc)
    ent_tax = defaultdict(Fraction)

    def zone_of(y, uscc):
        return d.roster[(y, uscc)]["zone_id"]

    for inv in d.invoices:
        ent_sales[(inv["year"], inv["uscc"])] += inv["amount"]
    for t in d.taxes:
        ent_tax[(t["year"], t["uscc"])] += t["amount"]

    for (y, uscc), amt in ent_sales.items():
        e = d.roster[(y, uscc)]
        zk = (y, e["zone_id"])
        sales[zk] += amt
        if any(e["industry"].startswith(p) for p in d.zones[zk]["prefixes"]):
            spec_sales[zk] += amt
        if e["above"]:
            above_sales[zk] += amt
    for (y, uscc), amt in ent_tax.items():
        e = d.roster[(y, uscc)]
        zk = (y, e["zone_id"])
        tax[zk] += amt
        if e["above"]:
            above_tax[zk] += amt

    # land held at 31 Dec of Y by the above-size enterprises of Y
    land_by_uscc = defaultdict(list)
    for p in d.land:
        land_by_uscc[p["uscc"]].append(p)
    land_m2 = defaultdict(Fraction)
    above_count = Counter()
    no_land = []
    for (y, uscc), e in d.roster.items():
        if not e["above"]:
            continue
        zk = (y, e["zone_id"])
        above_count[zk] += 1
        dec31 = dt.date(y, 12, 31)
        held = Fraction(0)
        has = False
        for p in land_by_uscc.get(uscc, ()):
            if p["acquired"] <= dec31 and (p["released"] is None or p["released"] > dec31):
                held += p["area"]
                has = True
        if not has:
            no_land.append((y, uscc))
        land_m2[zk] += held
    d.reader.findings.append(f"above-size enterprise-years with no land held at 31 Dec: {len(no_land)}")

    # cultivation: first valid recognition of each (enterprise, kind)
    first_rec = {}
    for rc in d.recognitions:
        k = (rc["uscc"], rc["kind"])
        if k not in first_rec or rc["date"] < first_rec[k]:
            first_rec[k] = rc["date"]
    cult_points = defaultdict(Fraction)
    cult_items = Counter()
    for (uscc, kind), date in first_rec.items():
        zk = (date.year, zone_of(date.year, uscc))
        cult_points[zk] += RECOGNITION_POINTS[kind]
        cult_items[zk] += 1
    new_above = Counter()
    for (y, uscc), e in d.roster.items():
        if not e["above"] or (y - 1) not in d.roster_years:
            continue
        prev = d.roster.get((y - 1, uscc))
        if prev is None or not prev["above"]:
            zk = (y, e["zone_id"])
            new_above[zk] += 1
            cult_points[zk] += NEW_ABOVE_SCALE_POINTS

    talent_points = defaultdict(Fraction)
    for t in d.talents:
        zk = (t["year"], zone_of(t["year"], t["uscc"]))
        talent_points[zk] += TALENT_POINTS[t["program"]]

    invest_points = defaultdict(Fraction)
    for p in d.projects:
        if p["year"] is None:
            continue
        zk = (p["year"], p["zone_id"])
        if p["kind"] == "tech_upgrade":
            if p["invest"] is not None and p["invest"] >= TECH_UPGRADE_MIN:
                invest_points[zk] += TECH_UPGRADE_POINTS
        else:
            invest_points[zk] += MAJOR_POINTS

    fac_m2 = defaultdict(Fraction)
    for f in d.factories:
        fac_m2[(f["year"], f["zone_id"])] += f["area"]
    rev_mu = defaultdict(Fraction)
    for rv in d.revitalizations:
        rev_mu[(rv["year"], rv["zone_id"])] += rv["area"]

    vetoed = set()
    for inc in d.incidents:
        if inc["severity"] in VETO_SEVERITIES:
            vetoed.add((inc["year"], inc["zone_id"]))

    def share(zk):
        if zk not in d.zones or sales[zk] <= 0:
            return None
        return spec_sales[zk] / sales[zk]

    metrics = {}
    for zk in sorted(d.zones):
        y, z = zk
        pk = (y - 1, z)
        prev_exists = pk in d.zones
        land_mu = land_m2[zk] / M2_PER_MU
        sh = share(zk)
        sh_prev = share(pk)
        m = dict(
            sales=sales[zk], sales_prev=sales[pk] if prev_exists else None,
            tax=tax[zk], tax_prev=tax[pk] if prev_exists else None,
            specialty_sales=spec_sales[zk], specialty_share=sh, specialty_share_prev=sh_prev,
            above_scale_count=above_count[zk], above_sales=above_sales[zk], above_tax=above_tax[zk],
            land_m2=land_m2[zk], land_mu=land_mu,
            tax_per_mu=ratio(above_tax[zk], land_mu) if land_mu != 0 else None,
            sales_per_mu=ratio(above_sales[zk], land_mu) if land_mu != 0 else None,
            new_recognitions=cult_items[zk], new_above_scale=new_above[zk],
            cultivation_points=cult_points[zk], talent_points=talent_points[zk],
            investment_points=invest_points[zk],
            factory_m2=fac_m2[zk], revitalized_mu=rev_mu[zk],
            vetoed=zk in vetoed,
        )
        m["sales_growth"] = growth(m["sales"], m["sales_prev"])
        m["tax_growth"] = growth(m["tax"], m["tax_prev"])
        m["specialty_change_pp"] = None if sh is None or sh_prev is None else sh - sh_prev
        m["specialty_change_rel"] = (None if sh is None or sh_prev is None or sh_prev == 0
                                     else (sh - sh_prev) / sh_prev)
        fac_units = (m["factory_m2"] / FACTORY_UNIT_M2).__floor__()
        rev_units = (m["revitalized_mu"] / REVIT_UNIT_MU).__floor__()
        m["capacity_points"] = fac_units * FACTORY_POINTS + rev_units * REVIT_POINTS
        metrics[zk] = m
    return years, metrics


# --------------------------------------------------------------------------- scoring


def competition_ranks(values):
    """values: key -> Fraction or None.  Highest first, ties share a rank (1,1,3);
    every None ranks after all defined values, tied with each other."""
    defined = [v for v in values.values() if v is not None]
    ranks = {}
    for k, v in values.items():
        if v is None:
            ranks[k] = len(defined) + 1
        else:
            ranks[k] = 1 + sum(1 for w in defined if w > v)
    return ranks


def rank_score(rank, full):
    return max(Fraction(0), Fraction(full) - HALF * (rank - 1))


def rank_scores(values, full):
    return {k: rank_score(r, full) for k, r in competition_ranks(values).items()}


def combined(group, metrics, growth_key, level_key, full):
    g = rank_scores({z: metrics[z][growth_key] for z in group}, full)
    lv = rank_scores({z: metrics[z][level_key] for z in group}, full)
    return {z: Fraction(6, 10) * g[z] + Fraction(4, 10) * lv[z] for z in group}


def order_key_factory(metrics, total):
    def key(zk):
        tpm = metrics[zk]["tax_per_mu"]
        return (metrics[zk]["vetoed"], -total[zk],
                1 if tpm is None else 0, -(tpm if tpm is not None else 0), zk[1])
    return key


def evaluate(d):
    years, metrics = compute_metrics(d)
    groups = defaultdict(list)
    for zk, z in d.zones.items():
        groups[(zk[0], z["type"])].append(zk)
    results = {}
    for (y, ztype), group in groups.items():
        s_scale = combined(group, metrics, "sales_growth", "sales", 10)
        s_tax = combined(group, metrics, "tax_growth", "tax", 10)
        s_spec = combined(group, metrics, "specialty_change_pp", "specialty_share", 20)
        s_mu = combined(group, metrics, "tax_per_mu", "sales_per_mu", 20)
        total = {}
        for zk in group:
            m = metrics[zk]
            res = dict(
                score_scale=s_scale[zk], score_tax=s_tax[zk], score_specialty=s_spec[zk],
                score_per_mu=s_mu[zk],
                score_cultivation=min(CAP, m["cultivation_points"]),
                score_talent=min(CAP, m["talent_points"]),
                score_investment=min(CAP, m["investment_points"]),
                score_capacity=min(CAP, Fraction(m["capacity_points"])),
            )
            res["total_score"] = sum((res[k] for k in list(res)), Fraction(0))
            total[zk] = res["total_score"]
            results[zk] = res
        ordered = sorted(group, key=order_key_factory(metrics, total))
        prizes = list(AWARDS[ztype])
        for pos, zk in enumerate(ordered, start=1):
            res = results[zk]
            z = d.zones[zk]
            res["zone_type"] = ztype
            res["vetoed"] = metrics[zk]["vetoed"]
            res["award_eligible"] = (d.policy.get((y, z["county"]), False)
                                     and not res["vetoed"])
            res["final_rank"] = pos
            res["award_prize"] = None
            res["award_amount_wan"] = None
            if res["award_eligible"] and prizes:
                res["award_prize"], res["award_amount_wan"] = prizes.pop(0)
            res["interview"] = pos == len(ordered)
            same_total = [o for o in group if o != zk and total[o] == total[zk]
                          and metrics[o]["vetoed"] == metrics[zk]["vetoed"]]
            res["order_decided_by_tiebreak"] = bool(same_total)
    # A year is evaluated when the input has the zones and the roster of the year before it; the previous
    # last place comes from the year before's result, so a year whose year before was not evaluated adjusts
    # nobody (the spec's annual cycle).
    zone_years = {y for (y, _) in d.zones}
    evaluated = {y for y in zone_years if (y - 1) in zone_years and (y - 1) in d.roster_years}
    for zk, res in results.items():
        prev = results.get((zk[0] - 1, zk[1])) if (zk[0] - 1) in evaluated else None
        res["leadership_adjustment"] = bool(res["interview"] and prev is not None
                                            and prev["interview"])
    return years, metrics, results


# --------------------------------------------------------------------------- enterprise tiers
# The spec's "Beyond the annex": enterprise per-mu tiers (亩均论英雄) and low-efficiency land, with the
# defaults of the rules file's `enterprise` section.

TIER_TAX_WEIGHT = Fraction(60)
TIER_SALES_WEIGHT = Fraction(40)
TIER_CAP = Fraction(3, 2)
MIN_LAND_MU_BELOW_SIZE = Fraction(3)
TIER_CUTOFFS = ((20, "A"), (60, "B"), (95, "C"))   # per cent of n; D after
D_FLOOR_TAX_PER_MU = Fraction(0)                   # yuan per mu
NEW_ENTERPRISE_YEARS = 2                           # acquired on or after 1 January of Y-1


def held_at_31_december(p, y):
    dec31 = dt.date(y, 12, 31)
    return p["acquired"] <= dec31 and (p["released"] is None or p["released"] > dec31)


def round_half_up_cents(x):
    """x >= 0 rounded half-up to 0.01, as a Fraction."""
    return Fraction((x * 100 + HALF).__floor__(), 100)


def enterprise_tiers(d):
    """(year, uscc) -> the row of gold.enterprise_tiers, for every roster year."""
    sales = defaultdict(Fraction)
    tax = defaultdict(Fraction)
    for inv in d.invoices:
        sales[(inv["year"], inv["uscc"])] += inv["amount"]
    for t in d.taxes:
        tax[(t["year"], t["uscc"])] += t["amount"]
    land_by_uscc = defaultdict(list)
    for p in d.land:
        land_by_uscc[p["uscc"]].append(p)

    rows = {}
    for (y, uscc), e in d.roster.items():
        held = [p for p in land_by_uscc.get(uscc, ()) if held_at_31_december(p, y)]
        land_mu = sum((p["area"] for p in held), Fraction(0)) / M2_PER_MU
        new_since = dt.date(y - NEW_ENTERPRISE_YEARS + 1, 1, 1)
        if land_mu <= 0:
            reason = "no_land"
        elif all(p["acquired"] >= new_since for p in held):
            reason = "new_enterprise"
        elif not e["above"] and land_mu < MIN_LAND_MU_BELOW_SIZE:
            reason = "below_size_small_land"
        else:
            reason = None
        rows[(y, uscc)] = dict(
            year=y, uscc=uscc, zone_id=e["zone_id"], county=d.zones[(y, e["zone_id"])]["county"],
            above_scale=e["above"], land_mu=land_mu, tax=tax[(y, uscc)], sales=sales[(y, uscc)],
            tax_per_mu=tax[(y, uscc)] / land_mu if land_mu > 0 else None,
            sales_per_mu=sales[(y, uscc)] / land_mu if land_mu > 0 else None,
            rated=reason is None, not_rated_reason=reason, score=None, county_rank=None, tier=None,
            forced_d=False, bench_tax_per_mu=None, bench_sales_per_mu=None)

    by_county = defaultdict(list)
    for r in rows.values():
        by_county[(r["year"], r["county"])].append(r)
    for group in by_county.values():
        rated = [r for r in group if r["rated"]]
        if not rated:
            continue
        total_land = sum((r["land_mu"] for r in rated), Fraction(0))
        bench_tax = sum((r["tax"] for r in rated), Fraction(0)) / total_land
        bench_sales = sum((r["sales"] for r in rated), Fraction(0)) / total_land
        for r in group:
            r["bench_tax_per_mu"], r["bench_sales_per_mu"] = bench_tax, bench_sales

        def term(weight, own, bench):
            if bench <= 0:
                return Fraction(0)
            return weight * min(max(own / bench, Fraction(0)), TIER_CAP)

        for r in rated:
            r["score"] = round_half_up_cents(term(TIER_TAX_WEIGHT, r["tax_per_mu"], bench_tax)
                                             + term(TIER_SALES_WEIGHT, r["sales_per_mu"], bench_sales))
        n = len(rated)
        for r in rated:
            rank = 1 + sum(1 for o in rated if o["score"] > r["score"])
            r["county_rank"] = rank
            r["forced_d"] = r["tax_per_mu"] <= D_FLOOR_TAX_PER_MU
            tier = "D"
            for cut, name in TIER_CUTOFFS:
                if 100 * rank <= cut * n:
                    tier = name
                    break
            r["tier"] = "D" if r["forced_d"] else tier
    return rows


def zone_tier_mix(d, tiers):
    """(year, zone_id) -> the row of gold.zone_tier_mix, for every zone of zones.csv."""
    mix = {}
    for zk in d.zones:
        mix[zk] = dict(year=zk[0], zone_id=zk[1], rated=0, a=0, b=0, c=0, d=0, not_rated=0,
                       land_mu_d=Fraction(0), land_rated=Fraction(0))
    for r in tiers.values():
        m = mix[(r["year"], r["zone_id"])]
        if not r["rated"]:
            m["not_rated"] += 1
            continue
        m["rated"] += 1
        m[r["tier"].lower()] += 1
        m["land_rated"] += r["land_mu"]
        if r["tier"] == "D":
            m["land_mu_d"] += r["land_mu"]
    for m in mix.values():
        m["share_land_d"] = m["land_mu_d"] / m["land_rated"] if m["land_rated"] > 0 else None
    return mix


def land_candidates(d, tiers):
    """The rows of gold.land_candidates of every roster year: (year, parcel, holder, acquired, reason)."""
    out = []
    for y in sorted({y for (y, _) in tiers}):
        for p in d.land:
            t = tiers.get((y, p["uscc"]))
            if t is None or not held_at_31_december(p, y):
                continue
            before = tiers.get((y - 1, p["uscc"]))
            reasons = []
            if t["tier"] == "D" and before is not None and before["tier"] == "D":
                reasons.append("d_two_years")
            if t["not_rated_reason"] != "new_enterprise" and t["sales"] <= 0:
                reasons.append("idle")
            for reason in reasons:
                out.append(dict(year=y, parcel_id=p["parcel_id"], holder_uscc=p["uscc"],
                                acquired_date=p["acquired"].isoformat(), zone_id=t["zone_id"],
                                area_mu=p["area"] / M2_PER_MU, reason=reason))
    out.sort(key=lambda c: (c["year"], c["parcel_id"], c["holder_uscc"], c["acquired_date"], c["reason"]))
    return out


TIER_COLUMNS = [("year", None), ("uscc", None), ("zone_id", None), ("county", None), ("above_scale", None),
                ("land_mu", 8), ("tax", 2), ("sales", 2), ("tax_per_mu", 18), ("sales_per_mu", 18),
                ("bench_tax_per_mu", 18), ("bench_sales_per_mu", 18), ("rated", None),
                ("not_rated_reason", None), ("score", 2), ("county_rank", None), ("tier", None),
                ("forced_d", None)]
TIER_MIX_COLUMNS = [("year", None), ("zone_id", None), ("rated", None), ("a", None), ("b", None),
                    ("c", None), ("d", None), ("not_rated", None), ("land_mu_d", 8), ("share_land_d", 18)]
LAND_CANDIDATE_COLUMNS = [("year", None), ("parcel_id", None), ("holder_uscc", None),
                          ("acquired_date", None), ("zone_id", None), ("area_mu", 8), ("reason", None)]


def write_rows(rows, columns, fh):
    """CSV with a header; numbers with the given decimals (half away from zero), None empty."""
    w = csv.writer(fh, lineterminator="\n")
    w.writerow([c for c, _ in columns])
    for r in rows:
        w.writerow(["" if r[c] is None else fmt_dec(r[c], places) if places is not None
                    else fmt_bool(r[c]) if isinstance(r[c], bool) else r[c] for c, places in columns])


# --------------------------------------------------------------------------- output


def fmt2(x):
    x = Fraction(x)
    if (x * 100).denominator != 1:
        raise AssertionError(f"score {x} is not a multiple of 0.01")
    return str(Decimal(int(x * 100)).scaleb(-2).quantize(Decimal("0.01")))


def fmt_dec(x, places=10):
    if x is None:
        return ""
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, int):
        return str(x)
    x = Fraction(x)
    scaled = x * 10 ** places
    n = abs(scaled)
    rounded = int(n) + (1 if n - int(n) >= HALF else 0)
    if scaled < 0:
        rounded = -rounded
    return format(Decimal(rounded).scaleb(-places), "f")


def fmt_bool(b):
    return "true" if b else "false"


def write_results(results, fh):
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(OUT_COLUMNS)
    for zk in sorted(results):
        r = results[zk]
        w.writerow([zk[0], zk[1], r["zone_type"]]
                   + [fmt2(r[c]) for c in OUT_COLUMNS[3:12]]
                   + [fmt_bool(r["vetoed"]), fmt_bool(r["award_eligible"]), r["final_rank"],
                      "" if r["award_prize"] is None else r["award_prize"],
                      "" if r["award_amount_wan"] is None else fmt2(r["award_amount_wan"]),
                      fmt_bool(r["interview"]), fmt_bool(r["leadership_adjustment"])])


METRIC_COLUMNS = ["sales", "sales_prev", "sales_growth", "tax", "tax_prev", "tax_growth",
                  "specialty_sales", "specialty_share", "specialty_share_prev",
                  "specialty_change_pp", "specialty_change_rel", "above_scale_count",
                  "above_sales", "above_tax", "land_m2", "land_mu", "tax_per_mu", "sales_per_mu",
                  "new_recognitions", "new_above_scale", "cultivation_points", "talent_points",
                  "investment_points", "factory_m2", "revitalized_mu", "capacity_points", "vetoed"]


def write_metrics(metrics, results, fh):
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(["year", "zone_id"] + METRIC_COLUMNS + ["order_decided_by_tiebreak"])
    for zk in sorted(metrics):
        m = metrics[zk]
        w.writerow([zk[0], zk[1]] + [fmt_dec(m[c]) for c in METRIC_COLUMNS]
                   + [fmt_bool(results[zk]["order_decided_by_tiebreak"])])


def run(input_dir, encoding="UTF-8", dedup_scope="valid"):
    d = load_all(input_dir, encoding, dedup_scope)
    years, metrics, results = evaluate(d)
    return d, metrics, results


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", required=True)
    ap.add_argument("--encoding", default="UTF-8", choices=["UTF-8", "GBK", "utf-8", "gbk"])
    ap.add_argument("--out")
    ap.add_argument("--metrics")
    ap.add_argument("--rejects", help="write the excluded rows (file, line, reason, raw) here")
    ap.add_argument("--dedup-scope", choices=["valid", "all"], default="valid",
                    help="which earlier row makes a later one a duplicate (default: valid)")
    ap.add_argument("--tiers", help="write gold.enterprise_tiers' rows (every roster year) here")
    ap.add_argument("--tier-mix", help="write gold.zone_tier_mix's rows (every zone-year) here")
    ap.add_argument("--land-candidates", help="write gold.land_candidates' rows (every roster year) here")
    a = ap.parse_args(argv)
    try:
        d, metrics, results = run(a.input, a.encoding, a.dedup_scope)
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    r = d.reader
    for name in FILES:
        rej = sum(c for (f, _), c in r.rejects.items() if f == name)
        print(f"{name}: rows={r.total[name]} accepted={r.accepted[name]} excluded={rej}",
              file=sys.stderr)
        for (f, reason), c in sorted(r.rejects.items()):
            if f == name:
                print(f"  excluded {c}: {reason}", file=sys.stderr)
        assert r.total[name] == r.accepted[name] + rej, name
    for line in r.findings:
        print("finding: " + line, file=sys.stderr)
    if a.out:
        with open(a.out, "w", encoding="utf-8", newline="") as fh:
            write_results(results, fh)
    else:
        write_results(results, sys.stdout)
    if a.rejects:
        with open(a.rejects, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["source_file", "line", "reason", "raw"])
            w.writerows(r.reject_log)
    if a.metrics:
        with open(a.metrics, "w", encoding="utf-8", newline="") as fh:
            write_metrics(metrics, results, fh)
    if a.tiers or a.tier_mix or a.land_candidates:
        tiers = enterprise_tiers(d)
        outputs = [(a.tiers, lambda: [tiers[k] for k in sorted(tiers)], TIER_COLUMNS),
                   (a.tier_mix, lambda: [m for _, m in sorted(zone_tier_mix(d, tiers).items())],
                    TIER_MIX_COLUMNS),
                   (a.land_candidates, lambda: land_candidates(d, tiers), LAND_CANDIDATE_COLUMNS)]
        for path, rows, columns in outputs:
            if path:
                with open(path, "w", encoding="utf-8", newline="") as fh:
                    write_rows(rows(), columns, fh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
