/// Reddit's answers (api-notes §5), decoded strictly: a body without the documented shape is a
/// failure naming what was wrong, never an empty success. Reddit sometimes serves its error
/// object (`{"message": "Too Many Requests", "error": 429}`) with status 200, so the shape, not
/// the status, decides.
public enum Reddit {
  public static let source = "reddit"
  public static let defaultAuthURL = "https://www.reddit.com"
  public static let defaultAPIURL = "https://oauth.reddit.com"
  public static let defaultClientIDVariable = "REDDIT_CLIENT_ID"
  public static let defaultClientSecretVariable = "REDDIT_CLIENT_SECRET"
  /// The records' and series' dimension: one value per post and night (sparse: never gap-filled).
  public static let dimension = "reddit_post"
  /// The raw snapshot's endpoint for a post's answer.
  public static let postEndpoint = "post"
  public static let tokenEndpoint = "token"

  public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  /// What a night reads of a post. `author` is read only when `privacy.profiles` is above `off`;
  /// nobody else's name (commenters) is ever read.
  public struct Post: Equatable, Sendable {
    public var id: String
    public var subreddit: String
    public var title: String
    public var permalink: String
    public var createdUTC: Int64
    public var score: Int64
    /// `upvote_ratio` × 10,000, rounded (0.98 → 9800): values stay integers.
    public var upvoteRatioBP: Int64
    public var comments: Int64
    public var locked: Bool
    /// `removed_by_category` (`moderator`, `deleted`, `reddit`, `automod_filtered`, …); nil: live.
    public var removedBy: String?
    public var author: String?

    public init(
      id: String, subreddit: String, title: String, permalink: String, createdUTC: Int64, score: Int64, upvoteRatioBP: Int64,
      comments: Int64, locked: Bool, removedBy: String?, author: String?
    ) {
      self.id = id
      self.subreddit = subreddit
      self.title = title
      self.permalink = permalink
      self.createdUTC = createdUTC
      self.score = score
      self.upvoteRatioBP = upvoteRatioBP
      self.comments = comments
      self.locked = locked
      self.removedBy = removedBy
      self.author = author
    }

    /// The night's figures, as record categories.
    public var figures: [(category: String, value: Int64)] {
      [("comments", comments), ("locked", locked ? 1 : 0), ("removed", removedBy == nil ? 0 : 1), ("score", score), ("upvote_ratio_bp", upvoteRatioBP)]
    }
  }

  /// The token endpoint's answer: `{"access_token": …, "token_type": "bearer", "expires_in": s}`.
  public static func decodeToken(_ body: String) throws(Failure) -> (token: String, expiresIn: Int64) {
    let json = try parse(body)
    guard let token = json["access_token"]?.stringValue, !token.isEmpty, token.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
      throw Failure(message: "expected an object with `access_token`, found \(json["access_token"]?.kindName ?? json.kindName)")
    }
    guard json["token_type"]?.stringValue?.lowercased() == "bearer" else { throw Failure(message: "expected `token_type: bearer`") }
    return (token, json["expires_in"]?.int64Value ?? 0)
  }

  /// `GET /comments/{id}`: a two-element array of Listings whose first holds the post (`t3`).
  public static func decodeThread(_ body: String, id: String, keepAuthor: Bool) throws(Failure) -> Post {
    let json = try parse(body)
    guard let listings = json.arrayValue else { throw Failure(message: "expected an array of two Listings, found \(json.kindName)") }
    guard listings.count == 2, listings.allSatisfy({ $0["kind"]?.stringValue == "Listing" }) else {
      throw Failure(message: "expected an array of two Listings, found \(listings.count) element(s)")
    }
    guard let children = listings[0]["data"]?["children"]?.arrayValue else { throw Failure(message: "[0].data.children: expected a list") }
    guard children.count == 1, let child = children.first, child["kind"]?.stringValue == "t3", let d = child["data"], d.objectValue != nil else {
      throw Failure(message: "[0].data.children: expected one post (kind t3), found \(children.count) child(ren)")
    }
    func string(_ key: String) throws(Failure) -> String {
      guard let s = d[key]?.stringValue else { throw Failure(message: "post.\(key): expected a string, found \(d[key]?.kindName ?? "nothing")") }
      return s
    }
    func count(_ key: String, min: Int64 = 0) throws(Failure) -> Int64 {
      guard let n = d[key]?.int64Value, n >= min else { throw Failure(message: "post.\(key): expected a whole number, found \(d[key]?.kindName ?? "nothing")") }
      return n
    }
    let postID = try string("id")
    guard postID == id else { throw Failure(message: "post.id: asked for `\(id)`, the answer is about `\(postID)`") }
    guard let ratio = number(d["upvote_ratio"]), (0...1).contains(ratio) else {
      throw Failure(message: "post.upvote_ratio: expected a number from 0 to 1, found \(d["upvote_ratio"]?.kindName ?? "nothing")")
    }
    guard let created = number(d["created_utc"]), created >= 0, created < 1e11 else {
      throw Failure(message: "post.created_utc: expected epoch seconds, found \(d["created_utc"]?.kindName ?? "nothing")")
    }
    guard case .bool(let locked)? = d["locked"] else { throw Failure(message: "post.locked: expected a boolean, found \(d["locked"]?.kindName ?? "nothing")") }
    var removedBy: String?
    switch d["removed_by_category"] {
    case nil, .null?: removedBy = nil
    case .string(let s)? where !s.isEmpty && s.count <= 40 && s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }): removedBy = s
    case let other?: throw Failure(message: "post.removed_by_category: expected a category name or null, found \(other.kindName)")
    }
    // Post scores do not go below zero on Reddit; a negative one is clamped, not trusted.
    let score = max(0, try count("score", min: Int64.min))
    let author = keepAuthor ? d["author"]?.stringValue.flatMap { isUsername($0) ? $0 : nil } : nil
    return Post(
      id: postID, subreddit: try string("subreddit"), title: try string("title"), permalink: try string("permalink"), createdUTC: Int64(created),
      score: score, upvoteRatioBP: Int64((ratio * 10_000).rounded()), comments: try count("num_comments"), locked: locked, removedBy: removedBy,
      author: author)
  }

  static func number(_ v: JSONValue?) -> Double? {
    switch v {
    case .int(let i)?: Double(i)
    case .double(let d)? where d.isFinite: d
    default: nil
    }
  }

  static func parse(_ body: String) throws(Failure) -> JSONValue {
    let json: JSONValue
    do { json = try JSONParser.parse(body) } catch {
      throw Failure(message: body.lowercased().contains("<html") || body.lowercased().contains("<!doctype")
        ? "the body is an HTML page, not Reddit's JSON (a block page or an outage)" : "the body is not JSON (\(error))")
    }
    if let object = json.objectValue, let error = object["error"] {
      let message = object["message"]?.stringValue ?? "no message"
      throw Failure(message: "the answer is Reddit's error object (error \(error.int64Value.map(String.init) ?? error.stringValue ?? "?"): \(message))")
    }
    return json
  }

  /// Whether a body is Reddit's error object for a rate limit (sometimes sent with status 200).
  public static func isRateLimitBody(_ body: String) -> Bool {
    guard body.utf8.count < 4096, let json = try? JSONParser.parse(body) else { return false }
    return json["error"]?.int64Value == 429
  }
}
