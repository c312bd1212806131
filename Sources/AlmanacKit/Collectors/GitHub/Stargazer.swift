/// One star from `stargazers` with `Accept: application/vnd.github.star+json` (api-notes.md §2.1).
/// `user` is null for a deleted ("ghost") account, which then has no id to dedupe by.
public struct Stargazer: Hashable, Sendable {
  public var starredAt: String
  public var userID: Int64?
  public var login: String?

  public init(starredAt: String, userID: Int64?, login: String?) {
    self.starredAt = starredAt
    self.userID = userID
    self.login = login
  }

  public var day: Day? { Day(isoPrefix: starredAt) }

  /// Fails loudly when the items have no `starred_at`: the star media type was not honoured, and
  /// a list of bare users has no dates to chart.
  public static func decodePage(_ body: String, at path: String) throws(FormatError) -> [Stargazer] {
    let r = JSONReader(path: path)
    return try r.topArray(try GitHub.parse(body, at: path)).enumerated().map { (i, item) throws(FormatError) -> Stargazer in
      let at = "[\(i)]."
      guard item["starred_at"] != nil else {
        throw FormatError(
          path: path, problem: "`\(at)starred_at` is missing: GitHub sent plain users, not stars with dates",
          remedy: "The request lacked `Accept: \(GitHub.starMediaType)` or a proxy dropped it; Almanac sends it, so check for a proxy rewriting headers.")
      }
      let stamp = try r.timestamp(item, "starred_at", in: at)
      guard let user = item["user"], user != .null else { return Stargazer(starredAt: stamp, userID: nil, login: nil) }
      return Stargazer(starredAt: stamp, userID: try r.int(user, "id", in: at + "user."), login: try r.string(user, "login", in: at + "user."))
    }
  }
}

/// `GET /repos/{o}/{r}/stargazers/history` (reported 2026): weekly buckets, newest first, each
/// `{week, total, days: [7 counts]}`, no identities. Read into stars per day.
public enum StarHistory {
  /// Stars gained per day, and the running total at the end of each week as GitHub states it.
  public static func decode(_ body: String, at path: String) throws(FormatError) -> [Day: Int64] {
    let r = JSONReader(path: path)
    let doc = try GitHub.parse(body, at: path)
    let weeks = doc.arrayValue != nil ? try r.topArray(doc) : try r.array(doc, "weeks")
    var perDay: [Day: Int64] = [:]
    for (i, week) in weeks.enumerated() {
      let at = "[\(i)]."
      let start: Day
      if let n = week["week"]?.int64Value, week["week"]?.stringValue == nil {
        start = Day(unixSeconds: Double(n))
      } else {
        let stamp = try r.timestamp(week, "week", in: at)
        guard let d = Day(isoPrefix: stamp) else { continue }
        start = d
      }
      let days = try r.array(week, "days", in: at)
      guard days.count == 7 else {
        throw FormatError(path: path, problem: "`\(at)days`: expected 7 counts, found \(days.count)")
      }
      for (k, v) in days.enumerated() {
        guard let n = v.int64Value, n >= 0 else { throw FormatError(path: path, problem: "`\(at)days[\(k)]`: expected a count") }
        perDay[start.adding(days: k), default: 0] += n
      }
    }
    return perDay
  }
}

/// A fork from `forks?sort=oldest` (its creation is the fork time).
public struct GitHubFork: Hashable, Sendable {
  public var id: Int64
  public var fullName: String
  public var createdAt: String

  public init(id: Int64, fullName: String, createdAt: String) {
    self.id = id
    self.fullName = fullName
    self.createdAt = createdAt
  }

  public static func decodePage(_ body: String, at path: String) throws(FormatError) -> [GitHubFork] {
    let r = JSONReader(path: path)
    return try r.topArray(try GitHub.parse(body, at: path)).enumerated().map { (i, item) throws(FormatError) -> GitHubFork in
      let at = "[\(i)]."
      return GitHubFork(id: try r.int(item, "id", in: at), fullName: try r.string(item, "full_name", in: at), createdAt: try r.timestamp(item, "created_at", in: at))
    }
  }
}

/// A release and its assets' cumulative download counts (api-notes.md §2.4). Drafts have no
/// `published_at`; source archives have no count and are not assets.
public struct GitHubRelease: Hashable, Sendable {
  public struct Asset: Hashable, Sendable {
    public var name: String
    public var downloads: Int64
    public init(name: String, downloads: Int64) {
      self.name = name
      self.downloads = downloads
    }
  }

  public var tag: String
  public var name: String
  public var publishedAt: String?
  public var draft: Bool
  public var prerelease: Bool
  public var assets: [Asset]

  public init(tag: String, name: String, publishedAt: String?, draft: Bool, prerelease: Bool, assets: [Asset]) {
    self.tag = tag
    self.name = name
    self.publishedAt = publishedAt
    self.draft = draft
    self.prerelease = prerelease
    self.assets = assets
  }

  public static func decodePage(_ body: String, at path: String) throws(FormatError) -> [GitHubRelease] {
    let r = JSONReader(path: path)
    return try r.topArray(try GitHub.parse(body, at: path)).enumerated().map { (i, item) throws(FormatError) -> GitHubRelease in
      let at = "[\(i)]."
      let assets = try r.array(item, "assets", in: at).enumerated().map { (k, a) throws(FormatError) -> Asset in
        Asset(name: try r.string(a, "name", in: "\(at)assets[\(k)]."), downloads: try r.count(a, "download_count", in: "\(at)assets[\(k)]."))
      }
      return GitHubRelease(
        tag: try r.string(item, "tag_name", in: at), name: try r.optionalString(item, "name", in: at) ?? "",
        publishedAt: try r.optionalString(item, "published_at", in: at), draft: try r.optionalBool(item, "draft", in: at) ?? false,
        prerelease: try r.optionalBool(item, "prerelease", in: at) ?? false, assets: assets)
    }
  }
}
