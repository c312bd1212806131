import Testing

@testable import AlmanacKit

/// The merge rules checked against a direct statement of them, over random sparse snapshots.
@Suite struct SeriesMergePropertyTests {
  static let categories = ["Linux", "Windows", "Darwin", "null"]

  /// Snapshots taken on consecutive days, each showing a 10-day window that ends the day before,
  /// with random gaps (days without downloads have no row) and random revisions.
  static func snapshots(seed: UInt64) -> [RecordSet] {
    var g = SeededGenerator(seed: seed)
    let start = day("2026-03-01")
    return (0..<30).map { n in
      let taken = start.adding(days: n)
      var records: [DownloadRecord] = []
      for d in (taken.adding(days: -10)...taken.adding(days: -1)).days {
        for category in categories where Int.random(in: 0..<3, using: &g) > 0 {
          let base = Int64(d.ordinal % 17 + category.utf8.count)
          let downloads = Int.random(in: 0..<5, using: &g) == 0 ? base + Int64.random(in: 1...9, using: &g) : base
          records.append(DownloadRecord(date: d, package: "demo-pkg", source: "pypistats", dimension: "system", category: category, downloads: downloads))
        }
      }
      return RecordSet(snapshot: taken, records: records)
    }
  }

  @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
  func theMergeKeepsEveryDayTakesTheNewestValueAndFillsOnlyInsideWindows(_ seed: UInt64) throws {
    let snapshots = Self.snapshots(seed: seed)
    var merged: [String: Series] = [:]
    for s in snapshots { _ = SeriesMerge.apply(s, to: &merged, source: "pypistats") }
    let series = try #require(merged["demo-pkg"])

    // What the rules say, computed directly: the newest snapshot that showed a key decides its
    // value, and the point names the earliest snapshot of the run that reported that value (a
    // snapshot repeating a value changes nothing); a key no snapshot showed is 0 if it lies inside
    // the window of a snapshot that showed its category, else absent.
    var shown: [Series.Key: [(Int64, Day)]] = [:]
    var zeroFrom: [Series.Key: Day] = [:]
    for s in snapshots {
      for r in s.records { shown[Series.Key(dimension: r.dimension, category: r.category, date: r.date), default: []].append((r.downloads, s.snapshot)) }
      guard let first = s.records.map(\.date).min(), let last = s.records.map(\.date).max() else { continue }
      for category in Set(s.records.map(\.category)) {
        for d in (first...last).days {
          let key = Series.Key(dimension: "system", category: category, date: d)
          if zeroFrom[key] == nil { zeroFrom[key] = s.snapshot }
        }
      }
    }
    var expected: [Series.Key: Series.Point] = [:]
    for (key, from) in zeroFrom where shown[key] == nil { expected[key] = Series.Point(downloads: 0, snapshot: from) }
    for (key, reports) in shown {
      guard let last = reports.last else { continue }
      let run = reports.reversed().prefix { $0.0 == last.0 }
      // A day first inferred as zero and later shown keeps the showing snapshot's date.
      expected[key] = Series.Point(downloads: last.0, snapshot: run.last?.1 ?? last.1)
    }
    #expect(series.points == expected)

    // Replaying history changes nothing and reports nothing.
    var replayed = merged
    var revisions: [SeriesMerge.Revision] = []
    for s in snapshots { revisions += SeriesMerge.apply(s, to: &replayed, source: "pypistats") }
    #expect(revisions.isEmpty)
    #expect(replayed == merged)
  }

  /// Out of order, a zero the newer snapshot inferred for a day it did not show must not block
  /// the value an older snapshot observed: in order, "absent never erases" keeps it.
  @Test func outOfOrderSnapshotsAgreeWithInOrderOnes() {
    let older = RecordSet(snapshot: day("2026-05-03"), records: [
      record("2026-05-01", "system", "Linux", 5), record("2026-05-02", "system", "Linux", 6),
    ])
    let newer = RecordSet(snapshot: day("2026-05-04"), records: [
      record("2026-05-01", "system", "Linux", 5), record("2026-05-03", "system", "Linux", 7),
    ])
    var inOrder: [String: Series] = [:]
    _ = SeriesMerge.apply(older, to: &inOrder, source: "pypistats")
    _ = SeriesMerge.apply(newer, to: &inOrder, source: "pypistats")
    var reversed: [String: Series] = [:]
    _ = SeriesMerge.apply(newer, to: &reversed, source: "pypistats")
    _ = SeriesMerge.apply(older, to: &reversed, source: "pypistats")
    let key = Series.Key(dimension: "system", category: "Linux", date: day("2026-05-02"))
    #expect(inOrder["demo-pkg"]?.points[key]?.downloads == 6)
    #expect(reversed["demo-pkg"]?.points[key]?.downloads == 6)
    #expect(reversed["demo-pkg"]?.points[key]?.snapshot == day("2026-05-03"))
  }
}
