"""Unit tests for the reference oracle: python3 -m unittest discover -s tools/reference"""
import csv
import io
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stderr
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zone_eval_reference as ref  # noqa: E402

KEY, OPT = "重点发展型", "优化发展型"
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc(n):
    """A valid USCC numbered n (check char computed here, independently of the oracle)."""
    body = "91321000" + f"{n:09d}"
    c = (31 - sum(ALPHABET.index(ch) * w for ch, w in zip(body, WEIGHTS)) % 31) % 31
    return body + ALPHABET[c]


def write_input(folder, **tables):
    for name, cols in ref.FILES.items():
        rows = tables.get(name[:-4], [])
        with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as fh:
            fh.write(",".join(cols) + "\n")
            for r in rows:
                if isinstance(r, str):          # raw line, written as is
                    fh.write(r + "\n")
                else:
                    w = csv.writer(fh, lineterminator="\n")
                    w.writerow(r)


class Case(unittest.TestCase):
    def evaluate(self, **tables):
        with tempfile.TemporaryDirectory() as tmp:
            write_input(tmp, **tables)
            with redirect_stderr(io.StringIO()):
                d, metrics, results = ref.run(tmp)
            out = io.StringIO()
            ref.write_results(results, out)
        self.reader = d.reader
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        self.rows = {(int(r["year"]), r["zone_id"]): r for r in rows}
        self.metrics = metrics
        self.header = out.getvalue().splitlines()[0]
        return self.rows


# ---------------------------------------------------------------------------------------

EA, EB, EC, ED = uscc(1), uscc(2), uscc(3), uscc(4)


def worked_example_tables():
    zones = [[2023, z, "zone " + z, "CA" if z == "A" else "CB", KEY, ""] for z in "ABC"]
    zones += [[2024, z, "zone " + z, "CA" if z == "A" else "CB", KEY, ""] for z in "ABCD"]
    pol = [[2023, "CA", "false"], [2023, "CB", "true"], [2024, "CB", "true"]]  # CA 2024 missing
    ents = [[2023, e, "e", z, "C3811", "false"] for e, z in ((EA, "A"), (EB, "B"), (EC, "C"))]
    ents += [[2024, e, "e", z, "C3811", "false"]
             for e, z in ((EA, "A"), (EB, "B"), (EC, "C"), (ED, "D"))]
    sales = {  # growth A 20 %, B 20 %, C 5 %, D new; 2024 sales A > B = C > D
        (2023, EA): "7500000.00", (2023, EB): "3500000.00", (2023, EC): "4000000.00",
        (2024, EA): "9000000.00", (2024, EB): "4200000.00", (2024, EC): "4200000.00",
        (2024, ED): "1000000.00"}
    inv = [[f"I{i}", e, f"{y}-06-30", amt, "0.00", "normal"]
           for i, ((y, e), amt) in enumerate(sales.items())]
    return dict(zones=zones, county_policies=pol, enterprises=ents, invoices=inv)


