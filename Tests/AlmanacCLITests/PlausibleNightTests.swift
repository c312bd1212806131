import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// The plausible source against the loopback Plausible fake (api-notes §4): a backfill bounded
/// by the site's first visitor, incremental nights that re-ask the two newest days, revisions,
/// bad 200 bodies kept out, every error shape, the hourly budget, the key's origin, and a
/// rebuild from raw that gives the same bytes.
@Suite struct PlausibleNights {
  static let site = "docs.tidewater.dev"
  static let key = "plausible-test-key-0123456789"
  static let created = Day("2026-10-10")!

  /// Weekday rhythm from the site's creation; a few pages and countries per day.
  static func data(through last: Day, bump: Int = 0) -> [Day: PlausibleFakeDay] {
    var out: [Day: PlausibleFakeDay] = [:]
    for (i, d) in (created...last).days.enumerated() {
      let visitors = 20 + (i * 7) % 13 + (d.isoWeekday >= 6 ? -10 : 0) + (d == last ? bump : 0)
      out[d] = PlausibleFakeDay(
        visitors: visitors, visits: visitors + 3, pageviews: visitors * 3, visitDuration: Double(40 + i % 9), bounceRate: Double(50 + i % 7),
        pages: ["/": (visitors, visitors + 2, 12), "/install": (visitors / 2, visitors / 2, 30), "/api/<b>": (1, 1, 5)],
        countries: ["US": visitors / 2, "DE": visitors / 4, "FR": visitors - visitors / 2 - visitors / 4])
    }
    return out
  }

  static func serve(_ server: FakeAPIServer, through: Day, bump: Int = 0) {
    let fake = PlausibleFake(sites: [site: data(through: through, bump: bump)], keys: [key: [site]])
    server.route("*", "/api/*") { fake.respond(to: $0) }
  }

  static func config(_ server: FakeAPIServer, lookback: Int = 60, perHour: Int = 600) -> Config {
    var config = Config()
    var p = Config.PlausibleSource()
    p.sites = [site]
    p.baseURL = server.baseURL
    p.lookbackDays = lookback
    p.requestsPerHour = perHour
    config.plausible = p
    return config
  }

