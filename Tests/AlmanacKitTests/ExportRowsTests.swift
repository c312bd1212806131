import Testing

@testable import AlmanacKit

private func day(_ s: String) -> Day { Day(s) ?? Day(ordinal: 0) }

@Suite struct ExportRowsFromTheStore {
  @Test func pypistatsRowsAreDownloadsByTheirDimension() {
    var s = Series(package: "tidewater", source: PyPIStats.source)
    s.points[Series.Key(dimension: "python_minor", category: "3.12", date: day("2026-11-02"))] = .init(downloads: 7, snapshot: day("2026-11-03"))
    s.points[Series.Key(dimension: "overall", category: "with_mirrors", date: day("2026-11-01"))] = .init(downloads: 9, snapshot: day("2026-11-03"))
    let rows = ExportRows.series(s)
    #expect(rows == [
      ExportRow(date: day("2026-11-01"), source: "pypistats", entity: "tidewater", metric: "downloads", dimension: "overall", category: "with_mirrors", value: 9),
      ExportRow(date: day("2026-11-02"), source: "pypistats", entity: "tidewater", metric: "downloads", dimension: "python_minor", category: "3.12", value: 7),
    ])
  }

  @Test func plausibleSiteTotalsBecomeMetricsAndPagesABreakdown() {
    var s = Series(package: "docs.example.org", source: Plausible.source)
    s.points[Series.Key(dimension: "site", category: "visitors", date: day("2026-11-01"))] = .init(downloads: 40, snapshot: day("2026-11-02"))
    s.points[Series.Key(dimension: "page_visitors", category: "/install", date: day("2026-11-01"))] = .init(downloads: 12, snapshot: day("2026-11-02"))
    let rows = ExportRows.series(s)
    #expect(rows.map { "\($0.metric)|\($0.dimension)|\($0.category ?? "null")|\($0.value ?? -1)" } == ["visitors|overall|null|40", "visitors|page|/install|12"])
  }

  @Test func loginsStoredByAnOptInAreNeverExported() {
    var s = Series(package: "o/r", source: GitHubEvents.source)
    s.points[Series.Key(dimension: GitHubEvents.forkersDimension, category: "octocat", date: day("2026-11-01"))] = .init(downloads: 1, snapshot: day("2026-11-02"))
    s.points[Series.Key(dimension: GitHubEvents.eventsDimension, category: "WatchEvent", date: day("2026-11-01"))] = .init(downloads: 3, snapshot: day("2026-11-02"))
    #expect(ExportRows.series(s).map(\.metric) == ["events"])
  }

  @Test func theFilterKeepsTheInclusiveRange() {
    var s = Series(package: "p", source: PyPIStats.source)
    for d in ["2026-10-31", "2026-11-01", "2026-11-02", "2026-11-03"] {
      s.points[Series.Key(dimension: "overall", category: "without_mirrors", date: day(d))] = .init(downloads: 1, snapshot: day(d))
    }
    let rows = ExportRows.series(s, filter: ExportFilter(since: day("2026-11-01"), until: day("2026-11-02")))
    #expect(rows.map(\.date.description) == ["2026-11-01", "2026-11-02"])
  }

  @Test func githubTrafficIsProvisionalUntilCompleteAndUnknownUniquesAreNull() {
    var data = GitHubRepoData()
    let s = day("2026-11-20")
    data.traffic.windows[TrafficHistory.Key(date: s, metric: .views)] = TrafficHistory.Window(
      snapshot: s, metric: .views, total: .init(count: 50, uniques: 0), outage: false, uniquesKnown: false)
    _ = data.traffic.observe(.init(count: 5, uniques: 2), on: s, metric: .views, snapshot: s, complete: false)
    _ = data.traffic.observe(.init(count: 8, uniques: 3), on: day("2026-11-19"), metric: .views, snapshot: s, complete: true)
    data.stargazers.upsert(["2026-11-19T10:00:00Z", "1", "octocat"])
    let rows = ExportRows.github(data, repo: "o/r")
    let text = rows.map { "\($0.date) \($0.metric) \($0.value.map(String.init) ?? "null") \($0.provisional)" }
    #expect(text == [
      "2026-11-19 new_stars 1 false", "2026-11-19 views 8 false", "2026-11-20 views 5 true", "2026-11-20 views_14d 50 false",
      "2026-11-19 views_uniques 3 false", "2026-11-20 views_uniques 2 true", "2026-11-20 views_uniques_14d null false",
    ])
    #expect(!rows.contains { $0.category == "octocat" || $0.metric.contains("login") })
  }
}

@Suite struct ExportFormats {
  let hostile = ExportRow(
    date: day("2026-11-01"), source: "github", entity: "o/r", metric: "referrer_views_14d", dimension: "referrer",
    category: "=HYPERLINK(\"http://evil.test\",\"x\")", value: 3)

  @Test func csvForPeopleNeutralisesFormulaCells() throws {
    let line = ExportFormat.csvLine(hostile)
    #expect(line == "2026-11-01,github,o/r,referrer_views_14d,referrer,\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\",3,false\n")
    let parsed = try CSV.parse(ExportFormat.csvHeader() + line)
    #expect(parsed.map(\.fields.count) == [8, 8])
  }

  @Test func nullsAreEmptyCellsInCSVAndNullInJSON() {
    let r = ExportRow(date: day("2026-11-01"), source: "github", entity: "o/r", metric: "views_uniques_14d", value: nil, provisional: true)
    #expect(ExportFormat.csvLine(r) == "2026-11-01,github,o/r,views_uniques_14d,overall,,,true\n")
    #expect(ExportFormat.jsonLine(r) == #"{"category":null,"date":"2026-11-01","dimension":"overall","entity":"o/r","metric":"views_uniques_14d","provisional":true,"source":"github","value":null}"# + "\n")
  }

  @Test func jsonKeepsTheTrueValue() {
    #expect(ExportFormat.jsonLine(hostile).contains(#""category":"=HYPERLINK(\"http://evil.test\",\"x\")""#))
  }
}
