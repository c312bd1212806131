/// The requests a night makes and what their error answers mean (api-notes §5.2, §5.3).
extension Reddit {
  /// Reddit's required form, `<platform>:<app ID>:<version> (by /u/<username>)`; generic
  /// User-Agents are throttled or blocked.
  public static func userAgent(username: String, version: String) -> String {
    #if os(Linux)
      let platform = "linux"
    #elseif os(macOS)
      let platform = "macos"
    #else
      let platform = "unknown"
    #endif
    return "\(platform):almanac:v\(version) (by /u/\(username))"
  }

  public static func tokenURL(auth: String) -> String { "\(trimmed(auth))/api/v1/access_token" }
  public static let tokenRequestBody = "grant_type=client_credentials"

  /// The post and one top comment at most (the comments are never read); no `.json` suffix on
  /// the OAuth host.
  public static func threadURL(api: String, id: String) -> String {
    "\(trimmed(api))/comments/\(id)?" + URLQuery.encode([("raw_json", "1"), ("limit", "1"), ("depth", "1")])
  }

  static func trimmed(_ base: String) -> String { base.hasSuffix("/") ? String(base.dropLast()) : base }

  /// What an error answer means and what to do.
  public static func explain(status: Int, body: String, post: String?) -> String {
    let json = try? JSONParser.parse(body)
    let reason = json?["reason"]?.stringValue
    let said = json?["message"]?.stringValue.map { " (Reddit said: \($0)\(reason.map { ", reason \($0)" } ?? ""))" } ?? ""
    let subject = post.map { "post \($0)" } ?? "the token request"
    switch (status, reason) {
    case (401, _) where post == nil:
      return "Reddit refused the client id and secret: check the variables sources.reddit.client_id_env and client_secret_env name (an app of type \"script\" or \"web\" at reddit.com/prefs/apps)\(said)"
    case (401, _): return "Reddit refused the bearer token for \(subject) even after a fresh one was asked for\(said)"
    case (403, "quarantined"?): return "\(subject) is in a quarantined subreddit, which app-only tokens cannot read; its history is kept, remove it with `almanac reddit remove \(post ?? "ID")` to stop asking\(said)"
    case (403, "private"?): return "\(subject) is in a private subreddit; its history is kept, remove it with `almanac reddit remove \(post ?? "ID")` to stop asking\(said)"
    case (403, _) where json == nil:
      return "Reddit's network block page answered \(subject): requests need app-only OAuth and Reddit's User-Agent form; check sources.reddit.username and that the request went to sources.reddit.api_url"
    case (403, _): return "Reddit forbids \(subject)\(said)"
    case (404, "banned"?): return "\(subject) is in a banned subreddit; remove it with `almanac reddit remove \(post ?? "ID")`\(said)"
    case (404, _): return "\(subject) was not found: it was deleted, or the id is wrong; its history is kept, remove it with `almanac reddit remove \(post ?? "ID")`\(said)"
    case (429, _): return "Reddit's rate limit (100 requests a minute per client id) for \(subject); the night ends partial and the next one asks again\(said)"
    default: return "Reddit answered HTTP \(status) for \(subject)\(json == nil ? " without its error body (an outage or a proxy); a later night retries" : said)"
    }
  }

  /// The body the raw snapshot keeps of a post's answer: the same two-Listing shape with only
  /// the keys Almanac reads (no comments, so no commenter's name; the author only when kept).
  public static func compact(_ post: Post) -> String {
    var data: [String: JSONValue] = [
      "id": .string(post.id), "subreddit": .string(post.subreddit), "title": .string(post.title), "permalink": .string(post.permalink),
      "created_utc": .int(post.createdUTC), "score": .int(post.score), "upvote_ratio": .double(Double(post.upvoteRatioBP) / 10_000),
      "num_comments": .int(post.comments), "locked": .bool(post.locked), "removed_by_category": post.removedBy.map { .string($0) } ?? .null,
    ]
    if let author = post.author { data["author"] = .string(author) }
    let listing = { (children: [JSONValue]) -> JSONValue in .object(["kind": .string("Listing"), "data": .object(["children": .array(children)])]) }
    return CanonicalJSON.encodeCompact(.array([listing([.object(["kind": .string("t3"), "data": .object(data)])]), listing([])]))
  }
}
