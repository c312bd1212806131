/// Everything stored for one repository, under `stats/series/github/<owner>/<repo>/`.
public struct GitHubRepoData: Equatable, Sendable {
  public var traffic = TrafficHistory()
  public var counts = KeyedRows(GitHubFiles.repo)
  public var popular = KeyedRows(GitHubFiles.popular)
  public var stargazers = KeyedRows(GitHubFiles.stargazers)
  public var starsHistory = KeyedRows(GitHubFiles.starsHistory)
  public var forks = KeyedRows(GitHubFiles.forks)
  public var releases = KeyedRows(GitHubFiles.releases)
  public var releaseDownloads = KeyedRows(GitHubFiles.releaseDownloads)
  public var profiles = KeyedRows(GitHubFiles.profiles)

  public init() {}

  /// True when anything is stored: fetched counts, or only history (an import of another
  /// tool's files has traffic, referrers and stars but no counts).
  public var hasSeries: Bool {
    !traffic.points.isEmpty || !traffic.windows.isEmpty || !counts.rows.isEmpty || !popular.rows.isEmpty || !stargazers.rows.isEmpty
      || !starsHistory.rows.isEmpty || !forks.rows.isEmpty || !releases.rows.isEmpty || !releaseDownloads.rows.isEmpty
  }

  /// File name → contents, every file of the repository's directory.
  public func files() -> [(name: String, content: String)] {
    [
      ("traffic.csv", traffic.encodedTraffic()), ("traffic-windows.csv", traffic.encodedWindows()),
      ("traffic-coverage.csv", traffic.encodedCoverage()), ("repo.csv", counts.encoded()), ("popular.csv", popular.encoded()),
      ("stargazers.csv", stargazers.encoded()), ("stars-history.csv", starsHistory.encoded()), ("forks.csv", forks.encoded()),
      ("releases.csv", releases.encoded()), ("release-downloads.csv", releaseDownloads.encoded()),
      ("stars.csv", Self.perDay(starDays(), spec: GitHubFiles.stars).encoded()),
      ("forks-daily.csv", Self.perDay(forkDays(), spec: GitHubFiles.forksDaily).encoded()),
    ] + (profiles.rows.isEmpty ? [] : [("profiles.csv", profiles.encoded())])
  }

  /// Reads what exists; `read(name)` gives a file's text or nil, `directory` names it in errors.
  public static func decode(directory: String, read: (String) throws(FormatError) -> String?) throws(FormatError) -> GitHubRepoData {
    var data = GitHubRepoData()
    func path(_ name: String) -> String { "\(directory)/\(name)" }
    data.traffic = try TrafficHistory.decode(
      traffic: try read("traffic.csv"), trafficPath: path("traffic.csv"), windows: try read("traffic-windows.csv"), windowsPath: path("traffic-windows.csv"))
    func rows(_ name: String, _ spec: KeyedRows.Spec) throws(FormatError) -> KeyedRows {
      guard let text = try read(name) else { return KeyedRows(spec) }
      return try KeyedRows.decode(text, path: path(name), spec: spec)
    }
    data.counts = try rows("repo.csv", GitHubFiles.repo)
    data.popular = try rows("popular.csv", GitHubFiles.popular)
    data.stargazers = try rows("stargazers.csv", GitHubFiles.stargazers)
    data.starsHistory = try rows("stars-history.csv", GitHubFiles.starsHistory)
    data.forks = try rows("forks.csv", GitHubFiles.forks)
    data.releases = try rows("releases.csv", GitHubFiles.releases)
    data.releaseDownloads = try rows("release-downloads.csv", GitHubFiles.releaseDownloads)
    data.profiles = try rows("profiles.csv", GitHubFiles.profiles)
    return data
  }

  /// New stars per day: from the dated list when there is one, else from the history endpoint.
  public func starDays() -> [Day: Int64] {
    var out: [Day: Int64] = [:]
    if stargazers.rows.isEmpty {
      for row in starsHistory.sortedRows { if let d = Day(row[0]), let n = Int64(row[1]) { out[d, default: 0] += n } }
    } else {
      for key in stargazers.rows.keys { if let d = Day(isoPrefix: key[0]) { out[d, default: 0] += 1 } }
    }
    return out
  }

  public func forkDays() -> [Day: Int64] {
    var out: [Day: Int64] = [:]
    for key in forks.rows.keys { if let d = Day(isoPrefix: key[0]) { out[d, default: 0] += 1 } }
    return out
  }

  /// A derived `date,new,cumulative` table, one row per day with at least one event.
  static func perDay(_ counts: [Day: Int64], spec: KeyedRows.Spec) -> KeyedRows {
    var rows = KeyedRows(spec)
    var total: Int64 = 0
    for day in counts.keys.sorted() {
      total += counts[day] ?? 0
      rows.upsert([day.description, String(counts[day] ?? 0), String(total)])
    }
    return rows
  }

  /// The stars stored with dates, as values.
  public var stars: [Stargazer] {
    stargazers.sortedRows.map { Stargazer(starredAt: $0[0], userID: Int64($0[1]), login: $0[2].isEmpty ? nil : $0[2]) }
  }

  /// The latest cumulative count of each asset as of `day` (carried forward from its last change).
  public func assetDownloads(asOf day: Day) -> [[String]: Int64] {
    var out: [[String]: (Day, Int64)] = [:]
    for row in releaseDownloads.sortedRows {
      guard let d = Day(row[0]), d <= day, let n = Int64(row[3]) else { continue }
      let key = [row[1], row[2]]
      if let seen = out[key], seen.0 > d { continue }
      out[key] = (d, n)
    }
    return out.mapValues(\.1)
  }
}
