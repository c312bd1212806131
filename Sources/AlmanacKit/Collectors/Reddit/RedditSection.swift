import Yams

extension Config {
  /// `sources.reddit`: the score, upvote ratio, comment count and removed/locked state of
  /// tracked posts, once a night, through Reddit's application-only OAuth.
  public struct RedditSource: Equatable, Sendable {
    public var enabled = true
    /// The tracked posts, in the order `almanac reddit add` appended them.
    public var posts: [Reddit.TrackedPost] = []
    /// The Reddit account that registered the app: Reddit's User-Agent names it
    /// (`linux:almanac:v0.1.0 (by /u/NAME)`).
    public var username = ""
    /// The variables that hold the app's client id and secret (a "script" or "web" app).
    public var clientIDEnv = Reddit.defaultClientIDVariable
    public var clientSecretEnv = Reddit.defaultClientSecretVariable
    /// Where the token is asked for (`/api/v1/access_token`): the client id and secret go only here.
    public var authURL = Reddit.defaultAuthURL
    /// Where posts are read with the bearer token (`/comments/{id}`): the token goes only here.
    public var apiURL = Reddit.defaultAPIURL

    public init() {}
  }

  public var reddit: RedditSource? {
    get { sources[RedditSource.self] }
    set { sources[RedditSource.self] = newValue }
  }

  /// The posts the reddit source fetches (none when it is off).
  public var redditPosts: [Reddit.TrackedPost] {
    guard let source = reddit, source.enabled else { return [] }
    return source.posts
  }
}

extension Config.RedditSource: ParsedSourceSection {
  public static var name: String { Reddit.source }
  public var watchesOnItsOwn: Bool { true }

  static func parse(_ node: Node, _ c: Cursor) throws(ConfigError) -> Self {
    let p = "sources.reddit"
    let m = try c.mapping(node, p, allowed: ["enabled", "posts", "username", "client_id_env", "client_secret_env", "auth_url", "api_url"])
    var s = Self()
    if let n = m["enabled"] { s.enabled = try c.bool(n, "\(p).enabled") }
    if let n = m["posts"] {
      var seen = Set<String>()
      s.posts = try c.list(n, "\(p).posts").enumerated().map { (i, item) throws(ConfigError) -> Reddit.TrackedPost in
        let at = "\(p).posts[\(i)]"
        var url: String
        var label: String?
        if case .mapping = item {
          let entry = try c.mapping(item, at, allowed: ["url", "label"])
          guard let u = entry["url"] else { throw c.error(item, at, "names no `url`: give the post's address, like https://www.reddit.com/r/python/comments/abc123/") }
          url = try c.string(u, "\(at).url")
          if let l = entry["label"] { label = try c.string(l, "\(at).label") }
        } else {
          url = try c.string(item, at)
        }
        guard let post = Reddit.TrackedPost(url: url, label: label) else {
          throw c.error(item, at, "`\(url)` is not the address of a Reddit post: expected https://www.reddit.com/r/<subreddit>/comments/<id>/… or https://redd.it/<id>")
        }
        guard seen.insert(post.id).inserted else { throw c.error(item, at, "post `\(post.id)` is listed twice") }
        return post
      }
    }
    if let n = m["username"] {
      s.username = try c.string(n, "\(p).username")
      guard Reddit.isUsername(s.username) else {
        throw c.error(n, "\(p).username", "expected the Reddit account that registered the app, without `/u/` (3 to 20 letters, digits, `-`, `_`), found `\(s.username)`")
      }
    }
    if let n = m["client_id_env"] { s.clientIDEnv = try c.variableName(n, "\(p).client_id_env", like: Reddit.defaultClientIDVariable, what: "client id") }
    if let n = m["client_secret_env"] { s.clientSecretEnv = try c.variableName(n, "\(p).client_secret_env", like: Reddit.defaultClientSecretVariable, what: "secret") }
    if let n = m["auth_url"] { s.authURL = try c.url(n, "\(p).auth_url") }
    if let n = m["api_url"] { s.apiURL = try c.url(n, "\(p).api_url") }
    if s.enabled, s.username.isEmpty {
      throw c.error(node, p, "names no `username`: Reddit requires a User-Agent that names the account that registered the app (`username: your-reddit-name`), or set `enabled: false`")
    }
    return s
  }
}
