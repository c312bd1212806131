import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// The reddit source against two loopback Reddit fakes (api-notes §5): the token host gets the
/// client id and secret, the API host the bearer token, neither the other's. Each night keeps
/// each post's score, upvote ratio, comments and removed/locked state; deleted posts, 200 bodies
/// that are Reddit's error object, 403 quarantined and private subreddits, 429 with
/// `x-ratelimit-reset`, wrong credentials and an expired token each say what happened.
@Suite struct RedditNights {
  static let id = "client-id-0123"
  static let secret = "reddit-secret-abcdef987654"
  static let token = "reddit-bearer-zyxw-4242"
  static let launch = "116yyx6"
  static let other = "1abc2de"

  static func fake(score: Int = 100, comments: Int = 10) -> RedditFake {
    var launchPost = RedditFake.Post(subreddit: "swift", title: "Show r/swift: a flat-file metrics pipeline", author: "post_author_pat", createdUTC: 1_795_000_000.0, score: score, upvoteRatio: 0.97, comments: comments)
    launchPost.commenters = ["commenter_zed", "commenter_amy"]
    let other = RedditFake.Post(subreddit: "python", title: "almanac 1.0", author: "post_author_pat", createdUTC: 1_795_100_000.5, score: 7 + score - 100, upvoteRatio: 0.8, comments: 2)
    return RedditFake(clientID: id, clientSecret: secret, tokens: [token], posts: [launch: launchPost, Self.other: other])
  }

  struct Servers {
    let auth: FakeAPIServer
    let api: FakeAPIServer
    func serve(_ fake: RedditFake) {
      auth.route("*", "/*") { fake.respond(to: $0) }
      api.route("*", "/*") { fake.respond(to: $0) }
    }
    func stop() { auth.stop(); api.stop() }
  }

  static func servers(_ fake: RedditFake = Self.fake()) throws -> Servers {
    let s = Servers(auth: try FakeAPIServer(), api: try FakeAPIServer())
    s.serve(fake)
    return s
  }

  static func config(_ s: Servers, posts: [String] = [launch, other], profiles: GitHubProfile.Level = .off) -> Config {
    var config = Config()
    var r = Config.RedditSource()
    r.username = "almanac_maintainer"
    r.posts = posts.compactMap { Reddit.TrackedPost(url: "https://www.reddit.com/r/swift/comments/\($0)/title/", label: $0 == launch ? "launch" : nil) }
    r.authURL = s.auth.baseURL
    r.apiURL = s.api.baseURL
    config.reddit = r
    config.privacy.profiles = profiles
    return config
  }

