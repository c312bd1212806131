import AlmanacKit
import Foundation

/// Reddit as a pure function of the request, from api-notes §5, for two hosts: the token
/// endpoint (`POST /api/v1/access_token`, HTTP Basic client id and secret, form body
/// `grant_type=client_credentials`; bad credentials 401) and the OAuth API (`GET
/// /comments/{id}` with `Authorization: bearer <token>`; no `.json` suffix there). A
/// User-Agent not in Reddit's form gets the 429 error body; an unknown or expired token 401; a
/// post in a quarantined or private subreddit 403 with its `reason`; a missing post 404. A post
/// answers as the two-Listing array with comments (`t1` with commenters' names, a `more` stub,
/// `replies: ""`) and the `x-ratelimit-*` headers (reset in seconds from now).
public struct RedditFake: Sendable {
  public struct Post: Sendable {
    public var subreddit: String
    public var title: String
    public var author: String
    public var createdUTC: Double
    public var score: Int
    public var upvoteRatio: Double
    public var comments: Int
    public var locked = false
    public var removedBy: String?
    public var commenters: [String] = ["commenter_zed", "commenter_amy"]

    public init(subreddit: String, title: String, author: String, createdUTC: Double, score: Int, upvoteRatio: Double, comments: Int) {
      self.subreddit = subreddit
      self.title = title
      self.author = author
      self.createdUTC = createdUTC
      self.score = score
      self.upvoteRatio = upvoteRatio
      self.comments = comments
    }
  }

  public var clientID: String
  public var clientSecret: String
  /// Bearer tokens this fake accepts; the token endpoint issues the first.
  public var tokens: [String]
  public var posts: [String: Post]
  public var quarantined: Set<String> = []
  public var privateSubreddits: Set<String> = []
  public var remaining = 99.0
  /// Seconds to the end of the rate-limit window (`x-ratelimit-reset`).
  public var reset = 420

  public init(clientID: String, clientSecret: String, tokens: [String], posts: [String: Post]) {
    self.clientID = clientID
    self.clientSecret = clientSecret
    self.tokens = tokens
    self.posts = posts
  }

  public static func error(_ status: Int, _ message: String, reason: String? = nil) -> FakeResponse {
    var o: [String: JSONValue] = ["message": .string(message), "error": .int(Int64(status))]
    if let reason { o["reason"] = .string(reason) }
    return .json(status, CanonicalJSON.encodeCompact(.object(o)))
  }

  /// `<platform>:<app ID>:<version> (by /u/<username>)`.
  public static func isDescriptive(_ ua: String?) -> Bool {
    guard let ua, let by = ua.range(of: " (by /u/"), ua.hasSuffix(")") else { return false }
    let parts = ua[..<by.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
    return parts.count == 3 && parts.allSatisfy { !$0.isEmpty } && ua[by.upperBound...].dropLast().count >= 3
  }

  public func respond(to r: FakeRequest) -> FakeResponse {
    guard Self.isDescriptive(r.header("user-agent")) else { return Self.error(429, "Too Many Requests") }
    if r.path == "/api/v1/access_token" { return token(r) }
    return api(r)
  }

  func token(_ r: FakeRequest) -> FakeResponse {
    guard r.method == "POST" else { return Self.error(405, "Method Not Allowed") }
    let expected = "Basic " + Data("\(clientID):\(clientSecret)".utf8).base64EncodedString()
    guard r.header("authorization") == expected else { return Self.error(401, "Unauthorized") }
    guard r.header("content-type")?.hasPrefix("application/x-www-form-urlencoded") == true, r.bodyText == "grant_type=client_credentials" else {
      return .json(200, #"{"error": "unsupported_grant_type"}"#)
    }
    return .json(200, CanonicalJSON.encodeCompact(.object([
      "access_token": .string(tokens.first ?? ""), "token_type": .string("bearer"), "expires_in": .int(86400), "scope": .string("*"),
    ])))
  }

  func api(_ r: FakeRequest) -> FakeResponse {
    guard let auth = r.header("authorization"), auth.lowercased().hasPrefix("bearer "), tokens.contains(String(auth.dropFirst(7))) else {
      return Self.error(401, "Unauthorized")
    }
    let parts = r.path.split(separator: "/").map(String.init)
    guard parts.count == 2, parts[0] == "comments", let post = posts[parts[1]] else { return Self.error(404, "Not Found") }
    if quarantined.contains(post.subreddit) { return Self.error(403, "Forbidden", reason: "quarantined") }
    if privateSubreddits.contains(post.subreddit) { return Self.error(403, "Forbidden", reason: "private") }
    let id = parts[1]
    let data: JSONValue = .object([
      "id": .string(id), "name": .string("t3_\(id)"), "title": .string(post.title), "subreddit": .string(post.subreddit),
      "subreddit_name_prefixed": .string("r/\(post.subreddit)"), "author": .string(post.removedBy == nil ? post.author : "[deleted]"),
      "author_fullname": .string("t2_4esadt4t"), "selftext": .string(post.removedBy == nil ? "" : "[removed]"),
      "score": .int(Int64(post.score)), "ups": .int(Int64(post.score)), "downs": .int(0), "upvote_ratio": .double(post.upvoteRatio),
      "num_comments": .int(Int64(post.comments)), "num_crossposts": .int(0), "created": .double(post.createdUTC), "created_utc": .double(post.createdUTC),
      "permalink": .string("/r/\(post.subreddit)/comments/\(id)/\(post.title.lowercased().filter { $0.isLetter || $0 == " " }.replacingOccurrences(of: " ", with: "_"))/"),
      "url": .string("https://github.com/OWNER/REPO"), "is_self": .bool(false), "over_18": .bool(false), "hide_score": .bool(false),
      "locked": .bool(post.locked), "archived": .bool(false), "stickied": .bool(false),
      "removed_by_category": post.removedBy.map { .string($0) } ?? .null, "subreddit_subscribers": .int(310668),
    ])
    func listing(_ children: [JSONValue], modhash: JSONValue = .string("")) -> JSONValue {
      .object(["kind": .string("Listing"), "data": .object(["after": .null, "before": .null, "dist": .null, "modhash": modhash, "geo_filter": .string(""), "children": .array(children)])])
    }
    let comments: [JSONValue] = post.commenters.enumerated().map { i, name in
      .object(["kind": .string("t1"), "data": .object([
        "id": .string("c\(i)"), "author": .string(name), "body": .string("nice"), "score": .int(3), "created_utc": .double(post.createdUTC + 60), "replies": .string(""),
      ])])
    } + [.object(["kind": .string("more"), "data": .object(["count": .int(12), "children": .array([.string("c9")])])])]
    let body = CanonicalJSON.encodeCompact(.array([listing([.object(["kind": .string("t3"), "data": data])]), listing(comments, modhash: .null)]))
    return .json(200, body, headers: [
      ("x-ratelimit-used", String(Int(100 - remaining))), ("x-ratelimit-remaining", "\(remaining)"), ("x-ratelimit-reset", String(reset)),
    ])
  }
}
