import Testing

@testable import AlmanacKit

/// The streaming classifier's per-page pending runs and per-package day index (DESIGN point
/// 92): the same counts as the in-memory classification, including the edges the fast paths
/// hand back to the slow ones.
@Suite struct DetailPendingRunsTests {
  static func staged(_ rows: [DetailedDownload]) -> DetailAccumulator {
    var acc = DetailAccumulator(rules: InstallerRules())
    for row in rows {
      var (p, v, i) = (row.package, row.version, row.installer)
      p.withUTF8 { p in v.withUTF8 { v in i.withUTF8 { i in acc.stage(day: row.date, package: p, version: v, installer: i, downloads: row.downloads) } } }
    }
    acc.flush()
    return acc
  }

  /// Per (package, day): the downloads of its `installer_class` records, and the rows' own sums.
  static func dailyTotals(_ detail: ClassifiedDetail) -> [String: Int64] {
    var totals: [String: Int64] = [:]
    for r in detail.records.records where r.dimension == Dimension.installerClass { totals["\(r.package) \(r.date)", default: 0] += r.downloads }
    return totals
  }

  static func dailyTotals(_ rows: [DetailedDownload]) -> [String: Int64] {
    var totals: [String: Int64] = [:]
    for r in rows { totals["\(r.package) \(r.date)", default: 0] += r.downloads }
    return totals
  }

  /// Ten thousand pages: the runs halve to stay inside the budget, and every row is counted.
  @Test func manyPagesHalveTheRunsAndCountEveryRow() {
    var g = SeededGenerator(seed: 5)
    var rows: [DetailedDownload] = []
    for package in ["tidewater", "estuary"] {
      for d in 0..<5_000 {
        for installer in ["pip", "bandersnatch"] where Int.random(in: 0..<4, using: &g) > 0 {
          rows.append(DetailedDownload(
            date: Day(ordinal: 10_000 + d), package: package, version: "1.\(d % 7)", installer: installer, type: "sdist", country: "",
            downloads: Int64.random(in: 1...90, using: &g)))
        }
      }
    }
    rows.shuffle(using: &g)
    let acc = Self.staged(rows)
    #expect(acc.pendingRun == 32)
    let snapshot = Day(ordinal: 15_000)
    var inMemory = DetailAccumulator(rules: InstallerRules())
    for row in rows { inMemory.add(row) }
    let streamed = acc.finish(snapshot: snapshot, source: "pypi", releases: [:]).0
    #expect(streamed == inMemory.finish(snapshot: snapshot, source: "pypi", releases: [:]).0)
    #expect(Self.dailyTotals(streamed) == Self.dailyTotals(rows))
  }

  /// Downloads too large for a packed pending word are counted at once; days 9,999 years
  /// apart go past the per-package day index to the hash directory. Both still add up.
  @Test func outsizedCountsAndFarApartDaysAddUp() throws {
    var rows: [DetailedDownload] = []
    let days = try ["0001-01-01", "2026-11-20", "2026-11-21", "5000-06-15", "9999-12-31"].map { try #require(Day($0)) }
    for (k, date) in days.enumerated() {
      for (n, downloads) in [Int64(1) << 35, (Int64(1) << 35) - 1, Int64(1) << 40, 3].enumerated() {
        rows.append(DetailedDownload(
          date: date, package: k.isMultiple(of: 2) ? "tidewater" : "estuary", version: "2.\(n)", installer: n == 1 ? "pip" : "bandersnatch",
          type: "sdist", country: "", downloads: downloads + Int64(k)))
      }
    }
    for order in [rows, rows.reversed()] {
      let streamed = Self.staged(order).finish(snapshot: days[2], source: "pypi", releases: [:]).0
      #expect(Self.dailyTotals(streamed) == Self.dailyTotals(rows))
      #expect(streamed.records.records.contains { $0.downloads == (Int64(1) << 40) + 4 })
    }
  }
}