class WorkedExample(Case):
    """The spec's worked example.  Sales are 900/420/420/100 万元 instead of 900/500/500/100
    (500 万 / 1.2 is not a whole number of fen); the ranks, and so the scores, are the same."""

    def setUp(self):
        self.evaluate(**worked_example_tables())

    def test_score_scale(self):
        got = {z: self.rows[(2024, z)]["score_scale"] for z in "ABCD"}
        self.assertEqual(got, {"A": "10.00", "B": "9.80", "C": "9.20", "D": "8.50"})

    def test_growth_and_undefined(self):
        m = self.metrics
        self.assertEqual(m[(2024, "A")]["sales_growth"], Fraction(1, 5))
        self.assertEqual(m[(2024, "B")]["sales_growth"], Fraction(1, 5))
        self.assertEqual(m[(2024, "C")]["sales_growth"], Fraction(1, 20))
        self.assertIsNone(m[(2024, "D")]["sales_growth"])

    def test_totals_and_order(self):
        r = self.rows
        # tax: no data at all -> growth undefined for all (tie, rank 1) and tax 0 tie -> 10
        # specialty: share 0 everywhere, D's change undefined -> 0.6*18.5 + 0.4*20 = 19.10
        # per mu: undefined for all -> all tie at rank 1 -> 20
        self.assertEqual([r[(2024, z)]["score_specialty"] for z in "ABCD"],
                         ["20.00", "20.00", "20.00", "19.10"])
        self.assertEqual([r[(2024, z)]["total_score"] for z in "ABCD"],
                         ["60.00", "59.80", "59.20", "57.60"])
        self.assertEqual([r[(2024, z)]["final_rank"] for z in "ABCD"], ["1", "2", "3", "4"])

    def test_award_passes_over_A(self):
        r = self.rows
        self.assertEqual(r[(2024, "A")]["award_eligible"], "false")   # county-year missing
        self.assertEqual((r[(2024, "A")]["award_prize"], r[(2024, "A")]["award_amount_wan"]),
                         ("", ""))
        self.assertEqual([(r[(2024, z)]["award_prize"], r[(2024, z)]["award_amount_wan"])
                          for z in "BCD"], [("1", "600.00"), ("2", "400.00"), ("2", "400.00")])
        self.assertEqual([r[(2024, z)]["interview"] for z in "ABCD"],
                         ["false", "false", "false", "true"])

    def test_previous_year(self):
        r = self.rows
        # 2023: growth undefined for all -> 6; sales A 750 > C 400 > B 350
        self.assertEqual([r[(2023, z)]["score_scale"] for z in "ACB"], ["10.00", "9.80", "9.60"])
        self.assertEqual(r[(2023, "B")]["interview"], "true")
        self.assertEqual(r[(2024, "D")]["leadership_adjustment"], "false")

    def test_header_and_order(self):
        self.assertEqual(self.header, ",".join(ref.OUT_COLUMNS))
        self.assertEqual(list(self.rows), [(2023, "A"), (2023, "B"), (2023, "C"),
                                           (2024, "A"), (2024, "B"), (2024, "C"), (2024, "D")])
        self.assertEqual(self.rows[(2024, "A")]["zone_type"], "KEY")


class Ranking(unittest.TestCase):
    def test_competition_ranking_1_1_3(self):
        ranks = ref.competition_ranks({"a": Fraction(5), "b": Fraction(5), "c": Fraction(1)})
        self.assertEqual(ranks, {"a": 1, "b": 1, "c": 3})

    def test_undefined_last_and_tied(self):
        ranks = ref.competition_ranks({"a": None, "b": Fraction(-3), "c": None, "d": Fraction(2)})
        self.assertEqual(ranks, {"d": 1, "b": 2, "a": 3, "c": 3})

    def test_rank_score_floor_at_zero(self):
        self.assertEqual(ref.rank_score(1, 10), 10)
        self.assertEqual(ref.rank_score(3, 10), 9)
        self.assertEqual(ref.rank_score(21, 10), 0)
        self.assertEqual(ref.rank_score(30, 10), 0)

    def test_uscc(self):
        self.assertTrue(ref.uscc_is_valid("91350100M000100Y43"))
        self.assertFalse(ref.uscc_is_valid("91350100M000100Y44"))
        self.assertFalse(ref.uscc_is_valid("91350100M000100YI3"))   # I not allowed
        self.assertEqual(ref.parse_uscc(" 91350100m000100y43 "), "91350100M000100Y43")

    def test_parsers(self):
        self.assertEqual(ref.parse_decimal("1234.50", money=True), Fraction(123450, 100))
        with self.assertRaises(ref.Bad):
            ref.parse_decimal("1.005", money=True)
        with self.assertRaises(ref.Bad):
            ref.parse_decimal("1,000.00", money=True)
        with self.assertRaises(ref.Bad):
            ref.parse_date("2024/01/01")
        with self.assertRaises(ref.Bad):
            ref.parse_date("2024-02-30")


# ---------------------------------------------------------------------------------------

P1, P2, Q1, Q2, Q3, Q4, X1, X2 = (uscc(100 + i) for i in range(8))


