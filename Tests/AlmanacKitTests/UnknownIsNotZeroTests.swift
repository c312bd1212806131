import Testing

@testable import AlmanacKit

/// Issue 9, points 15 and 16: what a source did not say stays unknown, and two observations
/// are never folded into one.
private func r(_ date: String, _ dimension: String, _ category: String, _ n: Int64, package: String = "demo-pkg") -> DownloadRecord {
  DownloadRecord(date: day(date), package: package, source: "pypistats", dimension: dimension, category: category, downloads: n)
}

@Suite struct UnknownIsNotZeroTests {
  /// 2026-05-02 is in no answer (pypistats.org's outage); on 2026-05-03 only Linux is missing.
  static let outage = RecordSet(snapshot: day("2026-05-05"), records: [
    r("2026-05-01", "overall", "without_mirrors", 9), r("2026-05-03", "overall", "without_mirrors", 4), r("2026-05-04", "overall", "without_mirrors", 6),
    r("2026-05-01", "system", "Linux", 5), r("2026-05-04", "system", "Linux", 2),
    r("2026-05-03", "python_minor", "3.12", 4, package: "other-pkg"),
  ])

  @Test func aDayNoAnswerShowsIsUnknownWhileAMissingCategoryIsZero() throws {
    var series: [String: Series] = [:]
    _ = SeriesMerge.apply(Self.outage, to: &series, source: "pypistats", outages: true)
    let s = try #require(series["demo-pkg"])
    #expect(s.values("overall", "without_mirrors") == [day("2026-05-01"): 9, day("2026-05-03"): 4, day("2026-05-04"): 6])
    // Another package's answer shows 2026-05-03, so Linux's absence that day is a zero.
    #expect(s.values("system", "Linux") == [day("2026-05-01"): 5, day("2026-05-03"): 0, day("2026-05-04"): 2])
    #expect(SeriesMerge.outageDays(Self.outage) == [day("2026-05-02")])
    // Without the rule (sources whose quiet days are real zeros) the same day is a zero.
    var zeros: [String: Series] = [:]
    _ = SeriesMerge.apply(Self.outage, to: &zeros, source: "pypistats")
    #expect(zeros["demo-pkg"]?.values("overall", "without_mirrors")[day("2026-05-02")] == 0)
  }

  @Test func aBackfilledOutageDayIsTakenAndALaterOutageNeverErasesIt() throws {
    var series: [String: Series] = [:]
    _ = SeriesMerge.apply(Self.outage, to: &series, source: "pypistats", outages: true)
    let backfill = RecordSet(snapshot: day("2026-05-06"), records: [
      r("2026-05-02", "overall", "without_mirrors", 7), r("2026-05-05", "overall", "without_mirrors", 3),
    ])
    // A value for a day that was unknown is new knowledge, not a revision of a zero.
    #expect(SeriesMerge.apply(backfill, to: &series, source: "pypistats", outages: true).isEmpty)
    #expect(series["demo-pkg"]?.values("overall", "without_mirrors")[day("2026-05-02")] == 7)
    let again = RecordSet(snapshot: day("2026-05-07"), records: [
      r("2026-05-01", "overall", "without_mirrors", 9), r("2026-05-03", "overall", "without_mirrors", 4),
    ])
    _ = SeriesMerge.apply(again, to: &series, source: "pypistats", outages: true)
    #expect(series["demo-pkg"]?.values("overall", "without_mirrors")[day("2026-05-02")] == 7)
  }