  static func night(
    _ dir: TempDirectory, _ s: Servers, _ day: Day, config: Config? = nil, env: [String: String]? = nil, sleeps: Sleeps = Sleeps(), attempts: Int = 1
  ) async throws -> (SourceResult, Stages) {
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: day)
    let result = try await RedditNightly(environment: env ?? ["REDDIT_CLIENT_ID": id, "REDDIT_CLIENT_SECRET": secret])
      .night(Night(config: config ?? Self.config(s), client: client(attempts: attempts, sleeps: sleeps), stages: stages))
    return (result, stages)
  }

  static func storeText(_ dir: TempDirectory) -> String {
    FileManager.default.subpaths(atPath: dir.file("stats"))?.sorted().compactMap { dir.read("stats/\($0)") }.joined(separator: "\n") ?? ""
  }

  @Test func eachNightKeepsEachPostsFiguresAndAReRunChangesNothing() async throws {
    let s = try Self.servers()
    defer { s.stop() }
    let dir = TempDirectory("reddit-nights")
    let started = ContinuousClock.now
    let (r1, _) = try await Self.night(dir, s, Day("2026-11-20")!)
    print("reddit night against the fake: 2 posts, \(s.auth.requests.count + s.api.requests.count) requests, \(ContinuousClock.now - started)")
    #expect(r1.status == .complete)
    let series = try #require(dir.read("stats/series/reddit/116yyx6.csv"))
    for row in ["score,100", "comments,10", "upvote_ratio_bp,9700", "removed,0", "locked,0"] {
      #expect(series.contains("116yyx6,reddit,2026-11-20,reddit_post,\(row),2026-11-20"), "\(row)")
    }
    let posts = try #require(dir.read("stats/series/reddit/posts.json"))
    #expect(posts.contains(#""first_night": "2026-11-20""#))
    #expect(posts.contains(#""created_utc": 1795100000"#))
    // One token, then one request per post; each host saw only its own credential.
    #expect(s.auth.requests.map { "\($0.method) \($0.path)" } == ["POST /api/v1/access_token"])
    #expect(s.auth.requests[0].header("authorization") == "Basic " + Data("\(Self.id):\(Self.secret)".utf8).base64EncodedString())
    #expect(s.api.requests.map(\.path) == ["/comments/116yyx6", "/comments/1abc2de"])
    #expect(s.api.requests.allSatisfy { $0.header("authorization") == "bearer \(Self.token)" && $0.query("raw_json") == "1" })
    #expect(s.api.requests.allSatisfy { $0.header("user-agent") == "linux:almanac:v\(HTTPClient.version) (by /u/almanac_maintainer)" })
    // No commenter's name, nor the author's (profiles are off), nor a secret, anywhere.
    let all = Self.storeText(dir)
    for never in ["commenter_zed", "commenter_amy", "post_author_pat", Self.secret, Self.token, Self.id] { #expect(!all.contains(never), "\(never)") }

    // The next night adds a value per post; the first night stays; a re-run writes nothing.
    s.serve(Self.fake(score: 130, comments: 14))
    let (r2, _) = try await Self.night(dir, s, Day("2026-11-21")!)
    #expect(r2.status == .complete)
    #expect(dir.read("stats/series/reddit/116yyx6.csv")?.contains("116yyx6,reddit,2026-11-21,reddit_post,score,130,2026-11-21") == true)
    #expect(dir.read("stats/series/reddit/116yyx6.csv")?.contains("2026-11-20,reddit_post,score,100") == true)
    #expect(dir.read("stats/series/reddit/posts.json")?.contains(#""first_night": "2026-11-20""#) == true)
    let (r3, stages3) = try await Self.night(dir, s, Day("2026-11-21")!)
    #expect(r3.status == .complete)
    #expect(stages3.written.all.isEmpty, "\(stages3.written.all)")

    let rendering = try RedditNightly().render(Night(config: Self.config(s), client: client(), stages: stages3))
    #expect(rendering.reportSection.contains("| launch | r/swift | 2026-11-20 | 2026-11-21 | 130 | +30 | 14 | +4 | 97% | live |"), "\(rendering.reportSection)")
    #expect(rendering.headlines == ["130 points on Reddit"])
    #expect(rendering.site.panels.map(\.html).joined().contains("first night"))
  }

  @Test func theAuthorIsKeptOnlyWithProfilesAboveOff() async throws {
    let s = try Self.servers()
    defer { s.stop() }
    let dir = TempDirectory("reddit-author")
    _ = try await Self.night(dir, s, Day("2026-11-20")!, config: Self.config(s, profiles: .basic))
    #expect(dir.read("stats/series/reddit/posts.json")?.contains(#""author": "post_author_pat""#) == true)
    #expect(!Self.storeText(dir).contains("commenter_zed"))
    // Profiles back to off: the next aggregate drops the author from posts.json.
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: Day("2026-11-20")!)
    try RedditNightly().aggregate(stages, config: Self.config(s), rebuild: false)
    #expect(dir.read("stats/series/reddit/posts.json")?.contains("post_author_pat") == false)
  }

  @Test func aRemovedAndLockedPostKeepsItsFiguresWithItsState() async throws {
    var fake = Self.fake()
    fake.posts[Self.launch]?.removedBy = "moderator"
    fake.posts[Self.launch]?.locked = true
    let s = try Self.servers(fake)
    defer { s.stop() }
    let dir = TempDirectory("reddit-removed")
    let (r, stages) = try await Self.night(dir, s, Day("2026-11-20")!)
    #expect(r.status == .complete)
    let series = try #require(dir.read("stats/series/reddit/116yyx6.csv"))
    #expect(series.contains("reddit_post,removed,1,") && series.contains("reddit_post,locked,1,"))
    #expect(dir.read("stats/series/reddit/posts.json")?.contains(#""removed_by": "moderator""#) == true)
    let rendering = try RedditNightly().render(Night(config: Self.config(s), client: client(), stages: stages))
    #expect(rendering.reportSection.contains("| removed (moderator) |"))
  }

  /// A deleted post (404), a quarantined or private subreddit (403 with its reason) and the HTML
  /// block page: the night is partial, the other post is saved, the message says what to do.
  @Test(arguments: [
    (RedditFake.error(404, "Not Found"), "was not found: it was deleted, or the id is wrong; its history is kept, remove it with `almanac reddit remove 116yyx6`"),
    (RedditFake.error(403, "Forbidden", reason: "quarantined"), "is in a quarantined subreddit, which app-only tokens cannot read"),
    (RedditFake.error(403, "Forbidden", reason: "private"), "is in a private subreddit"),
    (FakeResponse.html(403, "<html><body>whoa there, pardner! Your request has been blocked due to a network policy.</body></html>"), "Reddit's network block page answered post 116yyx6"),
  ])
  func aPostRedditCannotServeIsNamedAndTheOthersAreSaved(_ answer: FakeResponse, _ message: String) async throws {
    let s = try Self.servers()
    defer { s.stop() }
    let dir = TempDirectory("reddit-gone")
    _ = try await Self.night(dir, s, Day("2026-11-20")!)
    s.api.enqueue("/comments/116yyx6", [answer])
    let (r, _) = try await Self.night(dir, s, Day("2026-11-21")!)
    #expect(r.status == .partial)
    let raw = try #require(dir.read("stats/raw/reddit/2026-11-21.json"))
    #expect(raw.contains(message), "\(raw)")
    #expect(dir.read("stats/series/reddit/1abc2de.csv")?.contains("2026-11-21,reddit_post,score,7") == true)
    #expect(dir.read("stats/series/reddit/116yyx6.csv")?.contains("2026-11-20,reddit_post,score,100") == true)
    #expect(dir.read("stats/series/reddit/116yyx6.csv")?.contains("2026-11-21") == false)
  }

  /// Reddit's error object with status 200, an HTML page, one Listing, another post, a bad
  /// ratio: failures that keep the night's earlier answer, never an empty success.
  @Test(arguments: [
    FakeResponse.json(200, #"{"message": "Too Many Requests", "error": 429}"#), FakeResponse.html(200, "<html>maintenance</html>"),
    FakeResponse.json(200, #"[{"kind": "Listing", "data": {"children": []}}]"#), FakeResponse.json(200, "[]"),
    FakeResponse.json(200, #"[{"kind":"Listing","data":{"children":[{"kind":"t3","data":{"id":"zzz9"}}]}},{"kind":"Listing","data":{"children":[]}}]"#),
    FakeResponse.json(200, #"[{"kind":"Listing","data":{"children":[{"kind":"t3","data":{"id":"116yyx6","subreddit":"swift","title":"t","permalink":"/r/x","created_utc":1.5,"score":3,"upvote_ratio":"high","num_comments":1,"locked":false}}]}},{"kind":"Listing","data":{"children":[]}}]"#),
  ])
  func aBadBodyIsAFailureAndKeepsTheEarlierAnswer(_ bad: FakeResponse) async throws {
    let s = try Self.servers()
    defer { s.stop() }
    let dir = TempDirectory("reddit-bad")
    let day = Day("2026-11-20")!
    _ = try await Self.night(dir, s, day)
    let records = try #require(dir.read("stats/records/reddit/2026-11-20.csv"))
    s.serve(Self.fake(score: 555))
    s.api.enqueue("/comments/116yyx6", [bad])
    let (r, _) = try await Self.night(dir, s, day)
    #expect(r.status == .partial)
    let now = try #require(dir.read("stats/records/reddit/2026-11-20.csv"))
    #expect(now.contains("2026-11-20,116yyx6,reddit,reddit_post,score,100"), "\(now)")
    #expect(now.contains("2026-11-20,1abc2de,reddit,reddit_post,score,462"), "\(now)")
    #expect(now != records, "the other post's new score is saved")
    #expect(dir.read("stats/raw/reddit/2026-11-20.json")?.contains("116yyx6") == true)
  }

  /// A 429 (or the 429 body with status 200) waits `x-ratelimit-reset` seconds (relative, not
  /// epoch) and goes on; a reset past http.max_retry_wait ends the night partial.
  @Test func aRateLimitWaitsForTheResetInSeconds() async throws {
    let s = try Self.servers()
    defer { s.stop() }
    let headers = [("x-ratelimit-remaining", "0.0"), ("x-ratelimit-used", "100"), ("x-ratelimit-reset", "7")]
    s.api.enqueue("/comments/116yyx6", [
      .json(429, #"{"message": "Too Many Requests", "error": 429}"#, headers: headers), .json(200, #"{"message": "Too Many Requests", "error": 429}"#, headers: headers),
    ])
    let sleeps = Sleeps()
    let dir = TempDirectory("reddit-429")
    let (r, _) = try await Self.night(dir, s, Day("2026-11-20")!, sleeps: sleeps, attempts: 3)
    #expect(r.status == .complete)
    #expect(sleeps.all == [7, 7])

    s.api.enqueue("/comments/1abc2de", [.json(429, #"{"message": "Too Many Requests", "error": 429}"#, headers: [("x-ratelimit-reset", "540")])])
    let (late, _) = try await Self.night(dir, s, Day("2026-11-21")!, sleeps: sleeps, attempts: 3)
    #expect(late.status == .partial)
    #expect(dir.read("stats/raw/reddit/2026-11-21.json")?.contains("more than http.max_retry_wait") == true)
  }

  /// `x-ratelimit-remaining: 0.0` on an answer: the next post waits for the reset when that is
  /// within http.max_retry_wait, else the rest of the night is not asked (and says why).
  @Test func anEmptyRateBudgetWaitsBeforeTheNextPostOrEndsTheNight() async throws {
    var fake = Self.fake()
    fake.remaining = 0
    fake.reset = 9
    let s = try Self.servers(fake)
    defer { s.stop() }
    let sleeps = Sleeps()
    let dir = TempDirectory("reddit-budget")
    let (r, _) = try await Self.night(dir, s, Day("2026-11-20")!, sleeps: sleeps)
    #expect(r.status == .complete)
    #expect(sleeps.all == [9])
    fake.reset = 400
    s.serve(fake)
    let (late, _) = try await Self.night(dir, s, Day("2026-11-21")!, sleeps: sleeps)
    #expect(late.status == .partial)
    #expect(sleeps.all == [9])
    #expect(dir.read("stats/raw/reddit/2026-11-21.json")?.contains("not asked: Reddit's rate limit is spent for 400 s more, longer than http.max_retry_wait (60 s)") == true)
    #expect(dir.read("stats/series/reddit/116yyx6.csv")?.contains("2026-11-21") == true)
  }

  @Test func wrongOrMissingCredentialsSayWhichVariablesToSet() async throws {
    let s = try Self.servers()
    defer { s.stop() }
    let dir = TempDirectory("reddit-auth")
    let (wrong, stages) = try await Self.night(dir, s, Day("2026-11-20")!, env: ["REDDIT_CLIENT_ID": Self.id, "REDDIT_CLIENT_SECRET": "wrong-secret-0000"])
    #expect(wrong.status == .failed)
    #expect(s.api.requests.isEmpty)
    let night = Night(config: Self.config(s), client: client(attempts: 1), stages: stages)
    let refused = await RedditNightly(environment: ["REDDIT_CLIENT_ID": Self.id, "REDDIT_CLIENT_SECRET": "wrong-secret-0000"]).fetch(night)
    #expect(refused.failures.first?.message.contains("HTTP 401") == true)
    #expect(refused.failures.first?.message.contains("Reddit refused the client id and secret: check the variables sources.reddit.client_id_env and client_secret_env") == true)
    #expect(!refused.failures.contains { $0.message.contains("wrong-secret-0000") })
    let none = await RedditNightly(environment: [:]).fetch(night)
    #expect(none.failures.first?.message.contains("set the variables REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET") == true)
  }

  /// A 401 on a post (the token expired mid-run) asks for a fresh token once and goes on.
  @Test func anExpiredTokenIsRefreshedOnce() async throws {
    let s = try Self.servers()
    defer { s.stop() }
    s.api.enqueue("/comments/1abc2de", [RedditFake.error(401, "Unauthorized")])
    let dir = TempDirectory("reddit-expired")
    let (r, _) = try await Self.night(dir, s, Day("2026-11-20")!)
    #expect(r.status == .complete)
    #expect(s.auth.requests.count == 2)
    #expect(s.api.requests.map(\.path) == ["/comments/116yyx6", "/comments/1abc2de", "/comments/1abc2de"])
  }

  /// The client id and secret never reach the API host, and the bearer never the token host,
  /// even when both are on one host name with different ports.
  @Test func eachCredentialGoesOnlyToItsOwnOrigin() async throws {
    let s = try Self.servers()
    defer { s.stop() }
    let dir = TempDirectory("reddit-origins")
    _ = try await Self.night(dir, s, Day("2026-11-20")!)
    #expect(s.api.requests.allSatisfy { !($0.header("authorization") ?? "").hasPrefix("Basic") })
    #expect(s.auth.requests.allSatisfy { !($0.header("authorization") ?? "").lowercased().hasPrefix("bearer") })
    // A redirect from the API host to another origin drops the bearer.
    s.api.enqueue("/comments/116yyx6", [FakeResponse.redirect(301, s.auth.baseURL + "/comments/116yyx6")])
    let before = s.auth.requests.count
    _ = try await Self.night(dir, s, Day("2026-11-21")!)
    let redirected = s.auth.requests.dropFirst(before).filter { $0.path.hasPrefix("/comments/") }
    #expect(redirected.count == 1)
    #expect(redirected.allSatisfy { $0.header("authorization") == nil })
    // A token endpoint that redirects to another origin (as reddit.com → www.reddit.com does)
    // gets the client id and secret; the new origin does not.
    s.auth.enqueue("/api/v1/access_token", [FakeResponse.redirect(301, s.api.baseURL + "/api/v1/access_token")])
    let apiBefore = s.api.requests.count
    let (moved, _) = try await Self.night(dir, s, Day("2026-11-22")!)
    #expect(moved.status == .failed)
    let followed = s.api.requests.dropFirst(apiBefore)
    #expect(followed.map(\.path) == ["/api/v1/access_token"])
    #expect(followed.allSatisfy { $0.header("authorization") == nil })
  }

  @Test func rebuildingFromRawGivesTheSameBytes() async throws {
    let s = try Self.servers()
    defer { s.stop() }
    let dir = TempDirectory("reddit-rebuild")
    for (i, day) in ["2026-11-18", "2026-11-19", "2026-11-21"].compactMap(Day.init).enumerated() {
      s.serve(Self.fake(score: 100 + i * 17, comments: 10 + i))
      _ = try await Self.night(dir, s, day, config: Self.config(s, profiles: .basic))
    }
    let series = try #require(dir.read("stats/series/reddit/116yyx6.csv"))
    let posts = try #require(dir.read("stats/series/reddit/posts.json"))
    try FileManager.default.removeItem(atPath: dir.file("stats/series"))
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: Day("2026-11-21")!)
    try RedditNightly().aggregate(stages, config: Self.config(s, profiles: .basic), rebuild: true)
    #expect(dir.read("stats/series/reddit/116yyx6.csv") == series)
    #expect(dir.read("stats/series/reddit/posts.json") == posts)
    #expect(posts.contains(#""first_night": "2026-11-18""#) && posts.contains(#""newest_night": "2026-11-21""#))
  }
}
