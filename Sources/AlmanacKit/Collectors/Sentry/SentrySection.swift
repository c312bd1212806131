import Yams

extension Config {
  /// `sources.sentry`: error events per day per project from Sentry's `stats_v2`.
  public struct SentrySource: Equatable, Sendable {
    public var enabled = true
    /// The organisation slug (from `sentry.io/organizations/<slug>/`).
    public var org = ""
    /// Project slugs, each a series.
    public var projects: [String] = []
    /// `https://sentry.io`, a region URL (`https://us.sentry.io`, `https://de.sentry.io`) or a
    /// self-hosted instance.
    public var baseURL = Sentry.defaultBaseURL
    /// The environment variable that holds the auth token (scope `org:read`).
    public var tokenEnv = Sentry.defaultTokenVariable
    /// Days a first night asks for (Sentry keeps about 90 days of stats).
    public var lookbackDays = 30

    public init() {}
  }

  public var sentry: SentrySource? {
    get { sources[SentrySource.self] }
    set { sources[SentrySource.self] = newValue }
  }

  /// The projects the sentry source fetches (none when it is off).
  public var sentryProjects: [String] {
    guard let source = sentry, source.enabled else { return [] }
    return source.projects
  }
}

extension Config.SentrySource: ParsedSourceSection {
  public static var name: String { Sentry.source }
  public var watchesOnItsOwn: Bool { !projects.isEmpty }

  static func parse(_ node: Node, _ c: Cursor) throws(ConfigError) -> Self {
    let p = "sources.sentry"
    let m = try c.mapping(node, p, allowed: ["enabled", "org", "projects", "base_url", "token_env", "lookback_days"])
    var s = Self()
    if let n = m["enabled"] { s.enabled = try c.bool(n, "\(p).enabled") }
    if let n = m["org"] {
      s.org = try c.string(n, "\(p).org")
      guard Sentry.isSlug(s.org) else { throw c.error(n, "\(p).org", "expected the organisation's slug (lower case letters, digits, `-`, `_`, as in sentry.io/organizations/<slug>/), found `\(s.org)`") }
    }
    if let n = m["projects"] {
      var seen = Set<String>()
      s.projects = try c.list(n, "\(p).projects").enumerated().map { (i, node) throws(ConfigError) -> String in
        let slug = try c.string(node, "\(p).projects[\(i)]")
        guard Sentry.isSlug(slug) else { throw c.error(node, "\(p).projects[\(i)]", "expected a project slug (lower case letters, digits, `-`, `_`), found `\(slug)`") }
        guard seen.insert(slug).inserted else { throw c.error(node, "\(p).projects[\(i)]", "`\(slug)` is listed twice") }
        return slug
      }
    }
    if let n = m["base_url"] { s.baseURL = try c.url(n, "\(p).base_url") }
    if let n = m["token_env"] { s.tokenEnv = try c.variableName(n, "\(p).token_env", like: Sentry.defaultTokenVariable, what: "token") }
    if let n = m["lookback_days"] { s.lookbackDays = try c.int(n, "\(p).lookback_days", range: 1...90) }
    if s.enabled {
      if s.org.isEmpty { throw c.error(node, p, "names no organisation: add `org: your-org` (the slug in sentry.io/organizations/<slug>/), or set `enabled: false`") }
      if s.projects.isEmpty { throw c.error(node, p, "names no project: add `projects: [your-project]` (project slugs), or set `enabled: false`") }
    }
    return s
  }
}
