import Testing

@testable import AlmanacKit

@Suite struct GitHubRepoStatsImporting {
  static let files: [String: String] = [
    "views_clones_aggregate.csv": """
      time_iso8601,clones_total,clones_unique,views_total,views_unique
      2022-01-08 00:00:00+00:00,3,2,40.0,10.0
      2022-01-09 00:00:00+00:00,,,12,5
      2022-01-10 00:00:00+00:00,1,1,,

      """,
    "snapshots/2022-01-24_000512_views_clones_series_fragment.csv": """
      time_iso8601,clones_total,clones_unique,views_total,views_unique
      2022-01-09 00:00:00+00:00,2.0,2.0,15,6
      2022-01-23 00:00:00+00:00,4,3,,

      """,
    "snapshots/2022-01-24_000512_top_referrers_snapshot.csv": "referrer,views_total,views_unique\nGoogle,30,12\ngithub.com,4,3\n",
    "snapshots/2021-06-01_000000_top_referrers_snapshot.csv": "referrers,count_total,count_unique\nreddit.com,7,5\n",
    "snapshots/2022-01-24_000512_top_paths_snapshot.csv": "url_path,views_total,views_unique\n/o/r,25,9\n",
    "stargazers.csv": "time_iso8601,stars_cumulative\n2022-01-01 10:00:00+00:00,1\n2022-01-01 11:00:00+00:00,2\n2022-01-05 09:00:00+00:00,3\n",
    "forks.csv": "time_iso8601,forks_cumulative\n2022-01-02 10:00:00+00:00,1\n",
  ]

  @Test func importsAggregateFragmentsPopularAndStarsByTheLiveRules() throws {
    var data = GitHubRepoData()
    // Something already stored: the import never lowers it.
    data.traffic.observe(.init(count: 50, uniques: 11), on: Day("2022-01-08") ?? Day(ordinal: 0), metric: .views, snapshot: Day("2022-01-09") ?? Day(ordinal: 0), complete: true)
    let report = try GitHubRepoStatsImport.apply(files: Self.files, root: "ghrs-data", into: &data)
    let views = data.traffic.values(.views)
    let clones = data.traffic.values(.clones)
    func d(_ s: String) -> Day { Day(s) ?? Day(ordinal: 0) }
    #expect(views[d("2022-01-08")] == .init(count: 50, uniques: 11))  // kept: larger than the import
    #expect(views[d("2022-01-09")] == .init(count: 15, uniques: 6))  // the fragment's larger value
    #expect(clones[d("2022-01-09")] == .init(count: 2, uniques: 2))  // empty in the aggregate; the fragment has it
    #expect(views[d("2022-01-23")] == .zero)  // empty in a fragment: an observed zero
    #expect(clones[d("2022-01-23")] == .init(count: 4, uniques: 3))
    #expect(data.popular.rows[["2022-01-24T00:05:12Z", "referrer", "Google"]]?[6] == "30")
    #expect(data.popular.rows[["2021-06-01T00:00:00Z", "referrer", "reddit.com"]]?[6] == "7")
    #expect(data.popular.rows[["2022-01-24T00:05:12Z", "path", "/o/r"]] != nil)
    #expect(data.starsHistory.sortedRows == [["2022-01-01", "2"], ["2022-01-05", "1"]])
    #expect(report.windows == 2)
    #expect(report.skipped == ["ghrs-data/forks.csv: cumulative fork counts without fork identities; not imported (forks.csv fills from GitHub's fork list)"])
    // Importing again changes nothing.
    var again = data
    _ = try GitHubRepoStatsImport.apply(files: Self.files, root: "ghrs-data", into: &again)
    #expect(again == data)
  }

  @Test func theSimplerTrafficCSVsAreCompleteDays() throws {
    var data = GitHubRepoData()
    _ = try GitHubRepoStatsImport.apply(files: ["views.csv": "date,total_views,unique_views\n2023-03-01,9,4\n", "clones.csv": "date,total_clones,unique_clones\n2023-03-01,2,1\n"], root: "x", into: &data)
    #expect(data.traffic.points[.init(date: Day("2023-03-01") ?? Day(ordinal: 0), metric: .views)] == .init(value: .init(count: 9, uniques: 4), complete: true, snapshot: Day("2023-03-02") ?? Day(ordinal: 0)))
    #expect(data.traffic.values(.clones).count == 1)
  }

  @Test func aBadCellNamesTheFileAndLine() {
    var data = GitHubRepoData()
    #expect(throws: FormatError(path: "x/views_clones_aggregate.csv", line: 3, problem: "`views_total`: expected a count, found `many`")) {
      try GitHubRepoStatsImport.apply(files: ["views_clones_aggregate.csv": "time_iso8601,clones_total,clones_unique,views_total,views_unique\n2022-01-08 00:00:00+00:00,1,1,2,1\n2022-01-09 00:00:00+00:00,1,1,many,1\n"], root: "x", into: &data)
    }
  }

  @Test func aFragmentsFourteenDayUniquesAreStoredAsUnknownAndShownSo() throws {
    var data = GitHubRepoData()
    _ = try GitHubRepoStatsImport.apply(files: Self.files, root: "ghrs-data", into: &data)
    let window = try #require(GitHubReport.latestWindow(data, .views))
    #expect(window.uniques == nil)
    #expect(data.traffic.encodedWindows().contains("2022-01-24,views,2022-01-10,2022-01-24,15,,ok\n"))
    // The empty cell reads back as unknown, and writes back the same bytes.
    let again = try TrafficHistory.decode(traffic: nil, trafficPath: "", windows: data.traffic.encodedWindows(), windowsPath: "w")
    #expect(again.windows == data.traffic.windows)
    let report = GitHubReport.section(repo: "o/r", data: data, asOf: Day("2026-12-03") ?? Day(ordinal: 0))
    #expect(report.contains("| Unique visitors in GitHub's 14-day window to 2022-01-24 | unknown | unknown |"))
    #expect(!report.contains("window to 2022-01-24 | 0"))
    // History that stops in 2022 shows its own last 14 days, not 14 days of zeros.
    #expect(report.contains("### Traffic, 2022-01-10 to 2022-01-23"))
    #expect(report.contains("No counts stored yet (stars, forks, watchers)"))
    let summary = GitHubReport.summary([("o/r", data)], asOf: Day("2026-12-03") ?? Day(ordinal: 0))
    #expect(summary["o/r"]?["view_uniques_14d"] == .null)
    #expect(summary["o/r"]?["views_14d"] == .int(15))
  }

  @Test func anImportedWindowNeverReplacesAFetchedOneOfTheSameNight() throws {
    var data = GitHubRepoData()
    let night = Day("2022-01-24") ?? Day(ordinal: 0)
    data.traffic.apply(TrafficWindow(metric: .views, total: .init(count: 20, uniques: 7), days: [:]), snapshot: night)
    _ = try GitHubRepoStatsImport.apply(files: Self.files, root: "ghrs-data", into: &data)
    let window = try #require(data.traffic.windows[.init(date: night, metric: .views)])
    #expect(window.uniques == 7)
    #expect(window.total.count == 20)
  }
}
