import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// Issue 9 point 5: a 200 whose body is not the source's answer (HTML, `{"error": …}`, empty,
/// truncated JSON, `data: null`) is a failure for pypistats.org, GitHub (REST and GraphQL) and
/// ClickHouse alike: listed in `failures`, the earlier good answer of the same day kept (records
/// and series unchanged), the night partial. Each source is fed every shape through its
/// loopback fake.
enum BadBody: String, CaseIterable, CustomTestStringConvertible, Sendable {
  case html, errorObject, empty, truncated, dataNull

  var testDescription: String { rawValue }

  /// The shape as a 200 for an endpoint whose answer starts with `prefix` (so the cut body is
  /// cut inside a real-looking answer).
  func response(truncating prefix: String) -> FakeResponse {
    switch self {
    case .html: .html(200, "<html><body>Server Error. Please try again in 30 seconds.</body></html>")
    case .errorObject: .json(200, #"{"error":"Internal error, try again later"}"#)
    case .empty: .json(200, "")
    case .truncated: .json(200, prefix)
    case .dataNull: .json(200, #"{"data":null}"#)
    }
  }
}

/// The stage outputs a bad answer must leave as they were.
func storeFiles(_ dir: TempDirectory, under folders: [String]) -> [String: String] {
  var out: [String: String] = [:]
  for folder in folders {
    let root = dir.file("stats/\(folder)")
    guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
    for case let name as String in walker where name.hasSuffix(".csv") || name.hasSuffix(".json") {
      out["\(folder)/\(name)"] = dir.read("stats/\(folder)/\(name)")
    }
  }
  return out
}

@Suite struct PyPIStatsBadBodies {
  static func config(_ server: FakeAPIServer) -> Config {
    var config = Config()
    var s = Config.PyPIStatsSource()
    s.packages = [PackageName("tidewater")!]
    s.baseURL = server.baseURL + "/api"
    s.requestInterval = 0
    config.pypistats = s
    return config
  }

  static func night(_ dir: TempDirectory, _ server: FakeAPIServer) async throws -> SourceResult {
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: Day("2026-11-21")!)
    return try await PyPIStatsNightly().night(Night(config: config(server), client: client(attempts: 1), stages: stages))
  }

  @Test(arguments: BadBody.allCases, ["overall", "python_minor", "recent"])
  func aBadBodyIsAFailureAndTheEarlierAnswerStays(_ bad: BadBody, _ endpoint: String) async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.servePyPIStats(.sample())
    let dir = TempDirectory("pypistats-bad")
    #expect(try await Self.night(dir, server).status == .complete)
    let before = storeFiles(dir, under: ["records", "series", "classified"])
    let summary = dir.read("stats/download_summary.json")
    #expect(before.keys.contains("series/pypistats/tidewater.csv"))

    server.enqueue("/api/packages/tidewater/\(endpoint)", [bad.response(truncating: #"{"data":[{"category":"with_mirrors","date":"2026-11-"#)])
    let result = try await Self.night(dir, server)
    #expect(result.status == .partial)
    #expect(storeFiles(dir, under: ["records", "series", "classified"]) == before)
    #expect(dir.read("stats/download_summary.json") == summary)
    // The raw snapshot still holds the first run's answer for the endpoint.
    let raw = try RawSnapshot.decode(try #require(dir.read("stats/raw/pypistats/2026-11-21.json")), path: "raw")
    #expect(raw.exchanges.contains { $0.endpoint == endpoint && $0.status == 200 })
  }

  @Test(arguments: BadBody.allCases)
  func aFirstNightListsTheBadBodyAsAFailure(_ bad: BadBody) async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.servePyPIStats(.sample())
    server.enqueue("/api/packages/tidewater/system", [bad.response(truncating: #"{"data":[{"category":"Linux","#)])
    let dir = TempDirectory("pypistats-bad-first")
    #expect(try await Self.night(dir, server).status == .partial)
    let raw = try RawSnapshot.decode(try #require(dir.read("stats/raw/pypistats/2026-11-21.json")), path: "raw")
    #expect(raw.exchanges.map(\.endpoint) == ["recent", "overall", "python_minor"])
    let failure = try #require(raw.failures.first)
    #expect(failure.endpoint == "system")
    #expect(failure.message.contains("HTTP 200 from \(server.baseURL)/api/packages/tidewater/system with a body that is not pypistats.org's answer"))
  }
}

@Suite struct GitHubBadBodies {
  static let token = "ghp_badbody_token_1"

  static func config(_ server: FakeAPIServer, stars: String = "list") -> Config {
    var config = Config()
    var github = Config.GitHubSource()
    github.repos = ["o/r"]
    github.baseURL = server.baseURL
    github.stars = stars
    config.github = github
    return config
  }

  static func night(_ dir: TempDirectory, _ server: FakeAPIServer, stars: String) async throws -> SourceResult {
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: ghDay)
    let night = Night(config: config(server, stars: stars), client: client(attempts: 1), stages: stages)
    return try await GitHubNightly(environment: ["ALMANAC_GITHUB_TOKEN": token]).night(night)
  }

  struct Case: CustomTestStringConvertible, Sendable {
    var path: String
    var stars = "list"
    var prefix: String
    var testDescription: String { "\(path) (stars: \(stars))" }
  }

  static let cases: [Case] = [
    Case(path: "/repos/o/r", prefix: #"{"id":1,"full_name":"o/r","stargazers_count":"#),
    Case(path: "/repos/o/r/traffic/views", prefix: #"{"count":18,"uniques":8,"views":[{"timestamp":"2026-11-10T00:00:00Z","#),
    Case(path: "/repos/o/r/traffic/popular/referrers", prefix: #"[{"referrer":"Google","count":4,"#),
    Case(path: "/repos/o/r/stargazers", prefix: #"[{"starred_at":"2026-01-01T10:00:00Z","user":{"#),
    Case(path: "/repos/o/r/releases", prefix: #"[{"tag_name":"v1.0","#),
    Case(path: "/graphql", stars: "graphql", prefix: #"{"data":{"repository":{"stargazers":{"#),
  ]

  @Test(arguments: BadBody.allCases, cases)
  func aBadBodyIsAFailureAndTheEarlierAnswerStays(_ bad: BadBody, _ c: Case) async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    var repo = sampleRepo(stars: 7)
    repo.releasesJSON = #"[{"tag_name":"v1.0","name":"One","draft":false,"prerelease":false,"published_at":"2026-10-01T10:00:00Z","assets":[{"name":"t.whl","download_count":12}]}]"#
    server.serveGitHub([repo])
    let dir = TempDirectory("github-bad")
    #expect(try await Self.night(dir, server, stars: c.stars).status == .complete)
    let before = storeFiles(dir, under: ["series"])
    #expect(before.keys.contains("series/github/o/r/stargazers.csv"))

    // The stored ETags would make the re-run's list pages 304s; a cleared state asks again.
    try FileManager.default.removeItem(atPath: dir.file("stats/state/github.json"))
    server.enqueue(c.path, [bad.response(truncating: c.prefix)])
    let result = try await Self.night(dir, server, stars: c.stars)
    #expect(result.status == .partial)
    #expect(storeFiles(dir, under: ["series"]) == before)
    let raw = try RawSnapshot.decode(try #require(dir.read("stats/raw/github/\(ghDay).json")), path: "raw")
    let failure = try #require(raw.failures.first)
    #expect(failure.message.contains("HTTP 200 from \(server.baseURL)\(c.path)") || failure.message.contains("not JSON") || failure.message.contains("expected"), "\(failure.message)")
    // The answer is not a file of the store: no `git checkout` of a request's name.
    #expect(!failure.message.contains("git checkout"), "\(failure.message)")
    #expect(!raw.exchanges.contains { $0.body.contains("Server Error") || $0.body.contains("Internal error") })
  }
}

@Suite struct ClickHouseBadBodies {
  /// The per-day query for most shapes; `total` (one row always) for the empty body, since a
  /// `GROUP BY` query may rightly answer no rows.
  @Test(arguments: BadBody.allCases)
  func aBadBodyIsAFailureAndTheEarlierAnswerStays(_ bad: BadBody) async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let clickpy = ClickPyStandIn(on: server)
    let dir = TempDirectory("clickhouse-bad")
    #expect(try await clickpy.pypiNight(dir, lookbackDays: 5).result.status == .complete)
    let before = storeFiles(dir, under: ["records", "series", "classified"])
    #expect(before.keys.contains("series/pypi/tidewater.csv"))

    let marker = bad == .empty ? "pypi.pypi_downloads WHERE" : "pypi_downloads_per_day WHERE project = 'tidewater'"
    clickpy.fail(marker, with: bad.response(truncating: #"{"date":"2026-11-16","downloads":"7"}"# + "\n" + #"{"date":"2026-11-"#))
    let result = try await clickpy.pypiNight(dir, lookbackDays: 5).result
    #expect(result.status == .partial)
    #expect(storeFiles(dir, under: ["records", "series", "classified"]) == before)
    let raw = try RawSnapshot.decode(try #require(dir.read("stats/raw/pypi/2026-11-21.json")), path: "raw")
    let failure = try #require(raw.failures.first)
    #expect(failure.endpoint == (bad == .empty ? "total" : "per_day"))
    #expect(failure.message.hasPrefix("ClickHouse query for pypi"), "\(failure.message)")
  }

  /// The same shapes from the events data set: `by_type` for most, the one-row `stargazers`
  /// count for the empty body.
  @Test(arguments: BadBody.allCases)
  func aBadGitHubEventsBodyIsAFailureAndTheEarlierAnswerStays(_ bad: BadBody) async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let clickpy = ClickPyStandIn(on: server)
    let dir = TempDirectory("events-bad")
    #expect(try await clickpy.githubEventsNight(dir, lookbackDays: 5).status == .complete)
    let before = storeFiles(dir, under: ["records"])
    #expect(before["records/github-events/2026-11-21.csv"]?.contains(",stargazers,all_time,42") == true)

    clickpy.fail(bad == .empty ? "AS stargazers" : "event_type, count() AS events", with: bad.response(truncating: #"{"date":"2026-11-16","event_type":"Wat"#))
    #expect(try await clickpy.githubEventsNight(dir, lookbackDays: 5).status == .partial)
    #expect(storeFiles(dir, under: ["records"]) == before)
    let raw = try RawSnapshot.decode(try #require(dir.read("stats/raw/github-events/2026-11-21.json")), path: "raw")
    #expect(raw.failures.map(\.endpoint) == [bad == .empty ? "stargazers" : "by_type"])
  }
}
