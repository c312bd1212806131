import AlmanacKit
import Foundation
import Testing

import AlmanacTestSupport

/// The reddit source through the real binary: `almanac reddit add/list/remove` edit almanac.yml
/// in place, `config check` explains the source, `almanac run` against two loopback Reddit
/// fakes (token host, API host) writes series, posts.json, the report, summary, site, outputs
/// and step summary; no secret, token or commenter's name appears in any output or file; every
/// file validates against its schema; a rebuild from raw gives the same bytes.
@Suite(.serialized) struct RedditEndToEnd {
  static let secret = "e2e-reddit-secret-5f4e3d2c"
  static let token = "e2e-reddit-bearer-9a8b7c6d"

  @Test func addRunAndRebuild() async throws {
    let auth = try FakeAPIServer()
    let api = try FakeAPIServer()
    defer { auth.stop(); api.stop() }
    var post = RedditFake.Post(subreddit: "Python", title: "<script>alert(1)</script> launch", author: "op_person", createdUTC: 1_795_000_000.25, score: 321, upvoteRatio: 0.95, comments: 44)
    post.commenters = ["e2e_commenter"]
    let fake = RedditFake(clientID: "e2e-client-id", clientSecret: Self.secret, tokens: [Self.token], posts: ["1abc2de": post])
    auth.route("*", "/*") { fake.respond(to: $0) }
    api.route("*", "/*") { fake.respond(to: $0) }
    let dir = TempDirectory("reddit-run")
    let yaml = """
      # tracked posts below
      targets: {}
      sources:
        reddit:
          enabled: true
          username: e2e_maintainer   # the app's owner
          posts: []
          auth_url: "\(auth.baseURL)"
          api_url: "\(api.baseURL)"

      """
    try dir.write("almanac.yml", yaml)
    let added = try await Shell.run("almanac reddit add 'https://www.reddit.com/r/Python/comments/1abc2de/launch/' --label 'launch post'", cwd: dir.path)
    #expect(added.status == 0, "\(added.stderr)")
    #expect(dir.read("almanac.yml")?.contains("# tracked posts below\n") == true && dir.read("almanac.yml")?.contains("username: e2e_maintainer   # the app's owner\n") == true)
    let list = try await Shell.run("almanac reddit list", cwd: dir.path)
    #expect(list.stdout == "1abc2de\tlaunch post\thttps://www.reddit.com/r/Python/comments/1abc2de/launch/\n")
    let bad = try await Shell.run("almanac reddit add https://www.reddit.com/r/Python/", cwd: dir.path)
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("is not the address of a Reddit post"))