class HandComputed(Case):
    def setUp(self):
        zones = [[2024, z, z, "CB", OPT, "C38"] for z in ("P", "Q")]
        zones.append([2023, "Q", "Q", "CB", OPT, "C38"])
        ents = [[2024, P1, "p1", "P", "C3811", "true"],
                [2024, P2, "p2", "P", "C1711", "false"],
                [2023, Q1, "q1", "Q", "C3811", "false"],
                [2024, Q1, "q1", "Q", "C3811", "true"],     # new above-size in 2024
                [2024, Q2, "q2", "Q", "C3811", "false"],
                [2024, Q3, "q3", "Q", "C3811", "false"],
                [2024, Q4, "q4", "Q", "C3811", "false"],
                [2024, "91350100M000100Y44", "bad", "Q", "C38", "false"],   # invalid USCC
                [2024, X1, "x", "NOPE", "C38", "false"]]                   # unknown zone
        inv = [["I1", P1, "2024-03-01", "1000.00", "130.00", "normal"],
               ["I2", P1, "2024-03-02", "300.00", "39.00", "red"],
               ["I3", P1, "2024-03-03", "-200.00", "-26.00", "red"],
               ["I4", P1, "2024-03-04", "500.00", "65.00", "void"],
               ["I5", P2, "2024-03-04", "100.00", "13.00", "normal"],
               ["I1", P1, "2024-03-05", "999.00", "0.00", "normal"],      # duplicate id
               ["I6", P1, "2024-03-05", "1.005", "0.00", "normal"],       # 3 decimals
               ["I7", P1, "2024/03/05", "1.00", "0.00", "normal"],        # bad date
               ["I8", P1, "2024-03-05", "1.00", "0.00", "cancelled"],     # unknown status
               ["I9", X2, "2024-03-05", "1.00", "0.00", "normal"],        # no roster
               "I10,only,three"]                                          # field count
        tax = [["T1", P1, "VAT", "2024-05-01", "1000.00"],
               ["T2", P1, "VAT", "2024-06-01", "-200.00"],               # refund
               ["T3", P2, "CIT", "2024-06-01", "50.00"]]
        land = [["L1", P1, "10000", "2024-12-31", ""],                   # acquired 31 Dec: held
                ["L2", P1, "5000", "2020-01-01", "2024-12-31"],          # released 31 Dec: not
                ["L3", P1, "2000", "2020-01-01", "2025-01-01"],          # released later: held
                ["L4", P1, "7000", "2025-01-01", ""],                    # acquired later: not
                ["L1", P1, "10000", "2024-12-31", ""],                   # duplicate holding
                ["L5", P1, "-1", "2020-01-01", ""],                      # negative area
                ["L6", P2, "9999", "2020-01-01", ""]]                    # P2 not above-size
        rec = [[Q1, "listed", "2024-02-01"], [Q2, "listed", "2024-02-01"],
               [Q3, "listed", "2024-02-01"], [Q4, "listed", "2024-02-01"],
               [Q1, "gazelle", "2023-05-01"], [Q1, "gazelle", "2024-05-01"],  # first in 2023
               [Q2, "high_tech", "2024-01-01"], [Q2, "high_tech", "2024-09-01"],
               [Q1, "rocket", "2024-01-01"]]
        tal = [["TL1", P1, "lvyang_phd", "2024-01-01"], ["TL2", P1, "lvyang_leading", "2024-01-01"],
               ["TL1", P1, "national", "2024-01-01"],                    # duplicate id
               ["TL3", P1, "nobel", "2024-01-01"]]                       # unknown program
        proj = [["PR1", "P", "tech_upgrade", "8000000.00", "2023-01-01", "2024-06-01"],
                ["PR2", "P", "tech_upgrade", "7999999.99", "2023-01-01", "2024-06-01"],
                ["PR3", "P", "major", "", "2024-02-01", ""],
                ["PR4", "P", "tech_upgrade", "9000000.00", "2024-01-01", ""],   # not in production
                ["PR5", "P", "major", "", "2023-02-01", ""],            # P not a zone in 2023
                ["PR6", "Q", "tech_upgrade", "8000000.00", "", "2024-07-01"]]
        fac = [["F1", "P", "6000", "2024-01-10"], ["F2", "P", "5000", "2024-11-10"],
               ["F3", "Q", "9999.99", "2024-01-10"]]
        rev = [["R1", "P", "30", "2024-01-10"], ["R2", "P", "30", "2024-02-10"],
               ["R3", "Q", "49.99", "2024-02-10"]]
        self.evaluate(zones=zones, enterprises=ents, invoices=inv, tax_payments=tax,
                      land_parcels=land, recognitions=rec, talents=tal, projects=proj,
                      standard_factories=fac, land_revitalizations=rev)

    def test_red_and_void_invoices(self):
        p = self.metrics[(2024, "P")]
        self.assertEqual(p["sales"], Fraction(1000 - 300 - 200 + 100))
        self.assertEqual(p["above_sales"], Fraction(500))

    def test_refund(self):
        self.assertEqual(self.metrics[(2024, "P")]["tax"], Fraction(850))
        self.assertEqual(self.metrics[(2024, "P")]["above_tax"], Fraction(800))

    def test_land_on_31_december(self):
        p = self.metrics[(2024, "P")]
        self.assertEqual(p["land_m2"], Fraction(12000))
        self.assertEqual(p["land_mu"], Fraction(18))                # 12000 * 15 / 10000
        self.assertEqual(p["tax_per_mu"], Fraction(800, 18))
        self.assertEqual(p["sales_per_mu"], Fraction(500, 18))
        self.assertIsNone(self.metrics[(2024, "Q")]["tax_per_mu"])  # Q1 holds no land

    def test_investment_8_million_inclusive(self):
        self.assertEqual(self.metrics[(2024, "P")]["investment_points"], 2 + 5)
        self.assertEqual(self.rows[(2024, "P")]["score_investment"], "7.00")
        self.assertEqual(self.rows[(2024, "Q")]["score_investment"], "2.00")

    def test_capacity_whole_units(self):
        self.assertEqual(self.metrics[(2024, "P")]["capacity_points"], 1 + 2)
        self.assertEqual(self.rows[(2024, "P")]["score_capacity"], "3.00")
        self.assertEqual(self.rows[(2024, "Q")]["score_capacity"], "0.00")

    def test_cultivation_cap_and_first_recognition(self):
        q = self.metrics[(2024, "Q")]
        # 4 listed (12) + high_tech once (0.5) + new above-size Q1 (0.5); gazelle first in 2023
        self.assertEqual(q["cultivation_points"], Fraction(13))
        self.assertEqual(self.rows[(2024, "Q")]["score_cultivation"], "10.00")
        self.assertEqual(self.metrics[(2023, "Q")]["cultivation_points"], 1)
        # P: roster 2023 exists, P1 is above-size in 2024 and absent in 2023 -> new
        self.assertEqual(self.metrics[(2024, "P")]["new_above_scale"], 1)

    def test_talent(self):
        self.assertEqual(self.rows[(2024, "P")]["score_talent"], "0.75")

    def test_rejects(self):
        rj = self.reader.rejects
        self.assertEqual(rj[("enterprises.csv", "invalid USCC")], 1)
        self.assertEqual(rj[("enterprises.csv", "unknown zone")], 1)
        self.assertEqual(rj[("invoices.csv", "duplicate id")], 1)
        self.assertEqual(rj[("invoices.csv", "unparseable number")], 1)
        self.assertEqual(rj[("invoices.csv", "unparseable date")], 1)
        self.assertEqual(rj[("invoices.csv", "unknown status")], 1)
        self.assertEqual(rj[("invoices.csv", "enterprise in no roster of its year")], 1)
        self.assertEqual(rj[("invoices.csv", "malformed CSV line (field count)")], 1)
        self.assertEqual(rj[("land_parcels.csv", "duplicate id")], 1)
        self.assertEqual(rj[("land_parcels.csv", "negative area")], 1)
        self.assertEqual(rj[("recognitions.csv", "unknown kind")], 1)
        self.assertEqual(rj[("talents.csv", "duplicate id")], 1)
        self.assertEqual(rj[("talents.csv", "unknown program")], 1)
        self.assertEqual(rj[("projects.csv", "unknown zone")], 1)
        for name in ref.FILES:
            rejected = sum(c for (f, _), c in rj.items() if f == name)
            self.assertEqual(self.reader.total[name], self.reader.accepted[name] + rejected)


