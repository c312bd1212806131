import Yams

extension Config {
  /// `sources.github`: repository counts, traffic, stars, forks and releases.
  public struct GitHubSource: Equatable, Sendable {
    public var enabled = true
    /// Repositories for this source; empty means `targets.repos`.
    public var repos: [String] = []
    public var baseURL = GitHub.defaultBaseURL
    /// `list` (dated stargazers, incrementally; GraphQL above REST's 40,000), `graphql` (always
    /// GraphQL), `history` (weekly endpoint) or `count`.
    public var stars = "list"
    public var traffic = true
    public var forks = true
    public var releases = true
    /// Repositories of an owner chosen by globs, fetched besides `repos`.
    public var discover: RepoDiscovery?

    public init() {}
  }

  /// The repositories the github source fetches.
  public var githubRepos: [String] {
    guard let source = github, source.enabled else { return [] }
    return source.repos.isEmpty ? repos : source.repos
  }

  /// Whether the github source runs: enabled, with repositories or an owner to discover.
  public var githubEnabled: Bool { github?.enabled == true && (!githubRepos.isEmpty || github?.discover != nil) }

  /// The environment variable that holds the GitHub token (`tokens.github`).
  public var githubTokenVariable: String { tokens["github"] ?? GitHub.defaultTokenVariable }
}

extension Config {
  /// `privacy`: what personal data may be kept in `stats/` (a public repository).
  public struct Privacy: Equatable, Sendable {
    /// `off` (the default: no profiles), `basic` (followers, public repos, account age, company,
    /// location of stargazers) or `full` (also name, email, blog, twitter).
    public var profiles = GitHubProfile.Level.off
    public init() {}
  }
}

extension ConfigParser {
  static func privacy(_ node: Node, _ c: Cursor) throws(ConfigError) -> Config.Privacy {
    let m = try c.mapping(node, "privacy", allowed: ["profiles"])
    var p = Config.Privacy()
    if let n = m["profiles"] {
      let value: String
      if let flag = n.bool { value = flag ? "basic" : "off" } else { value = try c.string(n, "privacy.profiles") }
      guard let level = GitHubProfile.Level(rawValue: value) else {
        throw c.error(n, "privacy.profiles", "expected `off`, `basic` (followers, public repos, account age, company, location) or `full` (also contact data), found `\(value)`")
      }
      p.profiles = level
    }
    return p
  }

  static func github(_ node: Node, _ c: Cursor) throws(ConfigError) -> Config.GitHubSource {
    let m = try c.mapping(node, "sources.github", allowed: ["enabled", "repo", "repos", "base_url", "stars", "traffic", "forks", "releases", "owner", "include", "exclude", "include_forks", "include_archived"])
    var s = Config.GitHubSource()
    if let n = m["enabled"] { s.enabled = try c.bool(n, "sources.github.enabled") }
    func repo(_ n: Node, _ key: String) throws(ConfigError) -> String {
      let name = try c.string(n, key)
      guard GitHub.isRepoName(name) else { throw c.error(n, key, "expected `owner/name`, found `\(name)`") }
      return name
    }
    if let n = m["repo"] { s.repos = [try repo(n, "sources.github.repo")] }
    if let n = m["repos"] {
      if m["repo"] != nil { throw c.error(n, "sources.github.repos", "give either `repo` or `repos`, not both") }
      s.repos = try c.list(n, "sources.github.repos").enumerated().map { (i, n) throws(ConfigError) in try repo(n, "sources.github.repos[\(i)]") }
    }
    if let n = m["base_url"] { s.baseURL = try c.url(n, "sources.github.base_url") }
    if let n = m["stars"] {
      let mode = try c.string(n, "sources.github.stars")
      guard ["list", "graphql", "history", "count"].contains(mode) else {
        throw c.error(n, "sources.github.stars", "expected `list` (dated stargazers), `graphql` (dated, over GraphQL), `history` (weekly counts) or `count`, found `\(mode)`")
      }
      s.stars = mode
    }
    if let n = m["traffic"] { s.traffic = try c.bool(n, "sources.github.traffic") }
    if let n = m["forks"] { s.forks = try c.bool(n, "sources.github.forks") }
    if let n = m["releases"] { s.releases = try c.bool(n, "sources.github.releases") }
    if let n = m["owner"] {
      let owner = try c.string(n, "sources.github.owner")
      guard GitHub.isRepoName(owner + "/x") else { throw c.error(n, "sources.github.owner", "expected a user or organisation name, found `\(owner)`") }
      var d = RepoDiscovery(owner: owner)
      func globs(_ key: String) throws(ConfigError) -> [String]? {
        guard let node = m[key] else { return nil }
        return try c.list(node, "sources.github.\(key)").enumerated().map { (i, g) throws(ConfigError) in try c.string(g, "sources.github.\(key)[\(i)]") }
      }
      d.include = try globs("include") ?? ["*"]
      d.exclude = try globs("exclude") ?? []
      if let f = m["include_forks"] { d.forks = try c.bool(f, "sources.github.include_forks") }
      if let a = m["include_archived"] { d.archived = try c.bool(a, "sources.github.include_archived") }
      s.discover = d
    } else {
      for key in ["include", "exclude", "include_forks", "include_archived"] where m[key] != nil {
        throw c.error(m[key] ?? node, "sources.github.\(key)", "chooses among an owner's repositories; name the owner with `owner:`")
      }
    }
    return s
  }
}