  @Test func normalizeNamesTheOutageDays() {
    func exchange(_ endpoint: String, _ rows: String) -> RawSnapshot.Exchange {
      .init(target: "demo-pkg", endpoint: endpoint, url: "https://pypistats.org/api/packages/demo-pkg/\(endpoint)", status: 200,
            contentType: "application/json", body: #"{"data":[\#(rows)],"package":"demo-pkg","type":"\#(endpoint)_downloads"}"#)
    }
    let raw = RawSnapshot(source: "pypistats", date: day("2026-05-05"), exchanges: [
      exchange("overall", #"{"category":"with_mirrors","date":"2026-05-01","downloads":3},{"category":"with_mirrors","date":"2026-05-04","downloads":2}"#),
      exchange("system", #"{"category":"Linux","date":"2026-05-01","downloads":3}"#),
    ])
    let (_, diagnostics) = PyPIStats.normalize(raw, path: "raw.json")
    #expect(diagnostics.map(\.description) == [
      "raw.json: note: 2026-05-02, 2026-05-03 absent from every answer (an outage at pypistats.org); recorded as unknown, not as zero downloads",
    ])
  }

  // MARK: GitHub traffic: S−14 is an edge GitHub's window may not reach

  @Test func aWindowThatStartsAfterSMinus14InventsNoZeroForIt() {
    let snapshot = day("2026-11-20")
    var h = TrafficHistory()
    let window = TrafficWindow(metric: .views, total: .init(count: 5, uniques: 2), days: [snapshot.adding(days: -13): .init(count: 5, uniques: 2)])
    h.apply(window, snapshot: snapshot)
    #expect(h.points[.init(date: snapshot.adding(days: -14), metric: .views)] == nil)
    // A complete day GitHub left out is still an observed zero, and so is today.
    #expect(h.points[.init(date: snapshot.adding(days: -12), metric: .views)]?.value == .zero)
    #expect(h.points[.init(date: snapshot, metric: .views)]?.value == .zero)
    // Listed, S−14 is taken (partial, as before).
    var listed = TrafficHistory()
    listed.apply(TrafficWindow(metric: .views, total: .init(count: 1, uniques: 1), days: [snapshot.adding(days: -14): .init(count: 1, uniques: 1)]), snapshot: snapshot)
    #expect(listed.points[.init(date: snapshot.adding(days: -14), metric: .views)] == .init(value: .init(count: 1, uniques: 1), complete: false, snapshot: snapshot))
  }

  // MARK: Popular content: two snapshots of one day stay two

  @Test func twoReferrerSnapshotsOfOneDayAreKeptApart() throws {
    let files = [
      "snapshots/2022-01-24_000512_top_referrers_snapshot.csv": "referrer,views_total,views_unique\nGoogle,30,12\ngithub.com,4,3\n",
      "snapshots/2022-01-24_235901_top_referrers_snapshot.csv": "referrer,views_total,views_unique\nGoogle,34,13\n",
    ]
    var data = GitHubRepoData()
    let report = try GitHubRepoStatsImport.apply(files: files, root: "ghrs-data", into: &data)
    #expect(report.popularRows == 3)
    #expect(data.popular.sortedRows.map { $0.prefix(3) + [$0[6]] } == [
      ["2022-01-24T00:05:12Z", "referrer", "Google", "30"], ["2022-01-24T00:05:12Z", "referrer", "github.com", "4"],
      ["2022-01-24T23:59:01Z", "referrer", "Google", "34"],
    ])
    // The file writes and reads back (the key and the stamp are checked on read).
    let text = data.popular.encoded()
    #expect(try KeyedRows.decode(text, path: "popular.csv", spec: GitHubFiles.popular) == data.popular)
    // The ranking averages over two snapshots: (30 + 34) / 2 over 14 days, scaled to 28.
    let ranking = GitHubReport.ranking(data, kind: .referrer, asOf: day("2022-01-25"))
    #expect(ranking.first?.name == "Google")
    #expect(ranking.first?.estimate == 64)
    // Importing again changes nothing.
    var again = data
    _ = try GitHubRepoStatsImport.apply(files: files, root: "ghrs-data", into: &again)
    #expect(again == data)
  }

  @Test(arguments: ["2022-01-24T25:00Z", "2022-01-24 00:05:12", "2022-01-24T00:05:12", "20220124"])
  func aSnapshotStampOtherThanADateOrAUTCTimeIsRefused(_ stamp: String) {
    let text = "#almanac:github-popular:1\nsnapshot,kind,name,first,last,title,count,uniques\n\(stamp),referrer,Google,2022-01-10,2022-01-24,,1,1\n"
    #expect(throws: FormatError.self) { try KeyedRows.decode(text, path: "popular.csv", spec: GitHubFiles.popular) }
  }
}