# ---------------------------------------------------------------------------------------

def sales_group(year, spec):
    """spec: zone -> (2024 sales, incident severity or None); one enterprise per zone."""
    zones, ents, inv, inc = [], [], [], []
    for i, (z, (amount, sev)) in enumerate(sorted(spec.items())):
        e = uscc(500 + i)
        zones.append([year, z, z, "CB", OPT, ""])
        ents.append([year, e, "e", z, "C1", "false"])
        inv.append([f"I{z}", e, f"{year}-01-05", amount, "0.00", "normal"])
        if sev:
            inc.append([f"N{z}", z, "safety", sev, f"{year}-08-01"])
    return zones, ents, inv, inc


class Veto(Case):
    def test_veto(self):
        zones, ents, inv, inc = sales_group(2024, {
            "V1": ("900.00", "larger"), "V2": ("800.00", "general"),
            "V3": ("700.00", None), "V4": ("100.00", "especially_major")})
        self.evaluate(zones=zones, enterprises=ents, invoices=inv, incidents=inc,
                      county_policies=[[2024, "CB", "true"]])
        r = self.rows
        order = sorted(r, key=lambda k: int(r[k]["final_rank"]))
        self.assertEqual([k[1] for k in order], ["V2", "V3", "V1", "V4"])
        self.assertEqual(r[(2024, "V1")]["total_score"], "60.00")   # best total, still vetoed
        self.assertEqual([r[(2024, z)]["vetoed"] for z in ("V1", "V2", "V3", "V4")],
                         ["true", "false", "false", "true"])
        self.assertEqual(r[(2024, "V1")]["award_eligible"], "false")
        self.assertEqual([(r[(2024, z)]["award_prize"], r[(2024, z)]["award_amount_wan"])
                          for z in ("V2", "V3", "V1", "V4")],
                         [("1", "500.00"), ("2", "300.00"), ("", ""), ("", "")])
        self.assertEqual(r[(2024, "V4")]["interview"], "true")

    def test_equal_totals_tie_break_by_zone_id(self):
        zones, ents, inv, inc = sales_group(2024, {"Z2": ("100.00", None),
                                                   "Z1": ("100.00", None)})
        self.evaluate(zones=zones, enterprises=ents, invoices=inv)
        self.assertEqual(self.rows[(2024, "Z1")]["final_rank"], "1")
        self.assertEqual(self.rows[(2024, "Z2")]["final_rank"], "2")
        self.assertEqual(self.rows[(2024, "Z2")]["interview"], "true")


