@testable import AlmanacCLI
import AlmanacKit
import Foundation
import Testing

import AlmanacTestSupport

/// The ClickHouse part of the bundled demo recording is recorded, not written: the rows from
/// `scripts/make-demo-recording.py --clickhouse-rows` go into a real ClickHouse server night by
/// night, and the demo's own configuration runs each night against it (pypistats.org replayed
/// from the committed recording), with `--record`. The transport sends the public endpoint's
/// requests to the loopback server, so the recording holds the URLs the demo will ask for, and
/// no port or temp path.
///
/// This test fails when the committed files differ from a fresh recording. To re-record:
/// `ALMANAC_RECORD_DEMO=1 swift test --filter DemoRecording` (it writes the files, then fails
/// to say so), or `scripts/make-demo-recording`.
@Suite(.serialized, .enabled(if: ClickHouseTestServer.runnable, Comment(rawValue: ClickHouseTestServer.skipReason)))
struct DemoRecording {
  /// The recorded files' names start with one of these (the public ClickHouse endpoint, the
  /// GitHub API); the pypistats.org files belong to scripts/make-demo-recording.py.
  static let prefixes = [
    Recording.slug(method: "POST", url: PyPIClickHouse.defaultEndpoint + "/"),
    Recording.slug(method: "GET", url: GitHub.defaultBaseURL + "/"), Recording.slug(method: "POST", url: GitHub.defaultBaseURL + "/"),
    Recording.slug(method: "GET", url: Plausible.defaultBaseURL + "/"), Recording.slug(method: "GET", url: Sentry.defaultBaseURL + "/"),
    Recording.slug(method: "POST", url: Reddit.defaultAuthURL + "/"), Recording.slug(method: "GET", url: Reddit.defaultAPIURL + "/"),
    Recording.slug(method: "GET", url: DemoUsageData.baseURL + "/"),
  ]
  static func recorded(_ name: String) -> Bool { prefixes.contains { name.hasPrefix($0) } }

