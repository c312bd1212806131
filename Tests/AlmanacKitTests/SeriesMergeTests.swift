import Testing

@testable import AlmanacKit

@Suite struct SeriesMergeTests {
  static let package = "demo-pkg"

  /// A pypistats-like snapshot taken on `taken`: 181 days of `without_mirrors` ending the day
  /// before, each day's value given by `value`.
  static func window(taken: String, days: Int = 181, value: (Day) -> Int64) -> RecordSet {
    let snapshot = day(taken)
    let first = snapshot.adding(days: -days)
    let records = (first...snapshot.adding(days: -1)).days.map {
      DownloadRecord(date: $0, package: package, source: "pypistats", dimension: "overall", category: "without_mirrors", downloads: value($0))
    }
    return RecordSet(snapshot: snapshot, records: records)
  }

  static func set(_ taken: String, _ records: [DownloadRecord]) -> RecordSet { RecordSet(snapshot: day(taken), records: records) }

  static func value(_ series: [String: Series], _ date: String, _ dimension: String = "overall", _ category: String = "without_mirrors")
    -> Series.Point?
  {
    series[package]?.points[Series.Key(dimension: dimension, category: category, date: day(date))]
  }

  @Test func keepsADayAfterItLeavesTheSourceWindow() throws {
    var series: [String: Series] = [:]
    let first = Self.window(taken: "2026-05-01") { _ in 10 }
    let second = Self.window(taken: "2026-05-02") { _ in 10 }
    #expect(SeriesMerge.apply(first, to: &series, source: "pypistats").isEmpty)
    #expect(SeriesMerge.apply(second, to: &series, source: "pypistats").isEmpty)
    let oldest = day("2026-05-01").adding(days: -181)
    #expect(first.records.first?.date == oldest)
    #expect(!second.records.contains { $0.date == oldest })
    let kept = try #require(series[Self.package]?.points[Series.Key(dimension: "overall", category: "without_mirrors", date: oldest)])
    #expect(kept == Series.Point(downloads: 10, snapshot: day("2026-05-01")))
    #expect(series[Self.package]?.points.count == 182)
  }