class Leadership(Case):
    def years(self, years):
        tables = dict(zones=[], enterprises=[], invoices=[])
        for y in years:
            z, e, i, _ = sales_group(y, {"K1": ("300.00", None), "K2": ("200.00", None),
                                         "K3": ("100.00", None)})
            for row in i:
                row[0] = f"{row[0]}-{y}"
            tables["zones"] += z
            tables["enterprises"] += e
            tables["invoices"] += i
        self.evaluate(**tables)
        return self.rows

    def test_last_two_years_running(self):
        r = self.years((2022, 2023, 2024))
        self.assertEqual(r[(2023, "K3")]["interview"], "true")
        self.assertEqual(r[(2023, "K3")]["leadership_adjustment"], "false")  # 2022 not evaluated (no 2021)
        self.assertEqual(r[(2024, "K3")]["interview"], "true")
        self.assertEqual(r[(2024, "K3")]["leadership_adjustment"], "true")
        self.assertEqual(r[(2024, "K2")]["leadership_adjustment"], "false")

    def test_no_previous_last_place_when_the_year_before_was_not_evaluated(self):
        # 2023 has no 2022 zones or roster: it is not evaluated, so 2024 has no previous last place.
        r = self.years((2023, 2024))
        self.assertEqual(r[(2024, "K3")]["interview"], "true")
        self.assertEqual(r[(2024, "K3")]["leadership_adjustment"], "false")


