import AlmanacKit
import Foundation
import Testing

import AlmanacTestSupport

/// The usage source through the real binary: no installation id, home-path name, email, IP
/// address, token or host from the events reaches a committed file, the report, the site, the
/// step summary, the outputs or the log; the inbox is ignored by git; export prints one
/// installation's events, forget removes them, and the aggregates rebuild from the inbox.
@Suite(.serialized) struct UsageEndToEnd {
  static let day = Day("2026-11-20")!
  /// Events whose free text carries every kind of personal data, from enough installations
  /// that the features are named.
  static func personal() -> [String] {
    let texts = [
      "OSError: /Users/maria.rossi/proj/x.py", #"PermissionError: C:\\Users\\jdoe\\AppData"#, "mail maria.rossi@example.org failed",
      "auth ghp_0123456789abcdefghijABCDEFGHIJ0123", "connect 2001:db8::42 refused", "GET https://build.internal.corp/api",
      "timeout from 192.168.77.31", "key AKIAABCDEFGHIJKLMNOP",
    ]
    return texts.enumerated().flatMap { (n, text) in
      (0..<6).map { i in
        #"{"id":"pii-\#(n)-\#(i)-000000","time":"2026-11-20T09:0\#(i):00Z","consent":true,"installation":"person-\#(i)-secret-id","feature":"\#(text.replacingOccurrences(of: "\"", with: ""))","duration_ms":\#(100 * i),"success":false,"error_type":"\#(text)","sdk_version":"1.4.2","python_version":"3.12","os":"Linux \#(text)"}"#
      }
    }
  }

  static let forbidden = [
    "maria", "rossi", "jdoe", "example.org", "ghp_", "2001:db8", "internal.corp", "192.168.77", "AKIA", "person-", "inst-", "alice", "/home/bob",
    "chen", "dana", "10.0.",
  ]

