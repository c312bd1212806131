import Foundation
import Testing

import AlmanacTestSupport

/// The GitHub source through the real binary: a night of `almanac run` against the fake GitHub,
/// and `almanac import github-repo-stats`.
@Suite(.serialized) struct GitHubEndToEnd {
  @Test func aNightOfRunWritesGitHubFilesTheReportSectionAndBadges() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    var repo = GitHubFakeRepo("octo/demo", stars: GitHubFakeRepo.stars(4))
    repo.views = ["2026-11-18": (30, 9), "2026-11-20": (12, 4)]
    repo.clones = ["2026-11-19": (5, 2)]
    server.serveGitHub([repo])
    let dir = TempDirectory("github-run")
    try dir.write("almanac.yml", """
      targets: {repos: [octo/demo]}
      sources: {github: {base_url: "\(server.baseURL)"}}
      tokens: {github: READ_TOKEN}

      """)
    let env = ["READ_TOKEN": "ghp_e2e_token_value", "GITHUB_OUTPUT": dir.file("output")]
    let r = try await Shell.run("almanac run --date 2026-11-21 --quiet --site site", cwd: dir.path, environment: env)
    #expect(r.status == 0, "\(r.stderr)")
    let report = try #require(dir.read("stats/REPORT.md"))
    #expect(report.contains("## GitHub: octo/demo"))
    #expect(report.contains("| Stars | 4 |"))
    #expect(report.contains("| Total | 42 | 5 |"))
    #expect(dir.read("stats/series/github/octo/demo/traffic.csv")?.contains("2026-11-18,views,30,9,complete,2026-11-21") == true)
    #expect(dir.read("stats/badges/octo-demo-stars.json") != nil)
    let output = try #require(dir.read("output"))
    #expect(output.contains("\nstars=4\n"))
    // Every key the run wrote is an output of the composite action.
    let action = try String(contentsOfFile: Paths.packageRoot + "/action.yml", encoding: .utf8)
    for key in CompositeActionRunner.parseOutputFile(output).keys.sorted() {
      #expect(action.contains("\n  \(key):\n"), "action.yml does not expose the output \(key)")
    }
    #expect(dir.read("site/index.html")?.contains("<h3 id=\"github-octo-demo\">octo/demo</h3>") == true)
    #expect(dir.read("site/index.html")?.contains("octo/demo: views per day") == true)
    #expect(dir.read("site/index.html")?.contains("aria-label=\"stars: 4\"") == true)
    #expect(!(r.stdout + r.stderr).contains("ghp_e2e_token_value"))
    #expect(server.requests.allSatisfy { $0.header("authorization") == "Bearer ghp_e2e_token_value" })