    let env = ["REDDIT_CLIENT_ID": "e2e-client-id", "REDDIT_CLIENT_SECRET": Self.secret, "GITHUB_OUTPUT": dir.file("output"), "GITHUB_STEP_SUMMARY": dir.file("step"), "GITHUB_ACTIONS": "true"]
    let check = try await Shell.run("almanac config check", cwd: dir.path, environment: env)
    #expect(check.stdout.contains("source reddit: 1 post(s): launch post; app-only OAuth"), "\(check.stdout)\(check.stderr)")
    let started = Date()
    let r = try await Shell.run("almanac run --date 2026-11-21 --site site", cwd: dir.path, environment: env)
    let seconds = Date().timeIntervalSince(started)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("::add-mask::\(Self.token)"))
    #expect(r.stderr.contains("reddit: 2 request(s)"))
    print("reddit e2e: one-post night, \(auth.requests.count + api.requests.count) requests, almanac run took \(Int(seconds * 1000)) ms")
    // Only the masking commands may name a secret (they tell the runner what to hide).
    let outputs = r.stdout + r.stderr.split(separator: "\n").filter { !$0.hasPrefix("::add-mask::") }.joined(separator: "\n")
    for secret in [Self.secret, Self.token, "e2e_commenter", "op_person"] { #expect(!outputs.contains(secret), "\(secret)") }
    let report = try #require(dir.read("stats/REPORT.md"))
    #expect(report.contains("## Reddit posts"))
    #expect(report.contains("| launch post | r/Python | 2026-11-21 | 2026-11-21 | 321 | new | 44 | new | 95% | live |"), "\(report)")
    #expect(dir.read("stats/summary.json")?.contains("\"reddit\"") == true)
    #expect(dir.read("output")?.contains("reddit-score=321") == true)
    #expect(dir.read("step")?.contains("321 points") == true)
    let html = try #require(dir.read("site/index.html"))
    #expect(html.contains("Reddit posts") && !html.contains("<script>alert(1)"))
    let files = FileManager.default.subpaths(atPath: dir.file("stats"))?.compactMap { dir.read("stats/\($0)") }.joined() ?? ""
    for never in [Self.secret, Self.token, "e2e_commenter", "op_person", "e2e-client-id"] { #expect(!files.contains(never), "\(never)") }

    let checker = ProcessInfo.processInfo.environment["CHECK_JSONSCHEMA"] ?? ""
    if FileManager.default.isExecutableFile(atPath: checker) {
      let v = try await Shell.run("'\(Paths.packageRoot)/scripts/validate-store' '\(dir.file("stats"))' --config '\(dir.file("almanac.yml"))'", environment: ["CHECK_JSONSCHEMA": checker])
      #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
    }

    let series = try #require(dir.read("stats/series/reddit/1abc2de.csv"))
    let posts = try #require(dir.read("stats/series/reddit/posts.json"))
    try FileManager.default.removeItem(atPath: dir.file("stats/series"))
    let rebuild = try await Shell.run("almanac aggregate --rebuild --source reddit --date 2026-11-21", cwd: dir.path, environment: env)
    #expect(rebuild.status == 0, "\(rebuild.stderr)")
    #expect(dir.read("stats/series/reddit/1abc2de.csv") == series)
    #expect(dir.read("stats/series/reddit/posts.json") == posts)

    // The records rebuild from the raw snapshot through the generic normalize stage.
    let records = try #require(dir.read("stats/records/reddit/2026-11-21.csv"))
    try FileManager.default.removeItem(atPath: dir.file("stats/records"))
    let normalized = try await Shell.run("almanac normalize --all --source reddit --date 2026-11-21", cwd: dir.path, environment: env)
    #expect(normalized.status == 0, "\(normalized.stderr)")
    #expect(dir.read("stats/records/reddit/2026-11-21.csv") == records)

    let removed = try await Shell.run("almanac reddit remove 1abc2de", cwd: dir.path)
    #expect(removed.status == 0, "\(removed.stderr)")
    #expect(dir.read("almanac.yml") == yaml)
  }

  /// A hostile Reddit that reflects the client secret and the bearer in a post's title and in
  /// error bodies: neither reaches stdout, stderr, a file under stats/ or a recording.
  @Test func reflectedSecretsNeverReachOutputFilesOrRecordings() async throws {
    let auth = try FakeAPIServer()
    let api = try FakeAPIServer()
    defer { auth.stop(); api.stop() }
    let post = RedditFake.Post(subreddit: "Python", title: "title with \(Self.token) and \(Self.secret)", author: "op_person", createdUTC: 1_795_000_000, score: 5, upvoteRatio: 1, comments: 0)
    let fake = RedditFake(clientID: "e2e-client-id-77", clientSecret: Self.secret, tokens: [Self.token], posts: ["1abc2de": post])
    auth.route("*", "/*") { fake.respond(to: $0) }
    api.route("*", "/*") { fake.respond(to: $0) }
    api.route("/comments/2bcd3ef", .json(500, #"{"message": "boom near \#(Self.token) \#(Self.secret) e2e-client-id-77", "error": 500}"#))
    let dir = TempDirectory("reddit-hostile")
    try dir.write("almanac.yml", """
      targets: {}
      sources:
        reddit:
          username: e2e_maintainer
          posts: ["https://redd.it/1abc2de", "https://redd.it/2bcd3ef"]
          auth_url: "\(auth.baseURL)"
          api_url: "\(api.baseURL)"
      http: {attempts: 1}

      """)
    let env = ["REDDIT_CLIENT_ID": "e2e-client-id-77", "REDDIT_CLIENT_SECRET": Self.secret]
    let r = try await Shell.run("almanac run --date 2026-11-21 --record rec", cwd: dir.path, environment: env)
    #expect(r.status == 3, "\(r.stderr)")
    #expect(r.stderr.contains("boom near *** ***"), "\(r.stderr)")
    for secret in [Self.token, Self.secret, "e2e-client-id-77"] {
      #expect(!r.stdout.contains(secret) && !r.stderr.contains(secret), "\(secret)")
      for (path, data) in dir.snapshot() where path != "almanac.yml" {
        #expect(!String(decoding: data, as: UTF8.self).contains(secret), "\(path) holds \(secret)")
      }
    }
    #expect(dir.snapshot().keys.contains { $0.hasPrefix("rec/POST_") })
  }
}
