import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// The sentry source against the loopback Sentry fake (api-notes §6): the project list paged by
/// cursor (never by the URL the Link header names), error events by outcome per day, a backfill
/// bounded by the first event, re-runs, bad bodies, every DRF error and the rate-limit reset.
@Suite struct SentryNights {
  static let token = "sntrys_test_token_0123456789abcdef"
  static let first = Day("2026-11-01")!

  static func days(through last: Day, bump: Int = 0) -> [Day: [String: Int]] {
    var out: [Day: [String: Int]] = [:]
    for (i, d) in (first...last).days.enumerated() {
      out[d] = ["accepted": 30 + (i * 7) % 11 + (d == last ? bump : 0), "filtered": i % 3, "rate_limited": d == Day("2026-11-10")! ? 500 : 0]
    }
    return out
  }

  static func serve(_ server: FakeAPIServer, through: Day, bump: Int = 0, linkBase: String? = nil, scoped: Bool = true) {
    let fake = SentryFake(
      org: "acme", projects: ["web": ("11", days(through: through, bump: bump)), "api": ("12", [:]), "cli": ("13", [:])],
      tokens: [token: scoped], baseURL: linkBase ?? server.baseURL)
    server.route("*", "/api/*") { fake.respond(to: $0) }
  }

  static func config(_ server: FakeAPIServer, projects: [String] = ["web"], lookback: Int = 40) -> Config {
    var config = Config()
    var s = Config.SentrySource()
    s.org = "acme"
    s.projects = projects
    s.baseURL = server.baseURL
    s.lookbackDays = lookback
    config.sentry = s
    return config
  }