  static func night(_ dir: TempDirectory, _ server: FakeAPIServer, _ day: Day, config: Config? = nil, env: [String: String] = [Self.key: "x"], sleeps: Sleeps = Sleeps(), attempts: Int = 1)
    async throws -> (SourceResult, Stages)
  {
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: day)
    var http = client(attempts: attempts, sleeps: sleeps)
    // A clock that stands still except while the client sleeps (half a minute past noon).
    let clock = TestClock(Date(timeIntervalSince1970: 1_795_176_030))
    http.now = { clock.now }
    http.sleep = { sleeps.sleep($0); clock.advance($0) }
    let night = Night(config: config ?? Self.config(server), client: http, stages: stages)
    let result = try await PlausibleNightly(environment: env == [Self.key: "x"] ? ["PLAUSIBLE_API_KEY": key] : env).night(night)
    return (result, stages)
  }

  @Test func aBackfillStartsAtTheFirstVisitorAndALaterNightReasksTheNewestTwoDays() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let dir = TempDirectory("plausible-nights")
    let first = Day("2026-11-20")!
    Self.serve(server, through: first)
    let (r1, _) = try await Self.night(dir, server, first)
    #expect(r1.status == .complete)
    let series = try #require(dir.read("stats/series/plausible/\(Self.site).csv"))
    // Asked from 60 days back, recorded from the site's first visitor (no invented zeros).
    #expect(!series.contains("2026-10-09"))
    #expect(series.contains("2026-10-10,site,visitors,"))
    #expect(series.contains("site,visit_duration_ms,2026-10-10,40000,2026-11-20") || series.contains("2026-10-10,site,visit_duration_ms,40000,2026-11-20"))
    #expect(series.contains("page_visitors,/install,"))
    #expect(series.contains("country_visitors,DE,"))
    let days = first - Self.created + 1
    // One timeseries, then per day with visitors its pages and one page of countries.
    #expect(server.requests.count == 1 + 2 * days)
    #expect(server.requests.allSatisfy { $0.header("authorization") == "Bearer \(Self.key)" })
    let raw = try #require(dir.read("stats/raw/plausible/2026-11-20.json"))
    #expect(!raw.contains(Self.key))

    // The next night asks 2026-11-19 to 2026-11-21 and revises the newest day of the first.
    var base = server.requests.count
    Self.serve(server, through: first.adding(days: 1))
    let before = try #require(dir.read("stats/series/plausible/\(Self.site).csv"))
    let (r2, stages2) = try await Self.night(dir, server, first.adding(days: 1))
    #expect(r2.status == .complete)
    let second = server.requests.dropFirst(base)
    let timeseries = try #require(second.first { $0.path == "/api/v1/stats/timeseries" })
    #expect(timeseries.query("date") == "2026-11-19,2026-11-21")
    #expect(second.count == 1 + 2 * 3)
    let after = try #require(dir.read("stats/series/plausible/\(Self.site).csv"))
    #expect(after != before)
    #expect(after.contains("2026-11-21,site,visitors,"))
    #expect(stages2.written.all.contains { $0.hasSuffix("records/plausible/2026-11-21.csv") })

    // The same night again changes no file.
    base = server.requests.count
    Self.serve(server, through: first.adding(days: 1))
    let (r3, stages3) = try await Self.night(dir, server, first.adding(days: 1))
    #expect(r3.status == .complete)
    #expect(stages3.written.all.isEmpty, "\(stages3.written.all)")
    #expect(server.requests.count - base == 1 + 2 * 3)
  }

  @Test func aRevisedDayIsUpdatedWithItsSnapshot() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let dir = TempDirectory("plausible-revision")
    let first = Day("2026-11-20")!
    Self.serve(server, through: first)
    _ = try await Self.night(dir, server, first, config: Self.config(server, lookback: 5))
    let visitors = try #require(PlausibleNights.data(through: first)[first]?.visitors)
    #expect(dir.read("stats/series/plausible/\(Self.site).csv")?.contains("2026-11-20,site,visitors,\(visitors),2026-11-20") == true)
    // Plausible counted more of 2026-11-20 by the next night.
    var later = Self.data(through: first.adding(days: 1))
    later[first]?.visitors += 17
    let fake = PlausibleFake(sites: [Self.site: later], keys: [Self.key: [Self.site]])
    server.route("*", "/api/*") { fake.respond(to: $0) }
    _ = try await Self.night(dir, server, first.adding(days: 1), config: Self.config(server, lookback: 5))
    #expect(dir.read("stats/series/plausible/\(Self.site).csv")?.contains("2026-11-20,site,visitors,\(visitors + 17),2026-11-21") == true)
  }

  /// Fault 42–45 and the bad-200 shapes: each is a failure, the night is partial, and the
  /// earlier answer of the same day stays (its records do not change).
  @Test(arguments: [
    FakeResponse.html(200, "<html><body>Bad gateway</body></html>"),
    FakeResponse.json(200, #"{"error":"Internal error"}"#),
    FakeResponse.json(200, ""),
    FakeResponse.json(200, #"{"results":[{"date":"2026-11-19","visitors":3"#),
    FakeResponse.json(200, #"{"results":null}"#),
    FakeResponse.html(502, "<html><body>502 Bad Gateway</body></html>"),
  ])
  func aBadAnswerIsAFailureAndKeepsTheEarlierOne(_ bad: FakeResponse) async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let dir = TempDirectory("plausible-bad")
    let day = Day("2026-11-20")!
    Self.serve(server, through: day)
    _ = try await Self.night(dir, server, day, config: Self.config(server, lookback: 3))
    let records = try #require(dir.read("stats/records/plausible/2026-11-20.csv"))
    let series = try #require(dir.read("stats/series/plausible/\(Self.site).csv"))
    server.enqueue("/api/v1/stats/timeseries", [bad])
    let (result, _) = try await Self.night(dir, server, day, config: Self.config(server, lookback: 3))
    #expect(result.status == .partial)
    let raw = try #require(dir.read("stats/raw/plausible/2026-11-20.json"))
    #expect(raw.contains("\"failures\": [\n") || raw.contains("\"failures\":[{"))
    #expect(dir.read("stats/records/plausible/2026-11-20.csv") == records)
    #expect(dir.read("stats/series/plausible/\(Self.site).csv") == series)
  }

  @Test func aWarningBesideTheResultsIsStillAnAnswer() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let dir = TempDirectory("plausible-warning")
    var fake = PlausibleFake(sites: [Self.site: Self.data(through: Day("2026-11-20")!)], keys: [Self.key: [Self.site]])
    fake.warning = true
    server.route("*", "/api/*") { [fake] in fake.respond(to: $0) }
    let (result, _) = try await Self.night(dir, server, Day("2026-11-20")!, config: Self.config(server, lookback: 2))
    #expect(result.status == .complete)
  }

  @Test func aWrongKeyOrSiteFailsTheNightWithWhatToDo() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    Self.serve(server, through: Day("2026-11-20")!)
    let dir = TempDirectory("plausible-key")
    let (result, _) = try await Self.night(dir, server, Day("2026-11-20")!, env: ["PLAUSIBLE_API_KEY": "wrong-key-1234"])
    #expect(result.status == .failed)
    // The site's remaining requests are not made after a 401.
    #expect(server.requests.count == 1)
    #expect(dir.read("stats/raw/plausible/2026-11-20.json") == nil)
  }

  @Test func noKeyMeansNoRequestAndAMessageNamingTheVariable() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    Self.serve(server, through: Day("2026-11-20")!)
    let dir = TempDirectory("plausible-nokey")
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: Day("2026-11-20")!)
    let snapshot = try await PlausibleNightly(environment: [:]).fetch(Night(config: Self.config(server), client: client(attempts: 1), stages: stages))
    #expect(server.requests.isEmpty)
    #expect(snapshot.failures.first?.message.contains("PLAUSIBLE_API_KEY") == true)
  }

  /// Every §4.2 error body through the fetch: the failure says what it means.
  @Test(arguments: [
    (401, "Missing API key. Please use a valid Plausible API key as a Bearer Token.", "no API key was sent"),
    (401, "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested.", "sources.plausible.sites"),
    (400, "Missing site ID. Please provide the required site_id parameter with your request.", "bug in Almanac"),
    (402, "The account that owns this API key does not have access to Stats API. Please make sure you're using the API key of a subscriber account and that the subscription plan includes Stats API", "no Stats API access"),
    (402, "This Plausible site is locked due to missing active subscription. In order to access it, the site owner should subscribe to a suitable plan", "plan or subscription"),
    (400, "Please provide limit as a number between 1 and 1000.", "Plausible refused the query"),
  ])
  func everyErrorBodyIsExplained(_ status: Int, _ text: String, _ meaning: String) async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.route("*", "/api/*", .json(status, CanonicalJSON.encode(.object(["error": .string(text)]))))
    let dir = TempDirectory("plausible-errors")
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: Day("2026-11-20")!)
    let snapshot = try await PlausibleNightly(environment: ["PLAUSIBLE_API_KEY": Self.key]).fetch(Night(config: Self.config(server), client: client(attempts: 1), stages: stages))
    let message = try #require(snapshot.failures.first?.message)
    #expect(message.contains(meaning), "\(message)")
    #expect(message.contains("HTTP \(status)"))
    #expect(snapshot.exchanges.isEmpty)
  }

  /// A 429 (no Retry-After, no rate headers) waits for the next clock hour when that is within
  /// http.max_retry_wait; past it the night is partial and nothing more is asked.
  @Test func aRateLimitPastTheMaxWaitEndsThePartialNight() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    Self.serve(server, through: Day("2026-11-20")!)
    let limited = FakeResponse.json(429, #"{"error":"Too many API requests. Your API key is limited to 600 requests per hour. Please contact us to request more capacity."}"#)
    server.enqueue("/api/v1/stats/breakdown", [.json(#"{"results":[{"page":"/","visitors":3,"pageviews":4,"time_on_page":2.0}]}"#), limited, limited, limited])
    let dir = TempDirectory("plausible-429")
    let sleeps = Sleeps()
    let (result, _) = try await Self.night(dir, server, Day("2026-11-20")!, config: Self.config(server, lookback: 5), sleeps: sleeps, attempts: 3)
    #expect(result.status == .partial)
    // The timeseries, a page breakdown, then the 429: the wait to the next clock hour (the
    // test clock stands at 12:00:30) is past the client's max wait of 60 s; nothing after it.
    #expect(server.requests.count == 3)
    let raw = try #require(dir.read("stats/raw/plausible/2026-11-20.json"))
    #expect(raw.contains("HTTP 429"))
    #expect(raw.contains("more than http.max_retry_wait"))
  }

  /// The key's hourly budget: past it, requests wait for tokens (recorded, not slept).
  @Test func theTokenBucketSpacesRequestsToTheHourlyBudget() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    Self.serve(server, through: Day("2026-11-20")!)
    let dir = TempDirectory("plausible-bucket")
    let sleeps = Sleeps()
    // 3 days with visitors: 1 + 3 × 2 = 7 requests under a budget of 4 an hour.
    let (result, _) = try await Self.night(dir, server, Day("2026-11-20")!, config: Self.config(server, lookback: 3, perHour: 4), sleeps: sleeps)
    #expect(result.status == .complete)
    #expect(server.requests.count == 7)
    // Four go at once, then one every 900 s (the test clock moves only when the client sleeps).
    #expect(sleeps.all.map { $0.rounded() } == [900, 900, 900], "\(sleeps.all)")
  }

  @Test func rebuildingTheSeriesFromRawGivesTheSameBytes() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let dir = TempDirectory("plausible-rebuild")
    var day = Day("2026-11-18")!
    for i in 0..<3 {
      Self.serve(server, through: day, bump: i * 5)
      _ = try await Self.night(dir, server, day, config: Self.config(server, lookback: 20))
      day = day.adding(days: 1 + i)
    }
    let path = "stats/series/plausible/\(Self.site).csv"
    let incremental = try #require(dir.read(path))
    try FileManager.default.removeItem(atPath: dir.file("stats/series"))
    try FileManager.default.removeItem(atPath: dir.file("stats/records"))
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: day)
    for d in stages.store.snapshotDays("raw", Plausible.source) {
      let raw = try #require(try stages.store.readRaw(Plausible.source, d))
      try PlausibleNightly().writeRecords(raw, stages: stages)
    }
    try PlausibleNightly().aggregate(stages, config: nil, rebuild: true)
    #expect(dir.read(path) == incremental)
  }
}

final class TestClock: @unchecked Sendable {
  private let lock = NSLock()
  private var time: Date
  init(_ start: Date) { time = start }
  var now: Date { lock.withLock { time } }
  func advance(_ seconds: Double) { lock.withLock { time = time.addingTimeInterval(seconds) } }
}
