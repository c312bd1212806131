import AlmanacKit
import Foundation
import Testing

import AlmanacTestSupport

/// Issue 9, point 18: a deterministic soak of the real binary over the loopback fakes and the
/// real ClickHouse server. The CI version runs 24 nights (about a minute); `Benchmarks/soak` runs 365
/// (`ALMANAC_SOAK_NIGHTS`, `ALMANAC_SOAK_SEED`). Every fault kind is drawn, a pypistats.org
/// error page with status 200 included (issue 9 point 5: a failure that keeps the earlier answer).
@Suite(.serialized) struct SoakTests {
  static var environment: [String: String] { ProcessInfo.processInfo.environment }

  @Test func faultsKillsSkippedNightsAndAConcurrentAggregateLoseNothing() async throws {
    let nights = Int(Self.environment["ALMANAC_SOAK_NIGHTS"] ?? "") ?? 24
    let seed = UInt64(Self.environment["ALMANAC_SOAK_SEED"] ?? "") ?? 9
    let faults = SoakPlan.Fault.allCases
    let last = Day(year: 2026, month: 11, day: 22) ?? Day(ordinal: 0)
    let plan = SoakPlan.covering(seed: seed, nights: nights, lastNight: last, faults: faults)
    // The plan really holds every kind of trouble (a seed that drew none would prove nothing).
    let counts = plan.counts
    for kind in ["skipped", "killed", "concurrent aggregate"] + faults.map(\.rawValue) {
      #expect((counts[kind] ?? 0) > 0, "seed \(seed) draws no \(kind)")
    }
    let clickhouse = ClickHouseTestServer.runnable ? try await ClickHouseTestServer.shared().baseURL : nil
    let report = try await Soak.run(plan: plan, clickhouse: clickhouse)
    print(report)
    #expect(report.lost.isEmpty, "\(report.lost.prefix(20))")
    #expect(report.differing.isEmpty, "\(report.differing.prefix(20))")
    #expect(report.corrupt.isEmpty, "\(report.corrupt.prefix(20))")
    #expect(report.comparedRows > 1_000)
    #expect(report.comparedFiles > nights / 2)
    // The fault-free run never failed; a faulted night ends 0, 3 (partial) or killed (137).
    #expect(Set(report.cleanExitCodes.keys) == [0], "\(report.cleanExitCodes)\n\(report.cleanLog)")
    #expect(Set(report.exitCodes.keys).isSubset(of: [0, 3, 137]), "\(report.exitCodes)")
  }
}
