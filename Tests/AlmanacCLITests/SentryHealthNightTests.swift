import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// Issue counts (`issues-metrics`) and release-health sessions against the Sentry fake: both
/// land in the project's series; with sessions the report's rate is errors per 1,000 sessions;
/// a token without a scope gets a warning naming it and the rest of the night lands, and the
/// rate falls back to errors per day, said so in REPORT.md and summary.json.
@Suite struct SentryHealthNights {
  static let day = Day("2026-11-20")!

  static func serve(_ server: FakeAPIServer, sessions: Bool = true, withoutEventRead: Bool = false) {
    var fake = SentryFake(
      org: "acme", projects: ["web": ("11", SentryNights.days(through: day)), "api": ("12", [:])], tokens: [SentryNights.token: true], baseURL: server.baseURL)
    var issues: [Day: (new: Int, resolved: Int)] = [:]
    var counted: [Day: Int] = [:]
    for (i, d) in (SentryNights.first...day).days.enumerated() {
      issues[d] = (new: i % 3, resolved: i % 5 == 0 ? 2 : 0)
      counted[d] = 1000 + 10 * i
    }
    fake.issues = ["web": issues]
    if sessions { fake.sessions = ["web": counted] }
    if withoutEventRead { fake.withoutEventRead = [SentryNights.token] }
    server.route("*", "/api/*") { [fake] in fake.respond(to: $0) }
  }

