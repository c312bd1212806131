import AlmanacKit
import Foundation
import Testing

import AlmanacTestSupport

/// The real executables, in real shells and pipes.
@Suite(.serialized) struct DemoEndToEnd {
  @Test func theDemoWritesEveryFileKindAndARerunIsByteIdentical() async throws {
    let dir = TempDirectory("demo")
    let first = try await DemoCache.shared.copy(to: "\(dir.path)/out")
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stderr.contains("report:   ") && first.stderr.contains("/out/REPORT.md"))
    let before = dir.snapshot()
    for expected in [
      "out/summary.json", "out/download_summary.json", "out/downloads_2026-11-22.csv", "out/downloads_2026-11-22.json",
      "out/badges/tidewater-downloads-total.svg", "out/badges/tidewater-downloads-month.json", "out/REPORT.md",
      "out/series/pypistats/tidewater.csv", "out/raw/pypistats/2026-05-26.json", "out/classified/pypistats/2026-11-22.csv",
      "out/raw/pypi/2026-05-26.json", "out/records/pypi/2026-11-22.csv", "out/records/pypi/2026-11-22.detail.csv",
      "out/classified/pypi/2026-11-22.csv", "out/series/pypi/tidewater.csv", "out/badges/tidewater-human-share.svg",
      "out/badges/tidewater-human-share.json", "out/raw/github-events/2026-11-22.json", "out/records/github-events/2026-11-22.csv",
      "out/raw/github/2026-11-22.json", "out/series/github/tidewater-dev/tidewater/traffic.csv",
      "out/series/github/tidewater-dev/tidewater/stargazers.csv", "out/series/github/tidewater-dev/tidewater/release-downloads.csv",
      "out/badges/tidewater-dev-tidewater-stars.svg", "out/state/github.json", "out-site/index.html",
    ] {
      // A dated file of raw/, records/ or classified/ may be kept as a delta (DESIGN point 85).
      #expect(before[expected] != nil || before[expected + ".delta"] != nil, "missing \(expected)")
    }
    // Again over the same directory: it goes on from the newest night it holds and replays that
    // night, which changes no file.
    let second = try await Shell.run("almanac demo --out '\(dir.path)/out'")
    #expect(second.status == 0)
    #expect(second.stderr.contains("== night 2026-11-22 ==") && !second.stderr.contains("== night 2026-11-21 =="))
    #expect(!second.stderr.contains("\nwrote "))
    #expect(dir.snapshot() == before)
  }

  @Test func theDemoOutputMatchesTheSchemas() async throws {
    let checker = ProcessInfo.processInfo.environment["CHECK_JSONSCHEMA"] ?? "\(Paths.packageRoot)/.venv-tools/bin/check-jsonschema"
    try #require(FileManager.default.isExecutableFile(atPath: checker), "check-jsonschema is missing: run scripts/test, which installs it")
    let dir = TempDirectory("schema")
    let demo = try await DemoCache.shared.copy(to: "\(dir.path)/out")
    #expect(demo.status == 0)
    try dir.write("almanac.yml", ConfigSamples.full)
    let result = try await Shell.run(
      "'\(Paths.packageRoot)/scripts/validate-store' '\(dir.path)/out' --config '\(dir.file("almanac.yml"))'",
      environment: ["CHECK_JSONSCHEMA": checker])
    #expect(result.status == 0, "\(result.stderr)")
  }

  @Test func theSeedSummaryHasExactlyTheSeedKeys() async throws {
    let dir = TempDirectory("seed")
    _ = try await DemoCache.shared.copy(to: "\(dir.path)")
    let seedKeys: Set<String> = ["package", "timestamp", "total_downloads", "average_daily", "top_versions", "top_systems"]
    let seed = try JSONParser.parse(try #require(dir.read("download_summary.json")))
    #expect(seed.objectValue.map { Set($0.keys) } == seedKeys)
    #expect(seed["timestamp"] == "2026-11-22T00:00:00Z")
    #expect(seed["package"] == "tidewater")
    // summary.json: the same keys and values, plus one section per other source.
    let summaryText = try #require(dir.read("summary.json"))
    let summary = try #require(try JSONParser.parse(summaryText).objectValue)
    #expect(Set(summary.keys) == seedKeys.union(["pypi", "github-events", "github", "plausible", "sentry", "reddit", "usage", "windows"]))
    for key in seedKeys { #expect(summary[key] == seed[key], "\(key)") }
    #expect(dir.read("downloads_2026-11-22.csv")?.hasPrefix("date,downloads,category\n") == true)
  }

  @Test func theDemoShowsClickHouseClassificationTheEstimateAndTheConsistencyCheck() async throws {
    let dir = TempDirectory("clickhouse")
    let run = try await DemoCache.shared.copy(to: "\(dir.path)")
    #expect(run.status == 0, "\(run.stderr)")
    // The first night backfills a year and more from ClickHouse, a month per query.
    #expect(run.stderr.contains("pypi: [1/14] tidewater 2025-04-21…2025-04-30"))
    #expect(run.stderr.contains("github-events: [1/14] tidewater-dev/tidewater 2025-04-21…2025-04-30"))
    #expect(run.stderr.contains("warning: unknown installer name `quayside-sync`"))
    // pypistats.org's outage day against the download log, which kept counting.
    #expect(run.stderr.contains("warning: pypistats and ClickHouse disagree by 100% on 2026-06-19"))
    // Elsewhere ClickHouse follows pypistats.org's with_mirrors within the tolerance: only the
    // two planted days are reported, each once.
    #expect(run.stderr.components(separatedBy: "pypistats and ClickHouse disagree").count - 1 == 2)
    let series = try #require(dir.read("series/pypi/tidewater.csv"))
    #expect(series.contains("tidewater,pypi,2025-04-21,overall,with_mirrors,"))

    let report = try #require(dir.read("REPORT.md"))
    for text in [
      "## PyPI downloads from ClickHouse", "| tidewater | 807,881 | 2026-11-21: 2,027 | 18,139 |",
      "pypistats.org and ClickHouse disagree by more than 5% on 1 day(s): tidewater 2026-11-20 (14%).",
      "### Who downloads tidewater (installer classes, 2026-10-23 to 2026-11-21)",
      "Typically ~57.9% of downloads are bots; at most 42.1% could have been a person (upper bound",
      "| mirror | 22,736 | 30.2% |", "| installer | 36,363 | 48.3% |",
      "Estimated human demand behind mirrors and proxies: 8,490 of 22,736 mirror downloads",
      "## GitHub activity (public events)", "| tidewater-dev/tidewater | 3,129 | 3,053 | 22 | 1 | v2.1.0rc1 (2026-11-20) |",
      "## Documentation site (Plausible)", "| docs.tidewater.dev | 2026-11-22 | 348 | 976 | – | 2,991 | 1 min 33 s | 45% |",
      "Top pages of docs.tidewater.dev, last 30 days: / (976), /install/ (382),",
      "## Errors (Sentry)", "| tidewater | 2026-11-22 | 208 | +110.1% | 524 | 4.71 errors per 1,000 sessions | 18 | 5 | 43 | 0 | 0 |",
      "## Reddit posts", "| 1.0 announcement | r/Python | 2026-05-26 | 2026-11-22 | 276 | +9 | 47 | ±0 | 96% | live |",
      "| tidewater question | r/learnpython | 2026-05-26 | 2026-11-22 | 14 | ±0 | 6 | ±0 | 89% | removed (moderator) |",
      "## Usage (opt-in events)", "| 2026-11-21 | 417 | −3.2% | 79.4% | 26 |", "| sync | 30 | 13 | 80% | 587 ms | 832 ms |",
      "| other | 97 |", "2,457 were read with consent, 244 without it (dropped unread) and 42 were invalid",
    ] {
      #expect(report.contains(text), "REPORT.md lacks \(text)")
    }

    let summary = try JSONParser.parse(try #require(dir.read("summary.json")))
    let pypi = try #require(summary["pypi"])
    let classes = try #require(pypi["classification"]?["tidewater"])
    #expect(classes["bot_percent"] == .double(57.9))
    #expect(classes["could_be_human_percent_upper_bound"] == .double(42.1))
    #expect(classes["by_class"]?["mirror"]?.int64Value == 22_736)
    #expect(classes["by_class"]?["unknown"]?.int64Value ?? 0 > 0)
    // The generator makes caching proxies 65% demand-driven and bandersnatch a uniform sync:
    // about 37% of the mirror class, which the estimate recovers (8,490 of 22,736 = 37.3%).
    #expect(classes["estimated_human_behind_proxy"]?.int64Value == 8_490)
    let divergent = try #require(pypi["consistency"]?["divergent_days"]?.arrayValue)
    #expect(divergent.map { $0["date"] } == ["2026-11-20"])
    #expect(divergent.first?["percent"]?.int64Value == 14)
    #expect(pypi["packages"]?["tidewater"]?["total_downloads"]?.int64Value == 807_881)
    let repo = try #require(summary["github-events"]?["repos"]?["tidewater-dev/tidewater"])
    #expect(repo["stargazers"]?.int64Value == 3_129)
    #expect(repo["stars_last_7_days"]?.int64Value == 22)
    #expect(repo["latest_release"] == "v2.1.0rc1")
    // github-events keeps no actor login by default (the GitHub API's stargazer list, a
    // separate source, is the repository's public star list and keeps logins for `#5 - name`).
    for (path, data) in dir.snapshot() where path.contains("github-events") {
      #expect(!String(decoding: data, as: UTF8.self).contains("user-0"), "\(path) holds an actor login")
    }
  }

  @Test func theDemoShowsTheGitHubRepositoryAndItsStarsBesideTheEvents() async throws {
    let dir = TempDirectory("github-demo")
    let r = try await DemoCache.shared.copy(to: "\(dir.path)")
    #expect(r.status == 0, "\(r.stderr)")
    let report = try #require(dir.read("REPORT.md"))
    for text in [
      "## GitHub: tidewater-dev/tidewater", "| Stars | 3,053 |", "| Open issues and pull requests (GitHub counts both) |",
      "| Sum of daily uniques |", "Figures for 2026-11-22 are provisional",
      // The demo's nights skip May to November: the merge says so instead of inventing days.
      "Coverage hole: 2026-05-26 to 2026-11-06 (165 days)",
      "- 2026-11-21: #3049-#3053 (5 stars)", "| v2.0.0 | tidewater-2.0.0-py3-none-any.whl |",
    ] {
      #expect(report.contains(text), "REPORT.md lacks \(text)")
    }
    // GitHub drops unstars; the events keep every star: the difference is reported, not hidden.
    #expect(r.stderr.contains("tidewater-dev/tidewater: GitHub reports 3053 stars; the events data set counts 3129 distinct stargazers (76 more in the events: unstars leave no event)"))
    #expect(r.stderr.contains("stats: 2026-11-22 — 1,583 downloads (+14%), ≤42.1% could be human, 5 new stars"))
    #expect(r.stderr.contains("208 errors in 7 days, 276 points on Reddit"))
    let summary = try JSONParser.parse(try #require(dir.read("summary.json")))
    #expect(summary["github"]?["tidewater-dev/tidewater"]?["stars"]?.int64Value == 3_053)
    #expect(summary["github-events"]?["repos"]?["tidewater-dev/tidewater"]?["github_star_count"]?.int64Value == 3_053)
    // The stand-in tokens, keys and client credentials never reach a file.
    for (path, data) in dir.snapshot() {
      let text = String(decoding: data, as: UTF8.self)
      for secret in ["demo-token", "demo-plausible-key", "demo-sentry-token", "demo-reddit-client-id", "demo-reddit-secret"] {
        #expect(!text.contains(secret), "\(path) holds \(secret)")
      }
    }
  }

  @Test func daysThatLeftTheWindowStayInTheSeries() async throws {
    let dir = TempDirectory("window")
    _ = try await DemoCache.shared.copy(to: "\(dir.path)")
    let series = try #require(dir.read("series/pypistats/tidewater.csv"))
    // 2025-11-26 is only in the May snapshot's window; the November snapshots start in May 2026.
    #expect(series.contains("tidewater,pypistats,2025-11-26,overall,without_mirrors,"))
    #expect(series.contains("tidewater,pypistats,2026-11-21,overall,without_mirrors,"))
    // The revised day carries the snapshot that revised it.
    #expect(series.contains("tidewater,pypistats,2026-11-20,overall,without_mirrors,2403,2026-11-22\n"))
  }
}

@Suite(.serialized) struct StagePipes {
  var night: String { "\(Paths.demoRecording)/2026-11-22" }

  @Test func fetchNormalizeAggregatePipe() async throws {
    let result = try await Shell.run(
      "almanac-fetch pypistats --package tidewater --date 2026-11-22 --replay '\(night)' -o - | almanac-normalize - | almanac-aggregate --stdout --stats-dir /nonexistent -")
    #expect(result.status == 0, "\(result.stderr)")
    let summary = try JSONParser.parse(result.stdout)
    #expect(summary["package"] == "tidewater")
    #expect(summary["timestamp"] == "2026-11-22T00:00:00Z")
    #expect((summary["total_downloads"]?.int64Value ?? 0) > 300_000)
  }

  @Test func classifyReadsRecordsFromAPipe() async throws {
    let result = try await Shell.run(
      "almanac-fetch pypistats --package tidewater --date 2026-11-22 --replay '\(night)' -o - --quiet | almanac-normalize - --quiet | almanac-classify - --quiet")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("#almanac:classified:1 snapshot=2026-11-22\ndate,package,source,dimension,category,downloads\n"))
    #expect(result.stderr.isEmpty)
  }

  @Test func stagesOnTheStoreMatchTheRunCommand() async throws {
    let dir = TempDirectory("stages")
    let env = ["R": night]
    for step in [
      "almanac-fetch pypistats --package tidewater --date 2026-11-22 --replay \"$R\" --stats-dir s",
      "almanac-normalize --date 2026-11-22 --stats-dir s", "almanac-classify --date 2026-11-22 --stats-dir s",
      "almanac-aggregate --date 2026-11-22 --stats-dir s", "almanac-render --date 2026-11-22 --stats-dir s",
    ] {
      let r = try await Shell.run(step, cwd: dir.path, environment: env)
      #expect(r.status == 0, "\(step): \(r.stderr)")
    }
    try dir.write("almanac.yml", "targets:\n  packages: [tidewater]\nsources:\n  pypistats:\n    request_interval: 0\nstats_dir: t\n")
    let run = try await Shell.run("almanac run --date 2026-11-22 --replay \"$R\"", cwd: dir.path, environment: env)
    #expect(run.status == 0, "\(run.stderr)")
    let s = dir.snapshot()
    for (key, value) in s where key.hasPrefix("s/") && !key.hasSuffix(".almanac.lock") {
      #expect(s["t/" + key.dropFirst(2)] == value, "\(key) differs between the stages and run")
    }
  }

  @Test func everyCommandTeachesInItsHelp() async throws {
    for command in ["almanac", "almanac-fetch", "almanac-normalize", "almanac-classify", "almanac-aggregate", "almanac-render", "almanac run", "almanac demo", "almanac init", "almanac config check", "almanac config get"] {
      let r = try await Shell.run("\(command) --help")
      #expect(r.status == 0, "\(command)")
      #expect(r.stdout.contains("OVERVIEW:") && r.stdout.contains("--"), "\(command)")
    }
  }

  @Test func aBadDateIsAUsageError() async throws {
    let r = try await Shell.run("almanac-normalize --date soon")
    #expect(r.status == 64)
    #expect(r.stderr.contains("--date"))
  }

  @Test func aTruncatedRecordsFileIsReportedAndKept() async throws {
    let dir = TempDirectory("truncated")
    _ = try await DemoCache.shared.copy(to: "\(dir.path)")
    let path = dir.file("records/pypistats/2026-11-21.csv")
    let text = try #require(dir.read("records/pypistats/2026-11-21.csv"))
    let cut = String(text.prefix(text.count / 2))
    try dir.write("records/pypistats/2026-11-21.csv", cut)
    let r = try await Shell.run("almanac aggregate --rebuild --date 2026-11-22 --stats-dir '\(dir.path)'")
    #expect(r.status == 1)
    #expect(r.stderr.contains("error: \(path):"))
    #expect(r.stderr.contains("git checkout -- \(path)"))
    #expect(dir.read("records/pypistats/2026-11-21.csv") == cut)
  }

  @Test func aHandEditedSeriesIsNeverOverwrittenSilently() async throws {
    let dir = TempDirectory("edited")
    _ = try await DemoCache.shared.copy(to: "\(dir.path)")
    let series = try #require(dir.read("series/pypistats/tidewater.csv"))
    let edited = series.replacingOccurrences(of: ",2403,2026-11-22\n", with: ",lots,2026-11-22\n")
    try dir.write("series/pypistats/tidewater.csv", edited)
    let r = try await Shell.run("almanac aggregate --date 2026-11-22 --stats-dir '\(dir.path)'")
    #expect(r.status == 1)
    #expect(r.stderr.contains("downloads must be a non-negative integer, found `lots`"))
    #expect(dir.read("series/pypistats/tidewater.csv") == edited)
  }
}

extension PyPIStatsData {
  static func sample() -> PyPIStatsData {
    PyPIStatsData(
      package: "tidewater", days: (11...20).map { .init("2026-11-\($0)", withMirrors: 120 + $0, withoutMirrors: 100 + $0) },
      system: (11...20).map { .init("2026-11-\($0)", "Linux", 100 + $0) })
  }
}

enum ConfigSamples {
  static let full = """
    version: 1
    stats_dir: stats
    targets:
      packages: [tidewater, Other_Package]
      repos: [octo/tidewater]
    sources:
      pypistats:
        enabled: true
        request_interval: 2.5
      github:
        enabled: false
    tokens:
      github: ALMANAC_GITHUB_TOKEN
    classification:
      mirrors: [bandersnatch, z3c.pypimirror, Artifactory, devpi]
    http:
      timeout: 30
      attempts: 4
      deadline: 600
      max_retry_wait: 120
    render:
      badges: true
      report: true
      label_color: grey
    retention:
      raw_days: 30

    """
}

@Suite(.serialized) struct NightlyOverHTTP {
  @Test func aFailingEndpointSavesTheRestAndExitsPartial() async throws {
    let server = try FakeAPIServer()
    server.servePyPIStats(PyPIStatsData(package: "tidewater", days: [.init("2026-11-20", withMirrors: 12, withoutMirrors: 10)]))
    server.route("/api/packages/tidewater/system", .html(503, "<html>503</html>"))
    let dir = TempDirectory("partial")
    try dir.write("almanac.yml", """
      targets: {packages: [tidewater]}
      sources: {pypistats: {base_url: "\(server.baseURL)/api", request_interval: 0}}
      http: {attempts: 1}

      """)
    let r = try await Shell.run("almanac run --date 2026-11-21", cwd: dir.path)
    #expect(r.status == 3, "\(r.stderr)")
    #expect(r.stderr.contains("warning: system for tidewater: pypistats system for tidewater: HTTP 503 from \(server.baseURL)/api/packages/tidewater/system"))
    let raw = try JSONParser.parse(try #require(dir.read("stats/raw/pypistats/2026-11-21.json")))
    #expect(raw["exchanges"]?.arrayValue?.count == 3)
    #expect(raw["failures"]?.arrayValue?.count == 1)
    #expect(dir.read("stats/summary.json") != nil)
    #expect(dir.read("stats/REPORT.md") != nil)
  }

  @Test func aTokenFromTheEnvironmentNeverReachesOutputOrFiles() async throws {
    let token = "pypi-AgEIcHlwaS5vcmcCJDk0Y2ZkZDQ5"
    let server = try FakeAPIServer()
    server.servePyPIStats(.sample())
    // A hostile mirror that reflects the secret everywhere it can.
    server.route("/api/packages/tidewater/system", .html(500, "internal error near \(token)"))
    server.route("/api/packages/tidewater/recent", .json(200, "{\"data\":{\"last_day\":1},\"package\":\"\(token)\",\"type\":\"recent_downloads\"}"))
    let dir = TempDirectory("secret")
    try dir.write("almanac.yml", """
      targets: {packages: [tidewater]}
      sources: {pypistats: {base_url: "\(server.baseURL)/api", request_interval: 0}}
      tokens: {mirror: MIRROR_TOKEN}
      http: {attempts: 1}

      """)
    let r = try await Shell.run("almanac run --date 2026-11-21 --record rec", cwd: dir.path, environment: ["MIRROR_TOKEN": token])
    #expect(r.status == 3)
    #expect(r.stderr.contains("internal error near ***"))
    #expect(!r.stdout.contains(token) && !r.stderr.contains(token))
    for (path, data) in dir.snapshot() {
      #expect(!String(decoding: data, as: UTF8.self).contains(token), "\(path) holds the token")
    }
  }
}

@Suite(.serialized) struct ConfigOnTheCommandLine {
  @Test func aWrongTypeIsReportedWithKeyPathAndLine() async throws {
    let dir = TempDirectory("config")
    try dir.write("almanac.yml", "targets:\n  packages: [tidewater]\nsources:\n  pypistats:\n    package: [a, b]\n")
    let r = try await Shell.run("almanac config check", cwd: dir.path)
    #expect(r.status == 1)
    #expect(r.stderr == "error: almanac.yml:5: sources.pypistats.package: expected a string, found a list\n")
  }

  @Test func runWithoutAConfigSaysHowToStart() async throws {
    let dir = TempDirectory("noconfig")
    let r = try await Shell.run("almanac run", cwd: dir.path)
    #expect(r.status == 1)
    #expect(r.stderr == "error: almanac.yml: no such configuration file. Create one with `almanac config example > almanac.yml` and edit it, or pass --config FILE.\n")
  }

  @Test func theExampleValidatesAgainstTheSchemaToo() async throws {
    let checker = ProcessInfo.processInfo.environment["CHECK_JSONSCHEMA"] ?? "\(Paths.packageRoot)/.venv-tools/bin/check-jsonschema"
    try #require(FileManager.default.isExecutableFile(atPath: checker), "check-jsonschema is missing: run scripts/test")
    let dir = TempDirectory("example")
    let r = try await Shell.run("almanac config example > almanac.yml && '\(checker)' --schemafile '\(Paths.packageRoot)/schemas/almanac.config.schema.json' almanac.yml", cwd: dir.path)
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
  }
}

@Suite(.serialized) struct UnderGitHubActions {
  @Test func secretsAreMaskedAndWarningsBecomeAnnotations() async throws {
    let token = "ghp_maskme0123456789"
    let server = try FakeAPIServer()
    server.servePyPIStats(.sample())
    server.route("/api/packages/tidewater/system", .html(503, "<html>down</html>"))
    let dir = TempDirectory("actions")
    try dir.write("almanac.yml", """
      targets: {packages: [tidewater]}
      sources: {pypistats: {base_url: "\(server.baseURL)/api", request_interval: 0}}
      tokens: {github: GH_TOKEN}
      http: {attempts: 1}

      """)
    let r = try await Shell.run("almanac run --date 2026-11-21", cwd: dir.path, environment: ["GITHUB_ACTIONS": "true", "GH_TOKEN": token])
    #expect(r.status == 3)
    #expect(r.stdout.isEmpty)
    let lines = r.stderr.split(separator: "\n").map(String.init)
    #expect(lines.first == "::add-mask::\(token)")
    #expect(lines.contains { $0.hasPrefix("::warning title=almanac warning::pypistats: system for tidewater: pypistats system for tidewater: HTTP 503") })
  }
}

@Suite(.serialized) struct MissingInputs {
  @Test func normalizingADayWithoutARawSnapshotSaysWhatToFetch() async throws {
    let dir = TempDirectory("lost")
    _ = try await DemoCache.shared.copy(to: "\(dir.path)")
    try FileManager.default.removeItem(atPath: dir.file("raw/pypistats/2026-11-21.json.delta"))
    let r = try await Shell.run("almanac normalize --date 2026-11-21 --stats-dir '\(dir.path)'")
    #expect(r.status == 1)
    #expect(r.stderr == "error: \(dir.path)/raw/pypistats/2026-11-21.json: no raw snapshot for 2026-11-21. Fetch it first: `almanac fetch pypistats --date 2026-11-21` (or pick a date that has one: 2026-05-26, 2026-11-20, 2026-11-22)\n")
    // The records already derived from it are still there, and a rebuild uses them.
    let rebuild = try await Shell.run("almanac aggregate --rebuild --date 2026-11-22 --stats-dir '\(dir.path)' --quiet")
    #expect(rebuild.status == 0, "\(rebuild.stderr)")
  }
}

@Suite(.serialized) struct WhenEverythingFails {
  @Test func aNightWhereNoSourceAnswersExitsOneAndKeepsTheStore() async throws {
    let server = try FakeAPIServer()
    server.fallback { _ in .html(503, "<html>maintenance</html>") }
    let dir = TempDirectory("allfail")
    _ = try await DemoCache.shared.copy(to: "\(dir.path)/stats")
    let before = try #require(dir.read("stats/series/pypistats/tidewater.csv"))
    try dir.write("almanac.yml", """
      targets: {packages: [tidewater]}
      sources: {pypistats: {base_url: "\(server.baseURL)/api", request_interval: 0}}
      http: {attempts: 1}

      """)
    let r = try await Shell.run("almanac run --date 2026-11-23", cwd: dir.path)
    #expect(r.status == 1, "\(r.stderr)")
    #expect(r.stderr.contains("error: every source failed (pypistats)"))
    #expect(dir.read("stats/series/pypistats/tidewater.csv") == before)
    #expect(dir.read("stats/raw/pypistats/2026-11-23.json") == nil)
  }
}