    let checker = ProcessInfo.processInfo.environment["CHECK_JSONSCHEMA"] ?? ""
    if FileManager.default.isExecutableFile(atPath: checker) {
      let v = try await Shell.run("'\(Paths.packageRoot)/scripts/validate-store' '\(dir.file("stats"))' --config '\(dir.file("almanac.yml"))'", environment: ["CHECK_JSONSCHEMA": checker])
      #expect(v.status == 0, "\(v.stderr)")
    }
  }

  @Test func fetchGitHubRunsTheSourceForTargetsReposAndExitsPartialOnFailures() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.serveGitHub([GitHubFakeRepo("octo/demo", stars: GitHubFakeRepo.stars(2))])
    let dir = TempDirectory("github-fetch")
    try dir.write("almanac.yml", "targets: {repos: [octo/demo, octo/gone]}\n")
    let r = try await Shell.run("almanac fetch github --base-url \(server.baseURL) --date 2026-11-21 --quiet", cwd: dir.path, environment: ["ALMANAC_GITHUB_TOKEN": "ghp_fetch_token_1"])
    #expect(r.status == 3, "\(r.stderr)")
    #expect(r.stderr.contains("octo/gone does not exist, or the token in ALMANAC_GITHUB_TOKEN cannot see it"))
    #expect(dir.read("stats/series/github/octo/demo/repo.csv") != nil)
    #expect(dir.read("stats/raw/github/2026-11-21.json")?.contains("ghp_fetch_token_1") == false)
    try dir.write("off.yml", "targets: {repos: [octo/demo]}\nsources: {github: {enabled: false}}\n")
    let off = try await Shell.run("almanac fetch github --config off.yml --quiet", cwd: dir.path)
    #expect(off.status == 1)
    #expect(off.stderr.contains("sources.github is disabled in off.yml (`enabled: false`); remove that line to fetch GitHub."))
  }

  @Test func importGitHubRepoStatsMergesAndIsIdempotent() async throws {
    let dir = TempDirectory("ghrs-import")
    try dir.write("data/octo/demo/ghrs-data/views_clones_aggregate.csv", """
      time_iso8601,clones_total,clones_unique,views_total,views_unique
      2022-01-08 00:00:00+00:00,3,2,40.0,10.0
      2022-01-09 00:00:00+00:00,,,12,5

      """)
    try dir.write("data/octo/demo/ghrs-data/snapshots/2022-01-10_000512_top_paths_snapshot.csv", "url_path,views_total,views_unique\n/octo/demo,25,9\n")
    try dir.write("data/octo/demo/ghrs-data/forks.csv", "time_iso8601,forks_cumulative\n2022-01-02 10:00:00+00:00,1\n")
    let first = try await Shell.run("almanac import github-repo-stats data --stats-dir stats", cwd: dir.path)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stderr.contains("imported into octo/demo: 3 daily traffic figures"))
    #expect(first.stderr.contains("forks.csv: cumulative fork counts without fork identities; not imported"))
    let traffic = try #require(dir.read("stats/series/github/octo/demo/traffic.csv"))
    #expect(traffic.contains("2022-01-08,views,40,10,complete,2022-01-09"))
    let again = try await Shell.run("almanac import github-repo-stats data --stats-dir stats", cwd: dir.path)
    #expect(again.status == 0)
    #expect(!again.stderr.contains("wrote "))
    let bad = try await Shell.run("almanac import github-repo-stats nowhere --stats-dir stats", cwd: dir.path)
    #expect(bad.status == 1)
    #expect(bad.stderr.contains("nowhere: no <owner>/<repo>/ghrs-data directory found"))
  }

  @Test func anImportRendersWithoutALiveNight() async throws {
    let dir = TempDirectory("ghrs-render")
    try dir.write("data/octo/demo_app/ghrs-data/snapshots/2022-01-24_000512_views_clones_series_fragment.csv", """
      time_iso8601,clones_total,clones_unique,views_total,views_unique
      2022-01-12 00:00:00+00:00,2,1,15,6
      2022-01-20 00:00:00+00:00,4,3,30,9

      """)
    try dir.write("data/octo/demo_app/ghrs-data/snapshots/2022-01-24_000512_top_referrers_snapshot.csv", "referrer,views_total,views_unique\nnews.ycombinator.com,30,12\n")
    try dir.write("data/octo/demo_app/ghrs-data/stargazers.csv", "time_iso8601,stars_cumulative\n2022-01-05 09:00:00+00:00,3\n")
    let imported = try await Shell.run("almanac import github-repo-stats data --stats-dir stats --quiet", cwd: dir.path)
    #expect(imported.status == 0, "\(imported.stderr)")
    let render = try await Shell.run("almanac render --stats-dir stats --date 2026-12-03 --site site --quiet", cwd: dir.path)
    #expect(render.status == 0, "\(render.stderr)")
    let report = try #require(dir.read("stats/REPORT.md"))
    #expect(!report.contains("No package data yet"))
    #expect(report.contains("## GitHub: octo/demo\\_app"))  // still escaped
    #expect(report.contains("### Traffic, 2022-01-10 to 2022-01-23"))
    #expect(report.contains("| Total | 45 | 6 |"))
    #expect(report.contains("| Unique visitors in GitHub's 14-day window to 2022-01-24 | unknown | unknown |"))
    #expect(report.contains("news.ycombinator.com"))
    #expect(dir.read("stats/series/github/octo/demo_app/traffic-windows.csv")?.contains("2022-01-24,views,2022-01-10,2022-01-24,45,,ok") == true)
    let summary = try #require(dir.read("stats/summary.json"))
    #expect(summary.contains("\"octo/demo_app\": {"))
    #expect(summary.contains("\"view_uniques_14d\": null"))
    #expect(dir.read("stats/badges/octo-demo_app-views-14d.json") != nil)
    #expect(dir.read("site/index.html")?.contains("<h3 id=\"github-octo-demo_app\">octo/demo_app</h3>") == true)
    #expect(dir.read("site/index.html")?.contains("octo/demo_app: views per day") == true)

    let checker = ProcessInfo.processInfo.environment["CHECK_JSONSCHEMA"] ?? ""
    if FileManager.default.isExecutableFile(atPath: checker) {
      let v = try await Shell.run("'\(Paths.packageRoot)/scripts/validate-store' '\(dir.file("stats"))'", environment: ["CHECK_JSONSCHEMA": checker])
      #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
    }
  }
}
