import Yams

extension ConfigParser {
  static let clickhouseKeys: Set<String> = ["endpoint", "user", "password_env", "database"]

  static func clickhouse(_ m: Cursor.Mapping, _ prefix: String, _ c: Cursor, into e: inout Config.ClickHouseEndpoint) throws(ConfigError) {
    if let n = m["endpoint"] { e.endpoint = try c.url(n, "\(prefix).endpoint") }
    if let n = m["user"] { e.user = try c.string(n, "\(prefix).user") }
    if let n = m["password_env"] {
      let name = try c.string(n, "\(prefix).password_env")
      guard let first = name.first, first == "_" || (first.isASCII && first.isLetter),
        name.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) })
      else {
        throw c.error(n, "\(prefix).password_env", "expected the name of an environment variable (like ALMANAC_CLICKHOUSE_PASSWORD), not a password; passwords never go in this file")
      }
      e.passwordEnv = name
    }
    if let n = m["database"] {
      let db = try c.string(n, "\(prefix).database")
      guard !db.isEmpty, db.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }) else {
        throw c.error(n, "\(prefix).database", "expected a database name (letters, digits, `_`), found `\(db)`")
      }
      e.database = db
    }
  }

  static func pypi(_ node: Node, _ c: Cursor) throws(ConfigError) -> Config.PyPISource {
    let p = "sources.pypi"
    let m = try c.mapping(node, p, allowed: clickhouseKeys.union([
      "enabled", "packages", "reference_project", "trailing_days", "max_lag_days", "min_reference_downloads", "tolerance",
    ]))
    var s = Config.PyPISource()
    if let n = m["enabled"] { s.enabled = try c.bool(n, "\(p).enabled") }
    if let n = m["packages"] { s.packages = try c.packageList(n, "\(p).packages") }
    try clickhouse(m, p, c, into: &s.clickhouse)
    if let n = m["reference_project"] { s.referenceProject = try c.packageName(n, "\(p).reference_project") }
    if let n = m["trailing_days"] { s.trailingDays = try c.int(n, "\(p).trailing_days", range: 1...60) }
    if let n = m["max_lag_days"] { s.freshness.maxLagDays = try c.int(n, "\(p).max_lag_days", range: 0...365) }
    if let n = m["min_reference_downloads"] { s.freshness.minDownloads = Int64(try c.int(n, "\(p).min_reference_downloads", range: 0...Int.max)) }
    if let n = m["tolerance"] { s.tolerance = try c.number(n, "\(p).tolerance", range: 0...1) }
    return s
  }

  static func githubEvents(_ node: Node, _ c: Cursor) throws(ConfigError) -> Config.GitHubEventsSource {
    let p = "sources.github-events"
    let m = try c.mapping(node, p, allowed: clickhouseKeys.union(["enabled", "repos", "trailing_days", "personal_data"]))
    var s = Config.GitHubEventsSource()
    if let n = m["enabled"] { s.enabled = try c.bool(n, "\(p).enabled") }
    if let n = m["repos"] {
      s.repos = try c.list(n, "\(p).repos").enumerated().map { (i, node) throws(ConfigError) -> String in
        let repo = try c.string(node, "\(p).repos[\(i)]")
        guard RepoName(repo) != nil else { throw c.error(node, "\(p).repos[\(i)]", "expected \(RepoName.grammarHint), found `\(repo)`") }
        return repo
      }
    }
    try clickhouse(m, p, c, into: &s.clickhouse)
    if let n = m["trailing_days"] { s.trailingDays = try c.int(n, "\(p).trailing_days", range: 1...60) }
    if let n = m["personal_data"] { s.personalData = try c.bool(n, "\(p).personal_data") }
    return s
  }
}
