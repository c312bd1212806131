import AlmanacKit
import Foundation

/// Issue 9, point 18: nights of the real `almanac run` against loopback fakes (pypistats.org,
/// GitHub) and, when given, the real ClickHouse server, once with the faults of a `SoakPlan` and
/// once without; then the faulted store is compared with the clean one.
///
/// - lost: a day (series row, traffic day, star) the clean store holds and the faulted one lacks;
/// - differing: a key both hold with other values (the `snapshot` column, which names the first
///   snapshot that reported a value, is left out: a skipped night moves it), or a records file
///   of a night both stores took without failures whose bytes differ;
/// - corrupt: a stored file that does not decode (and, with `CHECK_JSONSCHEMA`, one that
///   `scripts/validate-store` rejects).
public enum Soak {
  public struct Report: Sendable, CustomStringConvertible {
    public var counts: [String: Int] = [:]
    public var exitCodes: [Int32: Int] = [:]
    public var cleanExitCodes: [Int32: Int] = [:]
    /// The end of the fault-free run's stderr, to explain an unexpected exit code.
    public var cleanLog = ""
    public var lost: [String] = []
    public var differing: [String] = []
    public var corrupt: [String] = []
    public var comparedRows = 0
    public var comparedFiles = 0
    public var seconds = 0.0

    public var description: String {
      let c = counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
      let e = exitCodes.sorted { $0.key < $1.key }.map { "exit \($0.key): \($0.value)" }.joined(separator: ", ")
        + "; fault-free run " + cleanExitCodes.sorted { $0.key < $1.key }.map { "exit \($0.key): \($0.value)" }.joined(separator: ", ")
      return "soak: \(c); \(e); compared \(comparedRows) rows and \(comparedFiles) records files; lost \(lost.count), differing \(differing.count), corrupt \(corrupt.count); \(String(format: "%.1f", seconds)) s"
    }
  }

  public static let package = "tidewater"
  public static let repo = "octo/soak"

  /// `clickhouse`: the base URL of the test server (ClickPy fixture loaded), or nil to leave
  /// the `pypi` source out. It is on only for nights inside the fixture's days.
  public static func run(plan: SoakPlan, clickhouse: String?) async throws -> Report {
    let started = Date()
    var report = Report()
    report.counts = plan.counts
    let clean = TempDirectory("soak-clean")
    let faulted = TempDirectory("soak-faulted")
    // One server per store, serving the same world, so both nights run at once and a fault
    // reaches only the faulted one.
    let cleanServer = try FakeAPIServer()
    let server = try FakeAPIServer()
    defer {
      server.stop()
      cleanServer.stop()
    }
    let first = plan.nights.first?.date ?? Day(ordinal: 0)
    for night in plan.nights {
      serve(cleanServer, night.date, firstNight: first)
      serve(server, night.date, firstNight: first)
      try config(clean, server: cleanServer, clickhouse: clickhouse, date: night.date)
      try config(faulted, server: server, clickhouse: clickhouse, date: night.date)
      inject(night.faults, into: server)
      async let cleanStatus = SoakProcess.night(clean, date: night.date, killAfter: nil, concurrentAggregate: false)
      let faultedStatus: Int32? = night.skipped
        ? nil : try await SoakProcess.night(faulted, date: night.date, killAfter: night.killAfter, concurrentAggregate: night.concurrentAggregate)
      report.cleanExitCodes[try await cleanStatus, default: 0] += 1
      if let faultedStatus { report.exitCodes[faultedStatus, default: 0] += 1 }
      // A fault the night did not reach (killed first) must not leak into the next night.
      server.clearFailNext()
    }
    report.cleanLog = String((clean.read("log.txt") ?? "").suffix(3_000))
    try compare(clean: clean, faulted: faulted, into: &report)
    if let checker = ProcessInfo.processInfo.environment["CHECK_JSONSCHEMA"], FileManager.default.isExecutableFile(atPath: checker) {
      let v = try await Shell.run("'\(Paths.packageRoot)/scripts/validate-store' '\(faulted.file("stats"))' --config '\(faulted.file("almanac.yml"))'", environment: ["CHECK_JSONSCHEMA": checker])
      if v.status != 0 { report.corrupt.append("validate-store: \(v.stdout)\(v.stderr)") }
    }
    report.seconds = Date().timeIntervalSince(started)
    return report
  }

  // MARK: the world as of one night