class InputErrors(unittest.TestCase):
    def test_missing_file_and_wrong_header(self):
        with tempfile.TemporaryDirectory() as tmp:
            write_input(tmp)
            os.remove(os.path.join(tmp, "talents.csv"))
            with redirect_stderr(io.StringIO()) as err:
                self.assertNotEqual(ref.main(["--input", tmp, "--out", os.devnull]), 0)
            self.assertIn("talents.csv", err.getvalue())
            with open(os.path.join(tmp, "talents.csv"), "w") as fh:
                fh.write("talent_id,employer,program,awarded_date\n")
            with redirect_stderr(io.StringIO()) as err:
                self.assertNotEqual(ref.main(["--input", tmp, "--out", os.devnull]), 0)
            self.assertIn("talents.csv", err.getvalue())

    def test_gbk(self):
        with tempfile.TemporaryDirectory() as tmp:
            write_input(tmp, **worked_example_tables())
            for name in ("zones.csv",):
                p = os.path.join(tmp, name)
                with open(p, encoding="utf-8") as fh:
                    text = fh.read()
                with open(p, "w", encoding="gbk") as fh:
                    fh.write(text)
            out = os.path.join(tmp, "out.csv")
            with redirect_stderr(io.StringIO()):
                self.assertEqual(ref.main(["--input", tmp, "--encoding", "GBK", "--out", out]), 0)
            with open(out, encoding="utf-8") as fh:
                self.assertEqual(len(fh.read().splitlines()), 8)


class TierCase(unittest.TestCase):
    """Enterprise per-mu tiers and land candidates (the spec's "Beyond the annex"), one county, 2023-2024."""

    def test_cap_relocation_forced_d_and_two_reasons(self):
        e1, e2, e3, e4 = uscc(11), uscc(12), uscc(13), uscc(14)
        zones = [[y, "Z1", "Z1", "C", KEY, "C38"] for y in (2023, 2024)]
        roster = [[y, e, "n", "Z1", "C3811", "true"] for y in (2023, 2024) for e in (e1, e2, e3, e4)]
        invoices = [["V1", e1, "2024-03-01", "100.00", "13.00", "normal"],
                    ["V2", e2, "2024-03-01", "300.00", "39.00", "normal"],
                    ["V3", e4, "2023-03-01", "10.00", "1.30", "normal"]]
        taxes = [["T1", e1, "增值税", "2024-04-01", "900.00"], ["T2", e2, "增值税", "2024-04-01", "100.00"]]
        land = [["L1", e1, "2000", "2010-01-01", ""], ["L2", e2, "2000", "2010-01-01", ""],
                ["L3a", e3, "5000", "2010-01-01", "2024-03-01"], ["L3b", e3, "3000", "2024-02-01", ""],
                ["L4", e4, "2000", "2010-01-01", ""]]
        with tempfile.TemporaryDirectory() as tmp:
            write_input(tmp, zones=zones, enterprises=roster, invoices=invoices, tax_payments=taxes,
                        land_parcels=land)
            with redirect_stderr(io.StringIO()):
                d, _, _ = ref.run(tmp)
        tiers = ref.enterprise_tiers(d)
        # 2024: E1, E2, E4 rated, 3 mu each. Tax bench 1000 / 9: E1 300 / (1000 / 9) = 2.7, capped 1.5 -> 90;
        # sales bench 400 / 9: E1 (100 / 3) / (400 / 9) = 0.75 -> 40 x 0.75 = 30. Score 120.
        self.assertEqual(tiers[(2024, e1)]["score"], Fraction(120))
        self.assertEqual(tiers[(2024, e3)]["not_rated_reason"], "new_enterprise")   # relocated in 2024
        self.assertEqual(tiers[(2023, e3)]["not_rated_reason"], None)
        self.assertTrue(tiers[(2024, e4)]["forced_d"])
        self.assertEqual((tiers[(2024, e4)]["tier"], tiers[(2023, e4)]["tier"]), ("D", "D"))
        candidates = [(c["year"], c["parcel_id"], c["reason"]) for c in ref.land_candidates(d, tiers)]
        # E4: D both years and no sales in 2024 -> two rows; E3 sold nothing but is new on its land.
        self.assertEqual(candidates, [(2023, "L1", "idle"), (2023, "L2", "idle"), (2023, "L3a", "idle"),
                                      (2024, "L4", "d_two_years"), (2024, "L4", "idle")])
        mix = ref.zone_tier_mix(d, tiers)[(2024, "Z1")]
        self.assertEqual((mix["rated"], mix["d"], mix["not_rated"]), (3, 1, 1))
        self.assertEqual(mix["share_land_d"], Fraction(1, 3))


if __name__ == "__main__":
    unittest.main()