  @Test func theCommittedClickHouseRecordingIsWhatTheDemoAsksToday() async throws {
    let dir = TempDirectory("demo-recording")
    let data = try await DemoClickHouseData.generate(into: dir.file("rows"))
    let server = try await ClickHouseTestServer.fresh()
    // The GitHub API: the demo repository as GitHub shows it each night, from the same truth.
    let github = try DemoGitHubData(eventsTSV: dir.file("rows/events.tsv"))
    let githubServer = try FakeAPIServer()
    defer { githubServer.stop() }
    // Plausible: the demo's documentation site, launched after the first night.
    let plausibleServer = try FakeAPIServer()
    defer { plausibleServer.stop() }
    // Sentry: the demo project's error events.
    let sentryServer = try FakeAPIServer()
    defer { sentryServer.stop() }
    // Reddit: the token host and the API host, both answered by the demo's posts.
    let redditServer = try FakeAPIServer()
    defer { redditServer.stop() }
    // The telemetry collector: the last 14 days of usage events.
    let usageServer = try FakeAPIServer()
    defer { usageServer.stop() }
    let committed = Paths.demoRecording
    let nights = FileSystem.list(committed).compactMap { Day($0) }
    try #require(nights.count == 4)
    let config = DemoCommand.config(out: dir.file("out"))
    var fresh: [String: Data] = [:]
    for night in nights {
      try await data.load(into: server, upTo: night.adding(days: -1))
      let fake = GitHubFake([github.repo(asOf: night)], baseURL: GitHub.defaultBaseURL)
      githubServer.route("*", "/*") { fake.respond(to: $0) }
      let docs = DemoPlausibleData.fake(asOf: night)
      plausibleServer.route("*", "/*") { docs.respond(to: $0) }
      let errors = DemoSentryData.fake(asOf: night)
      sentryServer.route("*", "/*") { errors.respond(to: $0) }
      let posts = DemoRedditData.fake(asOf: night)
      redditServer.route("*", "/*") { posts.respond(to: $0) }
      let usage = DemoUsageData.fake(asOf: night)
      usageServer.route("*", "/*") { usage.respond(to: $0) }
      let recordDir = dir.file("rec/\(night)")
      try FileManager.default.createDirectory(atPath: recordDir, withIntermediateDirectories: true)
      var client = HTTPClient(
        transport: Self.transport(server: server, github: githubServer, plausible: plausibleServer, sentry: sentryServer, reddit: redditServer, usage: usageServer, replay: "\(committed)/\(night)"), policy: RetryPolicy(attempts: 1),
        recorder: Recorder(directory: recordDir), sleep: { _ in })
      client.deadline = nil
      let stages = Stages(store: Store(root: config.statsDir), console: Console(environment: [:], quiet: true), date: night)
      let lookback = night == nights.first ? DemoCommand.firstNightLookbackDays : nil
      let outcome = try await Nightly.run(
        config: config, client: client, stages: stages, lockTimeout: 10, lookbackDays: lookback, sources: DemoCommand.sources)
      #expect(outcome == .complete, "night \(night)")
      for name in FileSystem.list(recordDir) where Self.recorded(name) {
        let bytes = try #require(FileSystem.readData("\(recordDir)/\(name)"))
        fresh["\(night)/\(name).gz"] = bytes
      }
    }
    #expect(fresh.count > 20)
    // The roll-ups agree with each other, as ClickPy's (filled from one base table) do.
    var sums: [String] = []
    for table in ["per_day", "per_day_by_version_by_installer_by_type_by_country", "per_day_by_version_by_python", "per_day_by_version_by_system"] {
      sums.append(try await server.execute("SELECT sum(count) FROM pypi.pypi_downloads_\(table) WHERE project = 'tidewater'"))
    }
    #expect(Set(sums).count == 1, "\(sums)")
    for (path, bytes) in fresh {
      #expect(!String(decoding: bytes, as: UTF8.self).contains("127.0.0.1"), "\(path) names the loopback server")
    }
    var held: [String: Data] = [:]
    for night in nights {
      for name in FileSystem.list("\(committed)/\(night)") where Self.recorded(name) {
        let bytes = try #require(FileSystem.readData("\(committed)/\(night)/\(name)"))
        held["\(night)/\(name)"] = try Gzip.decompress(bytes)
      }
    }
    let stale = Set(fresh.keys).symmetricDifference(held.keys).union(fresh.keys.filter { held[$0] != nil && held[$0] != fresh[$0] }).sorted()
    if ProcessInfo.processInfo.environment["ALMANAC_RECORD_DEMO"] == "1" {
      for path in held.keys { try FileManager.default.removeItem(atPath: "\(committed)/\(path)") }
      for (path, bytes) in fresh { try Gzip.compress(bytes).write(to: URL(fileURLWithPath: "\(committed)/\(path)")) }
      let size = fresh.keys.reduce(0) { $0 + (FileSystem.readData("\(committed)/\($1)")?.count ?? 0) }
      Issue.record("recorded \(fresh.count) ClickHouse, GitHub, Plausible, Sentry, Reddit and usage exchanges (\(size) bytes gzipped) into \(committed); run again without ALMANAC_RECORD_DEMO")
      return
    }
    #expect(
      stale.isEmpty,
      "the demo's ClickHouse recording is out of date (\(stale.count) files, e.g. \(stale.prefix(3).joined(separator: ", "))): re-record it with scripts/make-demo-recording and commit Sources/AlmanacCLI/Resources/demo-recording")
  }

  /// The public endpoint's requests go to `server`, GitHub's to `github`, Plausible's to
  /// `plausible`; the rest is answered from `replay`.
  static func transport(server: ClickHouseTestServer, github: FakeAPIServer, plausible: FakeAPIServer, sentry: FakeAPIServer, reddit: FakeAPIServer, usage: FakeAPIServer, replay: String) -> HTTPTransport {
    let live = HTTPTransport.live()
    let recorded = HTTPTransport.replay(from: replay)
    return HTTPTransport { request, timeout in
      for (base, fake) in [(GitHub.defaultBaseURL, github), (Plausible.defaultBaseURL, plausible), (Sentry.defaultBaseURL, sentry), (Reddit.defaultAuthURL, reddit), (Reddit.defaultAPIURL, reddit), (DemoUsageData.baseURL, usage)] where request.url.hasPrefix(base + "/") {
        var local = request
        local.url = fake.baseURL + request.url.dropFirst(base.count)
        var response = try await live.send(local, timeout)
        response.url = request.url
        return response
      }
      guard request.url.hasPrefix(PyPIClickHouse.defaultEndpoint + "/") else { return try await recorded.send(request, timeout) }
      var local = request
      local.url = server.baseURL + request.url.dropFirst(PyPIClickHouse.defaultEndpoint.count)
      return try await live.send(local, timeout)
    }
  }
}
