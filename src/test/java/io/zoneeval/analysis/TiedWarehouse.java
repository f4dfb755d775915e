package io.zoneeval.analysis;

import io.zoneeval.catalog.RawFile;
import io.zoneeval.catalog.Warehouse;
import io.zoneeval.fixtures.RawFixture;
import java.util.EnumSet;

/**
 * A committed warehouse of one year and three KEY zones, two of them tied on their total, built once per
 * test JVM through the real stages (ingest, evaluate 2024 without its prior year). Readers only.
 *
 * <p>2024 alone: growths and the specialty change are undefined for all (rank 1 each, 0.6 × F), every
 * enterprise is in its zone's specialty (share rank 1). One above-size enterprise per zone:
 * <pre>
 *        sales  tax  land m²  mu   tax/mu  sales/mu  recognitions
 *   K1   1000   100  10000    15   6.67    66.7
 *   K2    800    80  20000    30   2.67    26.7      tech_attracted (0.1 points)
 *   K3    600    60  10000    15   4.00    40.0
 * </pre>
 * Scores (step 0.5): scale = 6 + 0.4 × rankscore(sales), the same for tax; specialty 12 + 8 = 20; per mu =
 * 0.6 × rankscore(tax/mu, F 20) + 0.4 × rankscore(sales/mu, F 20).
 * <ul>
 *   <li>K1: 10.00 + 10.00 + 20 + 20.00 = 60.00</li>
 *   <li>K2: (6 + 3.8) 9.80 + 9.80 + 20 + (11.4 + 7.6) 19.00 + 0.10 = 58.70</li>
 *   <li>K3: (6 + 3.6) 9.60 + 9.60 + 20 + (11.7 + 7.8) 19.50 = 58.70</li>
 * </ul>
 * K2 and K3 tie; tax per mu (K3 4.00 > K2 2.67) puts K3 second, K2 third. Prizes (KEY: 1st ×1 600,
 * 2nd ×2 400): K1 1st, K3 and K2 2nd.
 */
final class TiedWarehouse {
  /** The warehouse and the run that evaluated 2024. */
  record Built(Warehouse warehouse, String runId) {}

  private static Built built;

  private TiedWarehouse() {}

  static synchronized Built get() {
    if (built == null) {
      built = build();
    }
    return built;
  }

  private static Built build() {
    String u1 = RawFixture.uscc(1);
    String u2 = RawFixture.uscc(2);
    String u3 = RawFixture.uscc(3);
    RawFixture f = new RawFixture()
        .zone(2024, "K1", "C1", "重点发展型", "C38").zone(2024, "K2", "C1", "重点发展型", "C38")
        .zone(2024, "K3", "C1", "重点发展型", "C38").policy(2024, "C1", true)
        .enterprise(2024, 1, "K1", "C3811", true).enterprise(2024, 2, "K2", "C3811", true)
        .enterprise(2024, 3, "K3", "C3811", true)
        .add(RawFile.INVOICES, "V1," + u1 + ",2024-03-01,1000.00,130.00,normal",
            "V2," + u2 + ",2024-03-01,800.00,104.00,normal", "V3," + u3 + ",2024-03-01,600.00,78.00,normal")
        .add(RawFile.TAX_PAYMENTS, "T1," + u1 + ",增值税,2024-04-01,100.00", "T2," + u2 + ",增值税,2024-04-01,80.00",
            "T3," + u3 + ",增值税,2024-04-01,60.00")
        .add(RawFile.LAND_PARCELS, "P1," + u1 + ",10000,2020-01-01,", "P2," + u2 + ",20000,2020-01-01,",
            "P3," + u3 + ",10000,2020-01-01,")
        .add(RawFile.RECOGNITIONS, u2 + ",tech_attracted,2024-05-01");
    RawFixture.Committed committed = f.ingestAndEvaluate("zone-eval-tied", EnumSet.allOf(RawFile.class));
    return new Built(committed.warehouse(), committed.run().runId());
  }
}