  @Test func aLaterSnapshotRevisesARecentDayAndSaysSo() throws {
    var series: [String: Series] = [:]
    _ = SeriesMerge.apply(Self.set("2026-05-02", [record("2026-04-30", "overall", "without_mirrors", 10), record("2026-05-01", "overall", "without_mirrors", 4)]), to: &series, source: "pypistats")
    let revisions = SeriesMerge.apply(
      Self.set("2026-05-03", [record("2026-04-30", "overall", "without_mirrors", 10), record("2026-05-01", "overall", "without_mirrors", 12),
                              record("2026-05-02", "overall", "without_mirrors", 7)]),
      to: &series, source: "pypistats")
    #expect(revisions == [SeriesMerge.Revision(
      package: "demo-pkg", key: Series.Key(dimension: "overall", category: "without_mirrors", date: day("2026-05-01")),
      old: 4, new: 12, snapshot: day("2026-05-03"))])
    #expect(revisions.map(\.description) == ["demo-pkg overall/without_mirrors 2026-05-01: 4 → 12 (snapshot 2026-05-03)"])
    #expect(Self.value(series, "2026-05-01") == Series.Point(downloads: 12, snapshot: day("2026-05-03")))
  }

  @Test func aDayAbsentFromALaterSnapshotKeepsItsKnownValue() {
    var series: [String: Series] = [:]
    _ = SeriesMerge.apply(Self.set("2026-05-04", [
      record("2026-05-01", "system", "Linux", 5), record("2026-05-02", "system", "Linux", 6), record("2026-05-03", "system", "Linux", 7),
    ]), to: &series, source: "pypistats")
    let revisions = SeriesMerge.apply(Self.set("2026-05-05", [
      record("2026-05-01", "system", "Linux", 5), record("2026-05-03", "system", "Linux", 7), record("2026-05-04", "system", "Linux", 8),
    ]), to: &series, source: "pypistats")
    #expect(revisions.isEmpty)
    #expect(Self.value(series, "2026-05-02", "system", "Linux") == Series.Point(downloads: 6, snapshot: day("2026-05-04")))
  }

  @Test func fillsZerosInsideAWindowOnlyWhereNothingIsKnown() {
    var series: [String: Series] = [:]
    _ = SeriesMerge.apply(Self.set("2026-05-05", [
      record("2026-05-01", "overall", "without_mirrors", 9), record("2026-05-04", "overall", "without_mirrors", 9),
      record("2026-05-01", "system", "Linux", 5), record("2026-05-03", "system", "Linux", 7),
      record("2026-05-04", "python_minor", "3.14", 1),
    ]), to: &series, source: "pypistats")
    let linux = series[Self.package]?.values("system", "Linux")
    #expect(linux == [day("2026-05-01"): 5, day("2026-05-02"): 0, day("2026-05-03"): 7, day("2026-05-04"): 0])
    // A category first seen on the window's last day had no downloads on the days before, inside the window.
    #expect(series[Self.package]?.values("python_minor", "3.14").count == 4)
    #expect(Self.value(series, "2026-05-02", "python_minor", "3.14") == Series.Point(downloads: 0, snapshot: day("2026-05-05")))
    // Not outside it, and never for a stream the snapshot does not show.
    #expect(Self.value(series, "2026-04-30", "python_minor", "3.14") == nil)
    #expect(series[Self.package]?.categories("system") == ["Linux"])

    // A later, sparser snapshot does not turn known values into zeros…
    _ = SeriesMerge.apply(Self.set("2026-05-06", [
      record("2026-05-02", "system", "Windows", 1), record("2026-05-05", "system", "Windows", 1),
    ]), to: &series, source: "pypistats")
    #expect(Self.value(series, "2026-05-03", "system", "Linux")?.downloads == 7)
    #expect(series[Self.package]?.values("system", "Windows")
      == [day("2026-05-02"): 1, day("2026-05-03"): 0, day("2026-05-04"): 0, day("2026-05-05"): 1])
    // …and a filled zero the source later shows as downloads is revised.
    let revisions = SeriesMerge.apply(Self.set("2026-05-07", [record("2026-05-02", "system", "Linux", 3)]), to: &series, source: "pypistats")
    #expect(revisions.map(\.description) == ["demo-pkg system/Linux 2026-05-02: 0 → 3 (snapshot 2026-05-07)"])
  }

  @Test func applyingTheSameSnapshotTwiceChangesNothing() {
    var series: [String: Series] = [:]
    let first = Self.window(taken: "2026-05-01") { Int64($0.ordinal % 13) }
    let second = Self.window(taken: "2026-05-02") { Int64($0.ordinal % 13 + ($0.ordinal % 5 == 0 ? 1 : 0)) }
    _ = SeriesMerge.apply(first, to: &series, source: "pypistats")
    _ = SeriesMerge.apply(second, to: &series, source: "pypistats")
    let before = series
    let encoded = series[Self.package]?.encoded()
    #expect(SeriesMerge.apply(second, to: &series, source: "pypistats").isEmpty)
    #expect(series == before)
    #expect(series[Self.package]?.encoded() == encoded)
  }

  @Test func anOlderSnapshotAppliedLateDoesNotOverwriteANewerValue() {
    var series: [String: Series] = [:]
    _ = SeriesMerge.apply(Self.set("2026-05-03", [
      record("2026-05-01", "overall", "without_mirrors", 12), record("2026-05-02", "overall", "without_mirrors", 7),
    ]), to: &series, source: "pypistats")
    let revisions = SeriesMerge.apply(Self.set("2026-05-02", [
      record("2026-04-30", "overall", "without_mirrors", 10), record("2026-05-01", "overall", "without_mirrors", 4),
    ]), to: &series, source: "pypistats")
    #expect(revisions.isEmpty)
    #expect(Self.value(series, "2026-05-01") == Series.Point(downloads: 12, snapshot: day("2026-05-03")))
    #expect(Self.value(series, "2026-04-30") == Series.Point(downloads: 10, snapshot: day("2026-05-02")))
  }

  @Test func mergesPackagesApartAndIgnoresRecentFigures() {
    var series: [String: Series] = [:]
    _ = SeriesMerge.apply(Self.set("2026-05-03", [
      record("2026-05-02", "overall", "without_mirrors", 1, package: "a-pkg"),
      record("2026-05-02", "overall", "without_mirrors", 2, package: "b-pkg"),
      record("2026-05-03", "recent", "last_day", 2, package: "b-pkg"),
      record("2026-05-02", "class", "mirror", 1, package: "b-pkg"),
    ]), to: &series, source: "pypistats")
    #expect(series.keys.sorted() == ["a-pkg", "b-pkg"])
    #expect(series["a-pkg"]?.points.count == 1)
    #expect(series["b-pkg"]?.categories("recent").isEmpty == true)
    #expect(series["b-pkg"]?.categories("class") == ["mirror"])
    #expect(series["b-pkg"]?.source == "pypistats")
    #expect(series["b-pkg"]?.newestSnapshot == day("2026-05-03"))
  }
}

