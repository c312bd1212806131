import Testing

@testable import AlmanacKit

@Suite struct ConsistencyCheckTests {
  func overall(_ source: String, _ date: String, _ n: Int64, category: String = "with_mirrors") -> DownloadRecord {
    DownloadRecord(date: Day(date)!, package: "tidewater", source: source, dimension: Dimension.overall, category: category, downloads: n)
  }

  @Test func aDayBeyondTheToleranceIsAWarningInTheIssuesWords() {
    let pypistats = [overall("pypistats", "2026-11-20", 1000), overall("pypistats", "2026-11-21", 1000), overall("pypistats", "2026-11-19", 500)]
    let clickhouse = [overall("pypi", "2026-11-20", 880), overall("pypi", "2026-11-21", 990), overall("pypi", "2026-11-22", 5)]
    let found = ConsistencyCheck.diagnostics(pypistats: pypistats, clickhouse: clickhouse, tolerance: 0.05)
    #expect(found.map(\.description) == [
      "warning: pypistats and ClickHouse disagree by 12% on 2026-11-20 (tidewater: pypistats.org 1000, ClickHouse 880 downloads with mirrors; tolerance 5%)"
    ])
  }

  @Test func theToleranceIsConfigurableAndOnlyWithMirrorsIsCompared() {
    let pypistats = [overall("pypistats", "2026-11-20", 1000), overall("pypistats", "2026-11-20", 10, category: "without_mirrors")]
    let clickhouse = [overall("pypi", "2026-11-20", 880)]
    #expect(ConsistencyCheck.diagnostics(pypistats: pypistats, clickhouse: clickhouse, tolerance: 0.15).isEmpty)
    #expect(ConsistencyCheck.divergences(pypistats: pypistats, clickhouse: clickhouse, tolerance: 0.10).map(\.clickhouse) == [880])
  }

  @Test func zeroOnBothSidesAgrees() {
    #expect(ConsistencyCheck.diagnostics(pypistats: [overall("pypistats", "2026-11-20", 0)], clickhouse: [overall("pypi", "2026-11-20", 0)]).isEmpty)
  }

  @Test func theStarCrossCheckReportsTheDifferenceAndWhy() {
    #expect(GitHubEvents.starCrossCheck(repo: "o/r", apiStars: 120, eventStargazers: 131).description
      == "note: o/r: GitHub reports 120 stars; the events data set counts 131 distinct stargazers (11 more in the events: unstars leave no event)")
    #expect(GitHubEvents.starCrossCheck(repo: "o/r", apiStars: 5, eventStargazers: 5).message.hasSuffix("(they agree)"))
  }
}

/// How big a night of the `pypi` source is for a package with about 200 versions, measured on
/// a synthetic day with a realistic skew (new versions get most downloads; old ones a trickle
/// from mirrors and pinned installs). DESIGN.md quotes these figures.
@Suite struct PyPIBytesPerDayTests {
  static func day(versions: Int = 200) -> [DetailedDownload] {
    var generator = SeededGenerator(seed: 42)
    let installers = ["pip", "uv", "bandersnatch", "Browser", "", "requests", "poetry", "Nexus"]
    let countries = ["US", "DE", "CN", "GB", "IN", "FR", "JP", "BR", "CA", "NL", "", "KR", "SG", "IE", "AU", "SE"]
    var rows = Set<DetailedDownload>()
    let date = Day("2026-11-20")!
    for v in 0..<versions {
      // Combinations seen per version fall off with age: ~300 for the newest, a few for the oldest.
      let combos = max(2, 300 / (v + 1))
      for _ in 0..<combos {
        rows.insert(DetailedDownload(
          date: date, package: "tidewater", version: "\(v / 20).\(v % 20).\(v % 3)", installer: installers.randomElement(using: &generator)!,
          type: Bool.random(using: &generator) ? "bdist_wheel" : "sdist", country: countries.randomElement(using: &generator)!,
          downloads: Int64.random(in: 1...5000, using: &generator)))
      }
    }
    return Array(rows)
  }

  @Test func aDayOfDetailStaysSmall() {
    let rows = Self.day()
    let records = DetailedRecordSet(snapshot: Day("2026-11-21")!, rows: rows).encoded()
    // The raw answer as the detail query's short column names give it, stored as a JSON string.
    let body = rows.map { "{\"date\":\"\($0.date)\",\"v\":\"\($0.version)\",\"i\":\"\($0.installer)\",\"t\":\"\($0.type)\",\"c\":\"\($0.country)\",\"downloads\":\"\($0.downloads)\"}\n" }.joined()
    let raw = RawSnapshot(source: "pypi", date: Day("2026-11-21")!, exchanges: [.init(target: "tidewater", endpoint: "detail", url: "u", status: 200, contentType: "", body: body)]).encoded()
    let perRowRecords = Double(records.utf8.count) / Double(rows.count)
    let perRowRaw = Double(raw.utf8.count) / Double(rows.count)
    // Measured: 1,717 rows; records 50 bytes a row (87 KB a day), raw 114 bytes a row (197 KB).
    print("pypi bytes per day: \(rows.count) rows, records \(records.utf8.count) B (\(Int(perRowRecords)) B/row), raw \(raw.utf8.count) B (\(Int(perRowRaw)) B/row)")
    #expect((1_500...2_200).contains(rows.count))
    #expect(perRowRecords < 60, "records: \(perRowRecords) bytes a row")
    #expect(perRowRaw < 125, "raw: \(perRowRaw) bytes a row")
    #expect(records.utf8.count < 110_000)
    #expect(raw.utf8.count < 220_000)
  }
}