  @Test func noPersonalDataReachesACommittedFileOrTheLogAndForgetExportAndRebuildWork() async throws {
    let dir = TempDirectory("usage-run")
    let lines = (Self.day.adding(days: -6)...Self.day).days.flatMap { DemoUsageData.lines(of: $0) } + Self.personal()
    try dir.write("events/events.ndjson", lines.joined(separator: "\n") + "\n")
    try dir.write("almanac.yml", "targets: {}\nsources:\n  usage: {input: events/, min_group_size: 5}\n")
    let env = ["GITHUB_OUTPUT": dir.file("output"), "GITHUB_STEP_SUMMARY": dir.file("summary.md")]
    let r = try await Shell.run("git init -q . && almanac run --date 2026-11-20 --site site", cwd: dir.path, environment: env)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(dir.read("output")?.contains("usage-events-last-7-days=") == true)
    #expect(dir.read("stats/REPORT.md")?.contains("## Usage (opt-in events)") == true)
    #expect(dir.read("stats/summary.json")?.contains("\"usage\"") == true)
    #expect(dir.read("summary.md")?.contains("usage events in 7 days") == true)
    #expect(r.stderr.contains("stats: 2026-11-20 — ") && r.stderr.contains(" usage events in 7 days"))

    // What git would commit: the stats directory without its ignored inbox.
    let staged = try await Shell.run("git add -A stats && git ls-files stats", cwd: dir.path)
    let committed = staged.stdout.split(separator: "\n").map(String.init)
    #expect(!committed.isEmpty && !committed.contains { $0.contains("inbox") }, "\(committed)")
    #expect(FileManager.default.fileExists(atPath: dir.file("stats/inbox/usage/2026-11-20.ndjson")))
    var texts = committed.map { ($0, dir.read($0) ?? "") }
    texts += [("log", r.stdout + r.stderr), ("output", dir.read("output") ?? ""), ("step summary", dir.read("summary.md") ?? ""), ("site", dir.read("site/index.html") ?? "")]
    for (name, text) in texts {
      for word in Self.forbidden { #expect(!text.contains(word), "\(name) holds `\(word)`") }
      #expect(text.range(of: #"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z]{2,}"#, options: .regularExpression) == nil, "\(name) holds an email")
    }
    // The scrubbed values did arrive, under their placeholders, in the inbox.
    let inbox = try #require(dir.read("stats/inbox/usage/2026-11-20.ndjson"))
    for placeholder in ["<user>", "<email>", "<token>", "<ip>", "<host>"] { #expect(inbox.contains(placeholder), "\(placeholder)") }

    let checker = ProcessInfo.processInfo.environment["CHECK_JSONSCHEMA"] ?? ""
    if FileManager.default.isExecutableFile(atPath: checker) {
      let v = try await Shell.run("'\(Paths.packageRoot)/scripts/validate-store' stats --config almanac.yml", cwd: dir.path, environment: ["CHECK_JSONSCHEMA": checker])
      #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
      try dir.write("event.json", String(inbox.prefix { $0 != "\n" }))
      let event = try await Shell.run("'\(checker)' --schemafile '\(Paths.packageRoot)/schemas/usage-event.schema.json' event.json", cwd: dir.path)
      #expect(event.status == 0, "\(event.stdout)")
    }

    // The aggregates come back from the inbox byte for byte.
    let daily = try #require(dir.read("stats/series/usage/daily.csv"))
    try FileManager.default.removeItem(atPath: dir.file("stats/series/usage/daily.csv"))
    let rebuild = try await Shell.run("almanac aggregate --rebuild --source usage --date 2026-11-20", cwd: dir.path)
    #expect(rebuild.status == 0, "\(rebuild.stderr)")
    #expect(dir.read("stats/series/usage/daily.csv") == daily)

    // Export prints one installation's events; forget deletes them and says so without the id.
    let id = "person-3-secret-id"
    let export = try await Shell.run("almanac usage export \(id)", cwd: dir.path)
    #expect(export.status == 0, "\(export.stderr)")
    let exported = try #require(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any])
    #expect((exported["events"] as? [[String: Any]])?.count == 8)
    #expect((exported["events"] as? [[String: Any]])?.allSatisfy { $0["installation"] as? String == id } == true)
    let forget = try await Shell.run("almanac usage forget \(id) --date 2026-11-20", cwd: dir.path)
    #expect(forget.status == 0, "\(forget.stderr)")
    #expect(forget.stderr.contains("deleted 8 event(s) of the installation from 1 inbox day(s)") && !(forget.stdout + forget.stderr).contains(id))
    #expect(dir.read("stats/inbox/usage/2026-11-20.ndjson")?.contains(id) == false)
    #expect(dir.read("stats/series/usage/daily.csv") != daily)
    let again = try await Shell.run("almanac usage export \(id)", cwd: dir.path)
    let none = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any]
    #expect((none?["events"] as? [Any])?.isEmpty == true)
    let bad = try await Shell.run("almanac usage forget 'not an id'", cwd: dir.path)
    #expect(bad.status == 64 && bad.stderr.contains("is not an installation id"))
  }

  @Test func theCollectorTokenNeverAppearsInOutputOrFiles() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let token = "usage-e2e-secret-token-4242"
    let fake = { var f = DemoUsageData.fake(asOf: Self.day); f.token = token; return f }()
    server.route("*", "/*") { fake.respond(to: $0) }
    let dir = TempDirectory("usage-token")
    try dir.write("almanac.yml", "targets: {}\nsources:\n  usage: {input: \"\(server.baseURL)\(DemoUsageData.path)\", token_env: COLLECTOR_TOKEN}\n")
    let env = ["COLLECTOR_TOKEN": token, "GITHUB_OUTPUT": dir.file("output"), "GITHUB_STEP_SUMMARY": dir.file("summary.md"), "GITHUB_ACTIONS": "true"]
    let ok = try await Shell.run("almanac run --date 2026-11-20 --site site && almanac config check", cwd: dir.path, environment: env)
    #expect(ok.status == 0, "\(ok.stderr)")
    #expect(ok.stdout.contains("source usage: GET \(server.baseURL)\(DemoUsageData.path); token from $COLLECTOR_TOKEN (set)"))
    #expect(server.requests.first?.header("authorization") == "Bearer \(token)")
    // A refused token: the night fails for usage, says why, and still never prints it.
    let refused = try await Shell.run("almanac run --date 2026-11-21", cwd: dir.path, environment: env.merging(["COLLECTOR_TOKEN": token + "-old"]) { $1 })
    #expect(refused.status != 0 && refused.stderr.contains("HTTP 401"))
    let output = ok.stdout + ok.stderr + refused.stdout + refused.stderr
    #expect(output.contains("::add-mask::\(token)") && !output.replacingOccurrences(of: "::add-mask::\(token)", with: "").contains(token))
    for (path, data) in dir.snapshot() {
      #expect(!String(decoding: data, as: UTF8.self).contains("e2e-secret-token"), "\(path)")
    }
  }

  @Test func fetchReadsIntoTheInboxAndAggregateWritesTheAggregates() async throws {
    let dir = TempDirectory("usage-stages")
    try dir.write("events/e.ndjson", DemoUsageData.lines(of: Self.day.adding(days: -1)).joined(separator: "\n"))
    try dir.write("almanac.yml", "targets: {}\nsources:\n  usage: {input: events/}\n")
    let refused = try await Shell.run("almanac fetch usage -o -", cwd: dir.path)
    #expect(refused.status == 64 && refused.stderr.contains("usage events never leave the inbox"), "\(refused.stderr)")
    let fetch = try await Shell.run("almanac fetch usage --date 2026-11-20", cwd: dir.path)
    #expect(fetch.status == 0, "\(fetch.stderr)")
    #expect(FileManager.default.fileExists(atPath: dir.file("stats/inbox/usage/2026-11-19.ndjson")) && dir.read("stats/series/usage/daily.csv") == nil)
    let aggregate = try await Shell.run("almanac aggregate --source usage --date 2026-11-20 && almanac normalize --source usage", cwd: dir.path)
    #expect(aggregate.stderr.contains("usage keeps no records"), "\(aggregate.stderr)")
    #expect(dir.read("stats/series/usage/daily.csv")?.contains("2026-11-19,all,all,") == true)
    try dir.write("almanac.yml", "targets: {}\nsources:\n  usage: {input: missing/}\n")
    let missing = try await Shell.run("almanac fetch usage --date 2026-11-20", cwd: dir.path)
    #expect(missing.status != 0 && missing.stderr.contains("missing/: no usage event files found"), "\(missing.stderr)")
  }
}