@Suite struct SeriesCodingTests {
  static let path = "stats/series/pypistats/demo-pkg.csv"
  static let header = "package,source,date,dimension,category,downloads,snapshot\n"

  @Test func writesOneSortedRowPerPoint() throws {
    let series = Series(package: "demo-pkg", source: "pypistats", points: [
      Series.Key(dimension: "system", category: "Linux", date: day("2026-05-01")): .init(downloads: 5, snapshot: day("2026-05-02")),
      Series.Key(dimension: "overall", category: "without_mirrors", date: day("2026-05-02")): .init(downloads: 7, snapshot: day("2026-05-03")),
      Series.Key(dimension: "overall", category: "without_mirrors", date: day("2026-05-01")): .init(downloads: 12, snapshot: day("2026-05-03")),
      Series.Key(dimension: "overall", category: "with_mirrors", date: day("2026-05-01")): .init(downloads: 27_234_697_969, snapshot: day("2026-05-02")),
    ])
    let text = series.encoded()
    #expect(text == Self.header + """
      demo-pkg,pypistats,2026-05-01,overall,with_mirrors,27234697969,2026-05-02
      demo-pkg,pypistats,2026-05-01,overall,without_mirrors,12,2026-05-03
      demo-pkg,pypistats,2026-05-02,overall,without_mirrors,7,2026-05-03
      demo-pkg,pypistats,2026-05-01,system,Linux,5,2026-05-02

      """)
    #expect(try Series.decode(text, path: Self.path, package: "demo-pkg", source: "pypistats") == series)
    let empty = Series(package: "demo-pkg", source: "pypistats")
    #expect(try Series.decode(empty.encoded(), path: Self.path, package: "demo-pkg", source: "pypistats") == empty)
  }

  @Test(arguments: [
    ("other,pypistats,2026-05-02,overall,without_mirrors,7,2026-05-03\n", "belongs to pypistats/other, expected pypistats/demo-pkg"),
    ("demo-pkg,pypi,2026-05-02,overall,without_mirrors,7,2026-05-03\n", "belongs to pypi/demo-pkg, expected pypistats/demo-pkg"),
    ("demo-pkg,pypistats,2026-05-01,overall,without_mirrors,9,2026-05-04\n", "repeats overall/without_mirrors on 2026-05-01"),
    ("demo-pkg,pypistats,2026-05-32,overall,without_mirrors,9,2026-05-04\n", "expected dates as YYYY-MM-DD, found `2026-05-32`, `2026-05-04`"),
    ("demo-pkg,pypistats,2026-05-02,overall,without_mirrors,9,\n", "expected dates as YYYY-MM-DD, found `2026-05-02`, ``"),
    ("demo-pkg,pypistats,2026-05-02,overall,without_mirrors,lots,2026-05-04\n", "downloads must be a non-negative integer, found `lots`"),
  ])
  func namesTheLineOfABadRow(_ secondRow: String, _ problem: String) {
    let text = Self.header + "demo-pkg,pypistats,2026-05-01,overall,without_mirrors,12,2026-05-03\n" + secondRow
    #expect(throws: FormatError(path: Self.path, line: 3, problem: problem)) {
      try Series.decode(text, path: Self.path, package: "demo-pkg", source: "pypistats")
    }
  }

  @Test func describesASeriesOfAnotherPackage() {
    let text = Self.header + "other,pypistats,2026-05-02,overall,without_mirrors,7,2026-05-03\n"
    do {
      _ = try Series.decode(text, path: Self.path, package: "demo-pkg", source: "pypistats")
      Issue.record("decoded a series of another package")
    } catch {
      #expect(error.description == """
        stats/series/pypistats/demo-pkg.csv:2: belongs to pypistats/other, expected pypistats/demo-pkg. The file was edited \
        by hand or truncated; restore it with `git checkout -- stats/series/pypistats/demo-pkg.csv` or delete it and re-run \
        the stage that writes it.
        """)
    }
  }
}