  /// What the sources know on `date`: pypistats.org's 181 days before it (one day, 40 nights
  /// before the end of the 365-night plan, lost at the source), GitHub's stars so far and its
  /// 14-day windows.
  static func serve(_ server: FakeAPIServer, _ date: Day, firstNight: Day) {
    let outage = Day(year: 2026, month: 10, day: 13) ?? date
    var days: [PyPIStatsData.DailyTotal] = []
    var minor: [PyPIStatsData.CategoryCount] = []
    var system: [PyPIStatsData.CategoryCount] = []
    for d in (date.adding(days: -181)...date.adding(days: -1)).days where d != outage {
      let o = d.ordinal
      days.append(.init(d.description, withMirrors: 200 + o * 37 % 90, withoutMirrors: 150 + o * 37 % 90 - o % 7))
      minor += [.init(d.description, "3.12", 40 + o % 13), .init(d.description, "3.13", o % 5)]
      system += [.init(d.description, "Linux", 90 + o % 17), .init(d.description, "Windows", o % 3)]
    }
    server.servePyPIStats(PyPIStatsFake([PyPIStatsData(package: package, days: days, pythonMinor: minor, system: system)], loadedThrough: date.adding(days: -1).description))
    serveGitHub(server, date, firstNight: firstNight)
  }

  /// GitHub as of `date`: three stars a night since 20 days before the first, a 14-day traffic
  /// window, two referrers and a path. Served after pypistats.org (GitHub's route takes the rest).
  static func serveGitHub(_ server: FakeAPIServer, _ date: Day, firstNight: Day) {
    var repo = GitHubFakeRepo(repo, stars: GitHubFakeRepo.stars(3 * max(0, date - firstNight.adding(days: -20)), from: firstNight.adding(days: -20).description)
      .filter { Day(isoPrefix: $0.at).map { $0 < date } ?? false })
    for d in (date.adding(days: -14)...date).days {
      let o = d.ordinal
      if o % 9 != 0 { repo.views[d.description] = (Int64(5 + o * 13 % 40), Int64(2 + o % 5)) }
      if o % 4 != 0 { repo.clones[d.description] = (Int64(1 + o % 6), Int64(1 + o % 2)) }
    }
    repo.referrers = [("google.com", Int64(20 + date.ordinal % 9), 7), ("news.ycombinator.com", Int64(3 + date.ordinal % 4), 2)]
    repo.paths = [("/octo/soak", "octo/soak: tides · soak", Int64(30 + date.ordinal % 11), 9)]
    _ = server.serveGitHub([repo])
  }

  /// The `pypi` source's freshness gate asks about tidewater itself: the fixture holds the
  /// usual reference project (`requests`) on its newest day only, which would fail every
  /// earlier night. `timeout`: 1 s, under the soak's slow-answer fault; runs without that
  /// fault (`GitGrowth`) give a loaded machine's ClickHouse and fakes more room.
  static func config(_ dir: TempDirectory, server: FakeAPIServer, clickhouse: String?, date: Day, timeout: Int = 1) throws {
    var pypi = ""
    if let clickhouse, let first = Day(year: 2026, month: 10, day: 22), let last = Day(year: 2026, month: 11, day: 22), (first...last).contains(date) {
      pypi = "  pypi: {endpoint: \"\(clickhouse)\", user: almanac_ro, password_env: SOAK_CLICKHOUSE_PASSWORD, reference_project: tidewater, min_reference_downloads: 1, tolerance: 1}\n"
    }
    try dir.write("almanac.yml", """
      targets: {packages: [\(package)], repos: [\(repo)]}
      sources:
        pypistats: {base_url: "\(server.baseURL)/api", request_interval: 0}
        github: {base_url: "\(server.baseURL)"}
      \(pypi)http: {timeout: \(timeout), attempts: 4, max_retry_wait: 5}
      tokens: {github: SOAK_GITHUB_TOKEN}

      """)
  }

  /// Each fault is the answer to one request (whichever comes next); the client's retries
  /// then get the good answer.
  static func inject(_ faults: [SoakPlan.Fault], into server: FakeAPIServer) {
    for fault in faults {
      switch fault {
      case .serverError: server.failNext(1, with: .html(503, "<html><body>503 Service Unavailable</body></html>"))
      case .rateLimited: server.failNext(1, with: PyPIStatsFake.rateLimited.adding(header: "Retry-After", "1"))
      case .truncated: server.failNext(1, with: FakeResponse.json(200, #"{"data":[{"category":"with_mirrors","date":"2026-01-01","downloads":1}],"package":"tidewater","type":"overall_downloads"}"#).with(.truncateBody(afterBytes: 20)))
      case .timeout: server.failNext(1, with: FakeResponse.html(503, "slow").delayed(3))
      case .bad200: server.failNext(1, with: .html(200, "<html><body>Server Error: try again in 30 seconds</body></html>"))
      }
    }
  }
}