  func render(_ dir: TempDirectory, _ server: FakeAPIServer) throws -> SourceRendering {
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: Self.day)
    return try SentryNightly().render(Night(config: SentryNights.config(server), client: client(attempts: 1), stages: stages))
  }

  @Test func issuesAndSessionsLandAndTheRateIsPerThousandSessions() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    Self.serve(server)
    let dir = TempDirectory("sentry-health")
    let (result, _) = try await SentryNights.night(dir, server, Self.day)
    #expect(result.status == .complete)
    let issues = try #require(server.requests.first { $0.path == "/api/0/organizations/acme/issues-metrics/" })
    #expect(issues.query("interval") == "86400000" && issues.query("project") == "11" && issues.query("end") == "2026-11-20T23:59:59Z")
    let sessions = try #require(server.requests.first { $0.path == "/api/0/organizations/acme/sessions/" })
    #expect(sessions.query("field") == "sum(session)" && sessions.query("interval") == "1d")
    let series = try #require(dir.read("stats/series/sentry/web.csv"))
    // 2026-11-01 is the first day (i = 0): no new issue, 2 resolved, 1,000 sessions.
    #expect(series.contains("web,sentry,2026-11-01,issues,new,0,2026-11-20"))
    #expect(series.contains("web,sentry,2026-11-01,issues,resolved,2,2026-11-20"))
    #expect(series.contains("web,sentry,2026-11-01,sessions,all,1000,2026-11-20"))
    #expect(series.contains("web,sentry,2026-11-02,issues,new,1,2026-11-20"))

    let out = try render(dir, server)
    let web = try #require(out.summary["sentry"]?["projects"]?["web"])
    // The last 30 days hold 2026-11-01 … 2026-11-20: sessions 1000 + 1010 + … + 1190.
    let sessionSum = (0..<20).reduce(0) { $0 + 1000 + 10 * $1 }
    let errorSum = (0..<20).reduce(0) { $0 + 30 + ($1 * 7) % 11 }
    #expect(web["sessions_last_30_days"] == .int(Int64(sessionSum)))
    #expect(web["rate"] == .string("errors per 1,000 sessions"))
    let expected = (Double(errorSum) / Double(sessionSum) * 1000 * 100).rounded() / 100
    #expect(web["errors_per_1000_sessions_last_30_days"] == .double(expected))
    #expect(web["new_issues_last_30_days"] == .int(Int64((0..<20).reduce(0) { $0 + $1 % 3 })))
    #expect(web["resolved_issues_last_30_days"] == .int(8))
    let report = out.reportSection
    #expect(report.contains("\(CanonicalJSON.number(expected)) errors per 1,000 sessions"))
    #expect(report.contains("The error rate is errors per 1,000 release-health sessions"))
    #expect(out.site.panels.first?.html.contains("errors per 1,000 sessions") == true)
  }

  /// A token without `event:read`: sessions answer 403, the warning names the scope, the
  /// night is complete with its error events and issue counts, and the rate is per day.
  @Test func aMissingScopeIsAWarningNamingItAndTheRestLands() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    Self.serve(server, withoutEventRead: true)
    let dir = TempDirectory("sentry-scope")
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: Self.day)
    let result = try await SentryNightly(environment: ["SENTRY_AUTH_TOKEN": SentryNights.token]).night(
      Night(config: SentryNights.config(server), client: client(attempts: 1), stages: stages))
    #expect(result.status == .complete)
    let warning = try #require(stages.console.diagnostics.first { $0.message.contains("no release-health sessions") })
    #expect(warning.severity == .warning)
    #expect(warning.message.contains("HTTP 403") && warning.message.contains("`event:read`") && warning.message.contains("The rest of the night is kept"))
    let raw = try #require(dir.read("stats/raw/sentry/2026-11-20.json"))
    #expect(!raw.contains("HTTP 403"))
    let series = try #require(dir.read("stats/series/sentry/web.csv"))
    #expect(series.contains(",error_events,accepted,") && series.contains(",issues,new,") && !series.contains(",sessions,"))
    let out = try render(dir, server)
    #expect(out.summary["sentry"]?["projects"]?["web"]?["rate"] == .string("errors per day"))
    #expect(out.summary["sentry"]?["projects"]?["web"]?["errors_per_1000_sessions_last_30_days"] == .null)
    #expect(out.reportSection.contains("The error rate is errors per day: no release-health sessions are held") == true)
  }

  /// A 403 on the issue counts (a project the token's team cannot see), and a server without
  /// `issues-metrics` (404): warnings naming what is missing; a 500 there is a failure.
  @Test(arguments: [
    (403, #"{"detail":"You do not have permission to perform this action."}"#, "`org:read` with access to the project", SourceResult.Status.complete),
    (404, #"{"detail":"The requested resource does not exist"}"#, "does not serve them", SourceResult.Status.complete),
    (500, #"{"detail":"Internal Error"}"#, "", SourceResult.Status.partial),
  ])
  func issueCountsThatCannotBeReadAreAWarningOrAFailure(_ status: Int, _ body: String, _ named: String, _ expected: SourceResult.Status) async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    Self.serve(server)
    server.enqueue("/api/0/organizations/acme/issues-metrics/", [.json(status, body)])
    let dir = TempDirectory("sentry-issues-403")
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: Self.day)
    let result = try await SentryNightly(environment: ["SENTRY_AUTH_TOKEN": SentryNights.token]).night(
      Night(config: SentryNights.config(server), client: client(attempts: 1), stages: stages))
    #expect(result.status == expected)
    let series = try #require(dir.read("stats/series/sentry/web.csv"))
    #expect(series.contains(",sessions,all,") && !series.contains(",issues,"))
    if expected == .complete {
      #expect(stages.console.diagnostics.contains { $0.message.contains("no issue counts per day") && $0.message.contains(named) })
      #expect(try render(dir, server).reportSection.contains("| – | – |") == true)
    }
  }

  @Test func rebuildingIssuesAndSessionsFromRawGivesTheSameBytes() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    Self.serve(server)
    let dir = TempDirectory("sentry-health-rebuild")
    _ = try await SentryNights.night(dir, server, Self.day)
    _ = try await SentryNights.night(dir, server, Self.day.adding(days: 1))
    let incremental = try #require(dir.read("stats/series/sentry/web.csv"))
    #expect(incremental.contains(",sessions,all,"))
    try FileManager.default.removeItem(atPath: dir.file("stats/series"))
    try FileManager.default.removeItem(atPath: dir.file("stats/records"))
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: Self.day.adding(days: 1))
    for d in stages.store.snapshotDays("raw", Sentry.source) {
      let raw = try #require(try stages.store.readRaw(Sentry.source, d))
      let (records, _) = Sentry.normalize(raw, path: "raw")
      _ = try stages.store.write(records.encoded(), to: stages.store.recordsPath(Sentry.source, d), validate: Store.recordsValidator(kind: RecordSet.kind))
    }
    try SentryNightly().aggregate(stages, config: nil, rebuild: true)
    #expect(dir.read("stats/series/sentry/web.csv") == incremental)
  }
}