  static func night(_ dir: TempDirectory, _ server: FakeAPIServer, _ day: Day, config: Config? = nil, token: String? = Self.token, sleeps: Sleeps = Sleeps(), attempts: Int = 1) async throws -> (SourceResult, Stages) {
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: day)
    var http = client(attempts: attempts, sleeps: sleeps)
    let clock = TestClock(Date(timeIntervalSince1970: 1_899_999_990))
    http.now = { clock.now }
    http.sleep = { sleeps.sleep($0); clock.advance($0) }
    let result = try await SentryNightly(environment: token.map { ["SENTRY_AUTH_TOKEN": $0] } ?? [:]).night(Night(config: config ?? Self.config(server), client: http, stages: stages))
    return (result, stages)
  }

  @Test func nightsKeepErrorEventsByOutcomeFromTheFirstEventAndAReRunChangesNothing() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let dir = TempDirectory("sentry-nights")
    let day = Day("2026-11-20")!
    Self.serve(server, through: day)
    let (r1, _) = try await Self.night(dir, server, day)
    #expect(r1.status == .complete)
    let series = try #require(dir.read("stats/series/sentry/web.csv"))
    #expect(!series.contains("2026-10-31"))
    #expect(series.contains("web,sentry,2026-11-01,error_events,accepted,30,2026-11-20"))
    #expect(series.contains("web,sentry,2026-11-10,error_events,rate_limited,500,2026-11-20"))
    // Two pages of projects (three projects, two a page), then the stats, issue counts and
    // sessions of `web`.
    #expect(server.requests.map(\.path) == [
      "/api/0/organizations/acme/projects/", "/api/0/organizations/acme/projects/", "/api/0/organizations/acme/stats_v2/",
      "/api/0/organizations/acme/issues-metrics/", "/api/0/organizations/acme/sessions/",
    ])
    #expect(server.requests[1].query("cursor") == "0:2:0")
    #expect(server.requests.allSatisfy { $0.header("authorization") == "Bearer \(Self.token)" })
    #expect(server.requests[2].query("project") == "11")
    #expect(server.requests[2].query("start") == "2026-10-12T00:00:00Z")

    // The next night asks from the day before the newest held; a re-run asks the same.
    Self.serve(server, through: day.adding(days: 1), bump: 9)
    var base = server.requests.count
    let (r2, _) = try await Self.night(dir, server, day.adding(days: 1))
    #expect(r2.status == .complete)
    #expect(server.requests.last?.query("start") == "2026-11-19T00:00:00Z")
    #expect(server.requests.last?.query("end") == "2026-11-22T00:00:00Z")
    #expect(dir.read("stats/series/sentry/web.csv")?.contains("web,sentry,2026-11-21,error_events,accepted,") == true)
    base = server.requests.count
    let (r3, stages3) = try await Self.night(dir, server, day.adding(days: 1))
    #expect(r3.status == .complete)
    #expect(stages3.written.all.isEmpty, "\(stages3.written.all)")
    #expect(server.requests.dropFirst(base).last?.query("start") == "2026-11-19T00:00:00Z")
  }

  /// A Link header naming another host is not followed: the next page is built from its cursor
  /// on the configured base URL, so the token never leaves it.
  @Test func theProjectListsNextPageIsBuiltOnTheConfiguredHost() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    Self.serve(server, through: Day("2026-11-20")!, linkBase: "https://collector.evil.invalid")
    let dir = TempDirectory("sentry-link")
    let (result, _) = try await Self.night(dir, server, Day("2026-11-20")!)
    #expect(result.status == .complete)
    #expect(server.requests.count == 5)
    #expect(!(dir.read("stats/raw/sentry/2026-11-20.json") ?? "").contains(Self.token))
  }

  @Test(arguments: [
    FakeResponse.html(200, "<html>maintenance</html>"), FakeResponse.json(200, #"{"detail":"Internal Error"}"#), FakeResponse.json(200, ""),
    FakeResponse.json(200, #"{"intervals":["2026-11-19T00:00:00Z"],"groups":[{"by":{"outcome":"accepted"},"totals":{}}]}"#),
    FakeResponse.json(200, #"{"intervals":["2026-11-19T00:00:00Z","2026-11-20T00:00:00Z"],"groups":[{"by":{"outcome":"accepted"},"series":{"sum(quantity)":[1]}}]}"#),
    FakeResponse.json(200, #"{"intervals":["2026-11-19T00:00"#),
  ])
  func aBadStatsAnswerIsAFailureAndKeepsTheEarlierOne(_ bad: FakeResponse) async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let dir = TempDirectory("sentry-bad")
    let day = Day("2026-11-20")!
    Self.serve(server, through: day)
    _ = try await Self.night(dir, server, day)
    func events() -> [Substring] { (dir.read("stats/records/sentry/2026-11-20.csv") ?? "").split(separator: "\n").filter { $0.contains(",error_events,") } }
    let records = events()
    #expect(!records.isEmpty)
    server.enqueue("/api/0/organizations/acme/stats_v2/", [bad])
    let (result, _) = try await Self.night(dir, server, day)
    #expect(result.status == .partial)
    #expect(events() == records)
    #expect(dir.read("stats/raw/sentry/2026-11-20.json")?.contains("the earlier answer, if any, is kept") == true)
  }

  @Test func aWrongTokenAMissingScopeAndAnUnknownOrgSayWhatToDo() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let dir = TempDirectory("sentry-auth")
    Self.serve(server, through: Day("2026-11-20")!)
    let wrong = try await Self.night(dir, server, Day("2026-11-20")!, token: "sntrys_wrong_0000")
    #expect(wrong.0.status == .failed)
    Self.serve(server, through: Day("2026-11-20")!, scoped: false)
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: Day("2026-11-20")!)
    let snapshot = try await SentryNightly(environment: ["SENTRY_AUTH_TOKEN": Self.token]).fetch(Night(config: Self.config(server), client: client(attempts: 1), stages: stages))
    #expect(snapshot.failures.contains { $0.message.contains("HTTP 403") && $0.message.contains("org:read") })
    var config = Self.config(server)
    config.sentry?.org = "acme-typo"
    let missing = try await SentryNightly(environment: ["SENTRY_AUTH_TOKEN": Self.token]).fetch(Night(config: config, client: client(attempts: 1), stages: stages))
    #expect(missing.failures.contains { $0.message.contains("HTTP 404") && $0.message.contains("sources.sentry.org") })
    let none = try await SentryNightly(environment: [:]).fetch(Night(config: Self.config(server), client: client(attempts: 1), stages: stages))
    #expect(none.failures.first?.message.contains("SENTRY_AUTH_TOKEN") == true)
  }

  @Test func anUnknownProjectIsNamedWithTheOnesTheTokenSees() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    Self.serve(server, through: Day("2026-11-20")!)
    let dir = TempDirectory("sentry-unknown")
    let (result, _) = try await Self.night(dir, server, Day("2026-11-20")!, config: Self.config(server, projects: ["web", "mobile"]))
    #expect(result.status == .partial)
    #expect(dir.read("stats/raw/sentry/2026-11-20.json")?.contains("no project `mobile` in organisation `acme` for this token (it sees: api, cli, web)") == true)
  }

  /// A 429 waits for `X-Sentry-Rate-Limit-Reset` (10 s ahead of the test clock), then goes on.
  @Test func aRateLimitWaitsForTheReset() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    Self.serve(server, through: Day("2026-11-20")!)
    server.enqueue("/api/0/organizations/acme/stats_v2/", [
      .json(429, #"{"detail":"You are attempting to use this endpoint too frequently. Limit is 20 requests in 1 seconds"}"#, headers: [("X-Sentry-Rate-Limit-Reset", "1900000000")])
    ])
    let sleeps = Sleeps()
    let dir = TempDirectory("sentry-429")
    let (result, _) = try await Self.night(dir, server, Day("2026-11-20")!, sleeps: sleeps, attempts: 3)
    #expect(result.status == .complete)
    #expect(sleeps.all == [10])
  }

  @Test func rebuildingFromRawGivesTheSameBytes() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let dir = TempDirectory("sentry-rebuild")
    for (i, day) in ["2026-11-18", "2026-11-19", "2026-11-21"].compactMap(Day.init).enumerated() {
      Self.serve(server, through: day, bump: i * 4)
      _ = try await Self.night(dir, server, day)
    }
    let incremental = try #require(dir.read("stats/series/sentry/web.csv"))
    try FileManager.default.removeItem(atPath: dir.file("stats/series"))
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: Day("2026-11-21")!)
    try SentryNightly().aggregate(stages, config: nil, rebuild: true)
    #expect(dir.read("stats/series/sentry/web.csv") == incremental)
  }
}
