import Yams

extension Config {
  /// `sources.plausible`: documentation-site analytics from Plausible's Stats API (v1, or v2
  /// with `api: v2`).
  public struct PlausibleSource: Equatable, Sendable {
    public var enabled = true
    /// Site ids (the domains as Plausible knows them), each fetched every night.
    public var sites: [String] = []
    /// `https://plausible.io`, or a self-hosted instance's URL.
    public var baseURL = Plausible.defaultBaseURL
    /// The environment variable that holds the Stats API key.
    public var keyEnv = Plausible.defaultKeyVariable
    /// Pages kept per day (the most visited first); countries are kept whole.
    public var topPages = 20
    /// Days a first night asks for (a later night asks from the newest day held).
    public var lookbackDays = 30
    /// The key's hourly budget (Plausible's default is 600).
    public var requestsPerHour = Plausible.requestsPerHour
    /// Which Stats API is asked: v1 (`GET /api/v1/stats/…`) or v2 (`POST /api/v2/query`); both
    /// give the same records.
    public var api = Plausible.API.v1

    public init() {}
  }

  public var plausible: PlausibleSource? {
    get { sources[PlausibleSource.self] }
    set { sources[PlausibleSource.self] = newValue }
  }

  /// The sites the plausible source fetches (none when it is off).
  public var plausibleSites: [String] {
    guard let source = plausible, source.enabled else { return [] }
    return source.sites
  }
}

extension Config.PlausibleSource: ParsedSourceSection {
  public static var name: String { Plausible.source }
  public var watchesOnItsOwn: Bool { !sites.isEmpty }

  static func parse(_ node: Node, _ c: Cursor) throws(ConfigError) -> Self {
    let p = "sources.plausible"
    let m = try c.mapping(node, p, allowed: ["enabled", "sites", "base_url", "key_env", "api", "top_pages", "lookback_days", "requests_per_hour"])
    var s = Self()
    if let n = m["enabled"] { s.enabled = try c.bool(n, "\(p).enabled") }
    if let n = m["sites"] {
      var seen = Set<String>()
      s.sites = try c.list(n, "\(p).sites").enumerated().map { (i, node) throws(ConfigError) -> String in
        let site = try c.string(node, "\(p).sites[\(i)]")
        guard Plausible.isSiteID(site) else {
          throw c.error(node, "\(p).sites[\(i)]", "expected a site id as Plausible shows it (a domain like docs.example.org, lower case, no scheme or path), found `\(site)`")
        }
        guard seen.insert(site).inserted else { throw c.error(node, "\(p).sites[\(i)]", "`\(site)` is listed twice") }
        return site
      }
    }
    if let n = m["base_url"] { s.baseURL = try c.url(n, "\(p).base_url") }
    if let n = m["key_env"] { s.keyEnv = try c.variableName(n, "\(p).key_env", like: Plausible.defaultKeyVariable, what: "key") }
    if let n = m["api"] {
      let api = try c.string(n, "\(p).api")
      guard let parsed = Plausible.API(rawValue: api) else {
        throw c.error(n, "\(p).api", "expected `v1` (GET /api/v1/stats/…) or `v2` (POST /api/v2/query), found `\(api)`; both give the same records; plausible.io serves both, an older self-hosted instance only v1")
      }
      s.api = parsed
    }
    if let n = m["top_pages"] { s.topPages = try c.int(n, "\(p).top_pages", range: 1...1000) }
    if let n = m["lookback_days"] { s.lookbackDays = try c.int(n, "\(p).lookback_days", range: 1...3650) }
    if let n = m["requests_per_hour"] { s.requestsPerHour = try c.int(n, "\(p).requests_per_hour", range: 1...100_000) }
    if s.enabled, s.sites.isEmpty {
      throw c.error(node, p, "names no site: add `sites: [docs.example.org]` (the site ids in your Plausible dashboard), or set `enabled: false`")
    }
    return s
  }
}

extension Plausible {
  public static let defaultKeyVariable = "PLAUSIBLE_API_KEY"

  /// A site id that is safe as a file name and in a query: a lower-case host name (letters,
  /// digits, `-`, `.`), optionally with a `/path`-free port-free form only.
  public static func isSiteID(_ s: String) -> Bool {
    let labels = s.split(separator: ".", omittingEmptySubsequences: false)
    guard s.count <= 253, labels.count >= 2 else { return false }
    return labels.allSatisfy { label in
      !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
        && label.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }
  }
}
