import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// The `pypi` and `github-events` nightly sources against the real ClickHouse server: files in
/// the store, the consistency check, the report sections.
@Suite(.enabled(if: ClickHouseTestServer.runnable, Comment(rawValue: ClickHouseTestServer.skipReason)))
struct ClickHouseNightlyTests {
  func night(_ dir: TempDirectory, lookback: Int? = 33, personalData: Bool = false) async throws -> Night {
    let server = try await ClickHouseTestServer.shared()
    let yaml = """
      targets:
        packages: [tidewater]
        repos: [\(ClickPyFixture.repo)]
      sources:
        pypistats: {enabled: false}
        pypi:
          endpoint: \(server.baseURL)
          user: \(ClickHouseTestServer.user)
          password_env: ALMANAC_TEST_CLICKHOUSE_PASSWORD
          min_reference_downloads: 1000000
          tolerance: 0.05
        github-events:
          endpoint: \(server.baseURL)
          user: \(ClickHouseTestServer.user)
          password_env: ALMANAC_TEST_CLICKHOUSE_PASSWORD
          personal_data: \(personalData)
      """
    setenv("ALMANAC_TEST_CLICKHOUSE_PASSWORD", ClickHouseTestServer.password, 1)
    try dir.write("almanac.yml", yaml)
    let config = try ConfigParser.parse(yaml, path: "almanac.yml")
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: ClickPyFixture.newest.adding(days: 1))
    return Night(config: config, client: client(attempts: 2, timeout: 20), stages: stages, lookbackDays: lookback)
  }

  @Test func aPyPINightWritesRawRecordsDetailAndSeriesAndChecksPypistats() async throws {
    let dir = TempDirectory()
    let n = try await night(dir)
    let date = n.date
    // pypistats.org saw 12% fewer downloads than ClickHouse on one day.
    let day = ClickPyFixture.newest.adding(days: -3)
    let ch = try #require(ClickPyFixture.perDay()[day])
    let pypistats = RecordSet(snapshot: date, records: [
      DownloadRecord(date: day, package: "tidewater", source: "pypistats", dimension: Dimension.overall, category: "with_mirrors", downloads: ch * 88 / 100)
    ])
    try dir.write("stats/records/pypistats/\(date).csv", pypistats.encoded())
    let result = try await PyPINightly().night(n)
    #expect(result == SourceResult(source: "pypi", status: .complete))
    for file in ["raw/pypi/\(date).json", "records/pypi/\(date).csv", "records/pypi/\(date).detail.csv", "series/pypi/tidewater.csv"] {
      #expect(dir.read("stats/" + file) != nil, "\(file) missing")
    }
    let detail = try DetailedRecordSet.decode(try #require(dir.read("stats/records/pypi/\(date).detail.csv")), path: "stats/records/pypi/\(date).detail.csv")
    #expect(detail.rows == ClickPyFixture.detail())
    let warnings = n.console.diagnostics.map(\.message)
    let expected = "pypistats and ClickHouse disagree by \(Int((Double(ch - ch * 88 / 100) / Double(ch) * 100).rounded()))% on \(day) (tidewater: pypistats.org \(ch * 88 / 100), ClickHouse \(ch) downloads with mirrors; tolerance 5%)"
    #expect(warnings.contains(expected), "\(warnings)")
    let rendering = try PyPINightly().render(n)
    #expect(rendering.summary["pypi"]?["consistency"]?["divergent_days"]?.arrayValue?.count == 1)
    #expect(rendering.reportSection.contains("pypistats.org and ClickHouse disagree by more than 5% on 1 day(s): tidewater \(day)"))
    let section = rendering.reportSection
    #expect(section.contains("| tidewater | \(NumberFormat.grouped(ClickPyFixture.total())) |"))
    // A second night the same day asks only the trailing window and changes nothing.
    let again = try await PyPINightly().night(try await night(dir, lookback: nil))
    #expect(again.status == .complete)
  }

  @Test func aGitHubEventsNightWritesRecordsWithoutLogins() async throws {
    let dir = TempDirectory()
    let n = try await night(dir, lookback: 5)
    let result = try await GitHubEventsNightly().night(n)
    #expect(result == SourceResult(source: "github-events", status: .complete))
    let raw = try #require(dir.read("stats/raw/github-events/\(n.date).json"))
    let records = try #require(dir.read("stats/records/github-events/\(n.date).csv"))
    for login in ["alice", "bob", "carol", "dave"] {
      #expect(!raw.contains(login) && !records.contains(login))
    }
    let alone = try GitHubEventsNightly().render(n)
    let section = alone.reportSection
    #expect(section.contains("| \(ClickPyFixture.repo) | 3 | – | 4 | 1 | v2.1.0rc1 (2026-11-20) |"), "\(section)")
    // No GitHub API count: the events stand in for the night's star figure, and say so.
    #expect(alone.headlines.count == 1 && alone.headlines[0].hasSuffix("(public events)"), "\(alone.headlines)")
    #expect(section.contains("The GitHub API gave no current star count for \(ClickPyFixture.repo)"))

    // With the GitHub API's count stored by the github source, the two are set side by side and
    // the difference is reported, not hidden.
    var counts = GitHubRepoData().counts
    counts.upsert([n.date.description, "5", "0", "0", "0", "0", ""])
    try dir.write("stats/series/github/\(ClickPyFixture.repo)/repo.csv", counts.encoded())
    let rendering = try GitHubEventsNightly().render(n)
    #expect(rendering.reportSection.contains("| \(ClickPyFixture.repo) | 3 | 5 | 4 | 1 |"))
    #expect(n.console.diagnostics.contains { $0.message == "\(ClickPyFixture.repo): GitHub reports 5 stars; the events data set counts 3 distinct stargazers (2 fewer in the events: stars older than the event archive or events it missed)" })
    #expect(rendering.summary["github-events"]?["repos"]?[ClickPyFixture.repo]?["github_star_count"] == .int(5))
    #expect(rendering.headlines.isEmpty)  // the GitHub API's figure leads; the events do not repeat it
  }

  @Test func whatTheClickHouseSourcesWriteMatchesTheSchemas() async throws {
    let checker = ProcessInfo.processInfo.environment["CHECK_JSONSCHEMA"] ?? "\(Paths.packageRoot)/.venv-tools/bin/check-jsonschema"
    try #require(FileManager.default.isExecutableFile(atPath: checker), "check-jsonschema is missing: run scripts/test, which installs it")
    let dir = TempDirectory()
    let n = try await night(dir, personalData: true)
    #expect(try await Nightly.run(config: n.config, client: n.client, stages: n.stages, lockTimeout: 10, lookbackDays: 33) == .complete)
    let result = try await Shell.run(
      "'\(Paths.packageRoot)/scripts/validate-store' '\(dir.file("stats"))' --config '\(dir.file("almanac.yml"))'",
      environment: ["CHECK_JSONSCHEMA": checker])
    #expect(result.status == 0, "\(result.stderr)")
  }

  @Test func almanacRunIncludesBothSourcesInTheReport() async throws {
    let dir = TempDirectory()
    let n = try await night(dir)
    let outcome = try await Nightly.run(config: n.config, client: n.client, stages: n.stages, lockTimeout: 10, lookbackDays: 33)
    #expect(outcome == .complete)
    let report = try #require(dir.read("stats/REPORT.md"))
    #expect(report.contains("## PyPI downloads from ClickHouse"))
    #expect(report.contains("## GitHub activity (public events)"))
    #expect(dir.read("stats/records/pypi/\(n.date).detail.csv") != nil)
    let summary = try JSONParser.parse(try #require(dir.read("stats/summary.json")))
    #expect(summary["pypi"]?["packages"]?["tidewater"]?["total_downloads"]?.int64Value == ClickPyFixture.total())
    #expect(summary["pypi"]?["source_newest"]?.stringValue == ClickPyFixture.newest.description)
    #expect(summary["pypi"]?["consistency"]?["divergent_days"]?.arrayValue == [])
    #expect(summary["github-events"]?["repos"]?[ClickPyFixture.repo]?["stargazers"]?.int64Value == 3)
    // The classify stage ran on the detail rows: classes in the report, summary and a badge.
    #expect(dir.read("stats/classified/pypi/\(n.date).csv") != nil)
    #expect(report.contains("### Who downloads tidewater (installer classes"))
    let classes = summary["pypi"]?["classification"]?["tidewater"]
    #expect(classes?["downloads"]?.int64Value == ClickPyFixture.perDay().filter { ClickPyFixture.newest - $0.key < 30 }.values.reduce(0, +))
    #expect(classes?["by_class"]?["mirror"]?.int64Value ?? 0 > 0)
    #expect(dir.read("stats/badges/tidewater-human-share.json") != nil)
  }
}
