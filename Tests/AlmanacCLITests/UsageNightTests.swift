import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// The usage source: a folder or a URL of NDJSON in, consent enforced, the inbox kept out of
/// git, only k-anonymous aggregates stored, and a stored day never lowered by a smaller inbox.
@Suite struct UsageNights {
  static let token = "usage-collector-token-0123456789"
  static let day = Day("2026-11-20")!

  static func config(input: String, tokenEnv: String? = nil, k: Int = 5) -> Config {
    var config = Config()
    var s = Config.UsageSource()
    s.input = input
    s.tokenEnv = tokenEnv
    s.minGroupSize = k
    config.usage = s
    return config
  }

  static func night(_ dir: TempDirectory, _ config: Config, _ day: Day = Self.day, env: [String: String] = [:]) async throws -> (SourceResult, Stages) {
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: day)
    let result = try await UsageNightly(environment: env).night(Night(config: config, client: client(attempts: 1), stages: stages))
    return (result, stages)
  }

  /// Demo lines of the days before `night`, written as two files of a folder.
  static func folder(_ dir: TempDirectory, through night: Day) throws {
    let days = (night.adding(days: -6)...night).days
    try dir.write("events/a.ndjson", days.prefix(3).flatMap { DemoUsageData.lines(of: $0) }.joined(separator: "\n") + "\n")
    try dir.write("events/b.jsonl", days.dropFirst(3).flatMap { DemoUsageData.lines(of: $0) }.joined(separator: "\n"))
    try dir.write("events/notes.txt", "not read")
  }

  @Test func aNightFromAFolderDropsEventsWithoutConsentAndStoresOnlyAggregates() async throws {
    let dir = TempDirectory("usage-folder")
    try Self.folder(dir, through: Self.day)
    let (r, _) = try await Self.night(dir, Self.config(input: dir.file("events")))
    #expect(r.status == .complete)
    let all = (Self.day.adding(days: -6)...Self.day).days.flatMap { DemoUsageData.lines(of: $0) }
    let withoutConsent = all.filter { !$0.contains(#""consent":true"#) }.count
    let intake = try UsageIntake.decode(try #require(dir.read("stats/usage/intake.csv")), path: "intake.csv")
    let row = try #require(intake.rows.first)
    #expect(row.lines == all.count && row.withoutConsent == withoutConsent && row.invalid == 7)
    #expect(row.accepted == all.count - withoutConsent - 7 && row.scrubbed > 0)
    // The inbox holds the scrubbed events and is ignored by git; the aggregates name nobody.
    #expect(dir.read("stats/.gitignore")?.split(separator: "\n").contains("inbox/") == true)
    let inbox = try #require(dir.read("stats/inbox/usage/2026-11-20.ndjson"))
    #expect(inbox.contains("/home/<user>/data/run.csv") && !inbox.contains("alice") && !inbox.contains("10.0."))
    let daily = try #require(dir.read("stats/series/usage/daily.csv"))
    #expect(daily.contains("2026-11-20,feature,other,"), "profile is used by too few installations to be named")
    #expect(!daily.contains("profile") && !daily.contains("inst-") && !daily.contains("alice"))
    #expect(try UsageDaily.decode(daily, path: "daily.csv").eventsPerDay.count == 7)

    // A re-run reads the same lines, adds nothing and changes no file.
    let before = dir.snapshot()
    let (again, _) = try await Self.night(dir, Self.config(input: dir.file("events")))
    #expect(again.status == .complete)
    #expect(dir.snapshot() == before)
    // A glob reads only what it names.
    let (glob, _) = try await Self.night(dir, Self.config(input: dir.file("events/*.jsonl")), Self.day.adding(days: 1))
    #expect(glob.status == .complete)
    let second = try UsageIntake.decode(try #require(dir.read("stats/usage/intake.csv")), path: "intake.csv").rows.last
    #expect(second?.night == Self.day.adding(days: 1) && second?.lines == (Self.day.adding(days: -3)...Self.day).days.flatMap { DemoUsageData.lines(of: $0) }.count)
  }

  @Test func aSmallerInboxNeverLowersAStoredDayAndRebuildRecomputesIt() async throws {
    let dir = TempDirectory("usage-fewer")
    try Self.folder(dir, through: Self.day)
    _ = try await Self.night(dir, Self.config(input: dir.file("events")))
    let daily = try #require(dir.read("stats/series/usage/daily.csv"))
    // A fresh checkout: no inbox, and the input now holds only half of the newest day.
    try FileManager.default.removeItem(atPath: dir.file("stats/inbox"))
    try FileManager.default.removeItem(atPath: dir.file("events"))
    try dir.write("events/late.ndjson", DemoUsageData.lines(of: Self.day, throughHour: 12).joined(separator: "\n"))
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: Self.day)
    _ = try await UsageNightly().night(Night(config: Self.config(input: dir.file("events")), client: client(attempts: 1), stages: stages))
    #expect(dir.read("stats/series/usage/daily.csv") == daily)
    #expect(stages.console.diagnostics.contains { $0.message.contains("the inbox holds fewer events than were counted for 2026-11-20") })
    // Removing the stored file and rebuilding from what the inbox holds gives its own days only.
    try FileManager.default.removeItem(atPath: dir.file("stats/series/usage/daily.csv"))
    try UsageNightly().aggregate(stages, config: Self.config(input: dir.file("events")), rebuild: true)
    let rebuilt = try UsageDaily.decode(try #require(dir.read("stats/series/usage/daily.csv")), path: "daily.csv")
    #expect(Set(rebuilt.eventsPerDay.keys) == [Self.day])
  }

  @Test func retentionDeletesOldInboxDaysAndKeepsTheirAggregates() async throws {
    let dir = TempDirectory("usage-retention")
    try Self.folder(dir, through: Self.day)
    var config = Self.config(input: dir.file("events"))
    config.retention.rawDays = 3
    _ = try await Self.night(dir, config)
    #expect(Store(root: dir.file("stats")).usageInboxDays() == (Self.day.adding(days: -3)...Self.day).days)
    #expect(try UsageDaily.decode(try #require(dir.read("stats/series/usage/daily.csv")), path: "daily.csv").eventsPerDay.count == 7)
  }

  @Test func aURLInputSendsItsTokenOnlyThereAndABadBodyKeepsWhatIsStored() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let fake = { var f = DemoUsageData.fake(asOf: Self.day); f.token = Self.token; return f }()
    server.route("*", "/*") { fake.respond(to: $0) }
    let dir = TempDirectory("usage-url")
    let config = Self.config(input: server.baseURL + DemoUsageData.path, tokenEnv: "USAGE_TOKEN")
    let (ok, _) = try await Self.night(dir, config, env: ["USAGE_TOKEN": Self.token])
    #expect(ok.status == .complete)
    #expect(server.requests.count == 1 && server.requests[0].header("authorization") == "Bearer \(Self.token)")
    let stored = dir.snapshot()

    // Without the variable: no request, a message naming it, nothing changes.
    let (missing, s1) = try await Self.night(dir, config)
    #expect(missing.status == .failed && server.requests.count == 1)
    #expect(s1.console.diagnostics.contains { $0.message.contains("set the variable USAGE_TOKEN (sources.usage.token_env)") })
    // A wrong token: 401 explained, nothing changes.
    let (refused, s2) = try await Self.night(dir, config, env: ["USAGE_TOKEN": "wrong-token-000000000000"])
    #expect(refused.status == .failed)
    #expect(s2.console.diagnostics.contains { $0.message.contains("HTTP 401") && $0.message.contains("sources.usage.token_env") })
    // An HTML page with a 200: a failure, not an empty success.
    let page = { var p = fake; p.body = "<html><body>Maintenance</body></html>\n"; return p }()
    server.route("*", "/*") { page.respond(to: $0) }
    let (html, s3) = try await Self.night(dir, config, env: ["USAGE_TOKEN": Self.token])
    #expect(html.status == .failed)
    #expect(s3.console.diagnostics.contains { $0.message.contains("none of its 1 line(s) is a usage event") })
    #expect(dir.snapshot() == stored)
  }

  @Test func aTokenForTheCollectorIsNotSentToAnotherOrigin() async throws {
    let collector = try FakeAPIServer()
    defer { collector.stop() }
    let elsewhere = try FakeAPIServer()
    defer { elsewhere.stop() }
    let fake = DemoUsageData.fake(asOf: Self.day)
    elsewhere.route("*", "/*") { fake.respond(to: $0) }
    collector.route("GET", DemoUsageData.path, FakeResponse(status: 302, headers: [("Location", elsewhere.baseURL + DemoUsageData.path)], body: []))
    let dir = TempDirectory("usage-redirect")
    let config = Self.config(input: collector.baseURL + DemoUsageData.path, tokenEnv: "USAGE_TOKEN")
    let (r, _) = try await Self.night(dir, config, env: ["USAGE_TOKEN": Self.token])
    #expect(r.status == .complete)
    #expect(collector.requests.first?.header("authorization") == "Bearer \(Self.token)")
    #expect(elsewhere.requests.count == 1 && elsewhere.requests[0].header("authorization") == nil)
  }

  @Test func forgetDeletesAnInstallationsEventsAndRebuildsTheirDays() async throws {
    let dir = TempDirectory("usage-forget")
    try Self.folder(dir, through: Self.day)
    try dir.write("almanac.yml", "targets: {}\nsources:\n  usage: {input: \"\(dir.file("events"))\"}\n")
    _ = try await Self.night(dir, Self.config(input: dir.file("events")))
    let id = DemoUsageData.installation(try #require((0..<40).first { ($0 * 7 + Self.day.ordinal) % 3 != 0 }))
    let before = try UsageDaily.decode(try #require(dir.read("stats/series/usage/daily.csv")), path: "daily.csv")
    #expect(dir.read("stats/inbox/usage/2026-11-20.ndjson")?.contains(id) == true)
    var forget = try UsageCommand.Forget.parse([id, "--stats-dir", dir.file("stats"), "--config", dir.file("almanac.yml"), "--date", "2026-11-20", "--quiet"])
    try await forget.run()
    let after = try UsageDaily.decode(try #require(dir.read("stats/series/usage/daily.csv")), path: "daily.csv")
    for day in Store(root: dir.file("stats")).usageInboxDays() {
      #expect(dir.read("stats/inbox/usage/\(day).ndjson")?.contains(id) == false)
    }
    let lost = before.rows.filter { $0.dimension == "all" }.map(\.installations).reduce(0, +) - after.rows.filter { $0.dimension == "all" }.map(\.installations).reduce(0, +)
    #expect(lost > 0 && lost <= 7)
    #expect(throws: (any Error).self) { try UsageCommand.Forget.parse(["alice@example.com"]) }
  }
}
