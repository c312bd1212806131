import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// `api: v2` against the loopback fake's `POST /api/v2/query`: the same records and series as a
/// v1 night on the same data, byte for byte; a rebuild from v2 raw gives the same bytes; the
/// key goes only as the bearer to the configured origin; v2's errors are failures with their
/// meaning.
@Suite struct PlausibleV2Nights {
  static func config(_ server: FakeAPIServer, _ api: Plausible.API, lookback: Int = 60) -> Config {
    var config = PlausibleNights.config(server, lookback: lookback)
    config.plausible?.api = api
    return config
  }

  /// Three nights, one a backfill and one after a skipped day, under one API; the files kept.
  func nights(_ api: Plausible.API) async throws -> (dir: TempDirectory, requests: [FakeRequest]) {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let dir = TempDirectory("plausible-\(api.rawValue)")
    var day = Day("2026-11-18")!
    for i in 0..<3 {
      PlausibleNights.serve(server, through: day, bump: i * 5)
      _ = try await PlausibleNights.night(dir, server, day, config: Self.config(server, api))
      day = day.adding(days: 1 + i)
    }
    return (dir, server.requests)
  }

  static func files(_ dir: TempDirectory, _ kind: String) throws -> [String: String] {
    let root = dir.file("stats/\(kind)/plausible")
    var out: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: root) { out[name] = dir.read("stats/\(kind)/plausible/\(name)") }
    return out
  }

  @Test func v1AndV2NightsOnTheSameDataWriteByteIdenticalRecordsAndSeries() async throws {
    let (v1, v1Requests) = try await nights(.v1)
    let (v2, v2Requests) = try await nights(.v2)
    #expect(v1Requests.allSatisfy { $0.method == "GET" && $0.path.hasPrefix("/api/v1/stats/") })
    #expect(v2Requests.allSatisfy { $0.method == "POST" && $0.path == "/api/v2/query" && $0.header("content-type") == "application/json" })
    // The same questions: one request each for the same timeseries, pages and country pages.
    #expect(v1Requests.count == v2Requests.count)
    let series = try Self.files(v1, "series")
    #expect(series.keys.sorted() == ["\(PlausibleNights.site).csv"])
    #expect(try Self.files(v2, "series") == series)
    #expect(try Self.files(v2, "records") == (try Self.files(v1, "records")))
    // The fake omits v2's empty time buckets; a backfill still starts at the first visitor.
    let csv = try #require(series.first?.value)
    #expect(csv.contains("2026-10-10,site,visitors,") && !csv.contains("2026-10-09"))
    let raw = try #require(v2.read("stats/raw/plausible/2026-11-18.json"))
    #expect(raw.contains("/api/v2/query") && !raw.contains(PlausibleNights.key))
  }

  @Test func apiV2IsReadFromTheConfigAndConfigCheckSaysWhichAPIANightAsks() throws {
    let yaml = "targets:\n  packages: [demo-pkg]\nsources:\n  plausible:\n    sites: [docs.example.org]\n    api: v2\n"
    let config = try ConfigParser.parse(yaml, path: "almanac.yml")
    #expect(config.plausible?.api == .v2)
    let line = try #require(PlausibleNightly().explain(config, environment: [:]).first)
    #expect(line.contains("Stats API v2, POST /api/v2/query; the same records either way"), "\(line)")
    let v1 = try ConfigParser.parse(yaml.replacingOccurrences(of: "    api: v2\n", with: ""), path: "almanac.yml")
    #expect(v1.plausible?.api == .v1)
    #expect(PlausibleNightly().explain(v1, environment: [:]).first?.contains("Stats API v1, GET /api/v1/stats/") == true)
  }

  @Test func aV2QueryAsksWhatTheV1URLAsks() throws {
    let r = Plausible.breakdownRequest(.v2, base: "https://stats.example.org/", site: "docs.example.org", kind: .countries, day: Day("2026-11-20")!, limit: 100, page: 3)
    #expect(r.url == "https://stats.example.org/api/v2/query")
    let body = try #require(r.body.flatMap { try? JSONParser.parse($0) })
    #expect(body["site_id"] == .string("docs.example.org"))
    #expect(body["dimensions"] == .array([.string("visit:country")]))
    #expect(body["metrics"] == .array([.string("visitors")]))
    #expect(body["date_range"] == .array([.string("2026-11-20"), .string("2026-11-20")]))
    #expect(body["pagination"] == .object(["limit": .int(100), "offset": .int(200)]))
    #expect(Plausible.timeseriesRequest(.v1, base: "https://plausible.io", site: "a.b", from: Day("2026-11-01")!, through: Day("2026-11-02")!).body == nil)
  }

  @Test func rebuildingFromV2RawGivesTheSameBytes() async throws {
    let (dir, _) = try await nights(.v2)
    let path = "stats/series/plausible/\(PlausibleNights.site).csv"
    let incremental = try #require(dir.read(path))
    let records = try Self.files(dir, "records")
    try FileManager.default.removeItem(atPath: dir.file("stats/series"))
    try FileManager.default.removeItem(atPath: dir.file("stats/records"))
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: Day("2026-11-21")!)
    for d in stages.store.snapshotDays("raw", Plausible.source) {
      try PlausibleNightly().writeRecords(try #require(try stages.store.readRaw(Plausible.source, d)), stages: stages)
    }
    try PlausibleNightly().aggregate(stages, config: nil, rebuild: true)
    #expect(dir.read(path) == incremental)
    #expect(try Self.files(dir, "records") == records)
  }

  /// The shared auth plug's answers (§4.2) reach v2 too, and are explained; a v1 server
  /// answering a v2 question (no `query` echo) is a failure that names the setting.
  @Test(arguments: [
    (FakeResponse.json(401, #"{"error":"Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested."}"#), "sources.plausible.sites"),
    (FakeResponse.json(402, #"{"error":"This Plausible site is locked due to missing active subscription. In order to access it, the site owner should subscribe to a suitable plan"}"#), "plan or subscription"),
    (FakeResponse.json(400, #"{"error":"The metric `foo` is not recognized. Find valid metrics from the documentation: https://plausible.io/docs/stats-api#metrics"}"#), "Plausible refused the query"),
    (FakeResponse.json(429, #"{"error":"Too many API requests. Your API key is limited to 600 requests per hour. Please contact us to request more capacity."}"#), "HTTP 429"),
    (FakeResponse.json(200, #"{"results":[{"date":"2026-11-20","visitors":3}]}"#), "api: v2"),
    (FakeResponse.json(200, #"{"results":[{"metrics":[1],"dimensions":["2026-11-20"]}],"query":{"metrics":["visitors","visits","pageviews","visit_duration","bounce_rate"],"dimensions":["time:day"],"date_range":["2026-11-18","2026-11-20"]}}"#), "expected 5 values"),
    (FakeResponse.html(502, "<html><body>502 Bad Gateway</body></html>"), "HTTP 502"),
  ])
  func aV2ErrorIsAFailureWithItsMeaning(_ response: FakeResponse, _ meaning: String) async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.route("*", "/api/*", response)
    let dir = TempDirectory("plausible-v2-errors")
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: Day("2026-11-20")!)
    let night = Night(config: Self.config(server, .v2, lookback: 3), client: client(attempts: 1), stages: stages)
    let snapshot = try await PlausibleNightly(environment: ["PLAUSIBLE_API_KEY": PlausibleNights.key]).fetch(night)
    let message = try #require(snapshot.failures.first?.message)
    #expect(message.contains(meaning), "\(message)")
    #expect(snapshot.exchanges.isEmpty)
    #expect(server.requests.first?.method == "POST")
  }

  /// The fake's own v2 validation (what a wrong query gets back).
  @Test func theFakeAnswersV2ValidationErrorsAndOmitsEmptyBuckets() throws {
    let fake = PlausibleFake(sites: ["a.example": [Day("2026-11-02")!: PlausibleFakeDay(visitors: 3, visits: 3, pageviews: 5, visitDuration: 10, bounceRate: 50)]], keys: ["k": ["a.example"]])
    func post(_ body: String, key: String? = "k") -> FakeResponse {
      fake.respond(to: FakeRequest(method: "POST", target: "/api/v2/query", headers: key.map { [("Authorization", "Bearer \($0)")] } ?? [], body: Array(body.utf8)))
    }
    #expect(post("{}", key: nil).status == 401)
    #expect(post(#"{"metrics":["visitors"],"date_range":"7d"}"#).status == 400)
    #expect(post(#"{"site_id":"b.example","metrics":["visitors"],"date_range":["2026-11-01","2026-11-03"]}"#).status == 401)
    #expect(post(#"{"site_id":"a.example","metrics":["foo"],"date_range":["2026-11-01","2026-11-03"],"dimensions":["time:day"]}"#).status == 400)
    let ok = post(#"{"site_id":"a.example","metrics":["visitors","pageviews"],"date_range":["2026-11-01","2026-11-03"],"dimensions":["time:day"]}"#)
    let json = try JSONParser.parse(ok.bodyText)
    #expect(json["results"] == .array([.object(["dimensions": .array([.string("2026-11-02")]), "metrics": .array([.int(3), .int(5)])])]))
    #expect(json["query"]?["date_range"] == .array([.string("2026-11-01T00:00:00+00:00"), .string("2026-11-03T23:59:59+00:00")]))
    let days = try Plausible.decodeTimeseries(
      post(#"{"site_id":"a.example","metrics":["visitors","visits","pageviews","visit_duration","bounce_rate"],"date_range":["2026-11-01","2026-11-03"],"dimensions":["time:day"]}"#).bodyText, api: .v2)
    #expect(days.map(\.visitors) == [0, 3, 0])
  }
}
