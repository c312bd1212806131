/// A versioned CSV table whose rows are unique by their first `keyCount` columns and sorted by
/// them (UTF-8 order), with each column's shape checked on read. The GitHub files that are not
/// traffic (repository counts, stargazers, forks, releases, popular content) are all this shape.
public struct KeyedRows: Equatable, Sendable {
  public enum Field: Equatable, Sendable {
    /// `snapshot`: a date, or a date and UTC time `YYYY-MM-DDTHH:MM:SSZ` when two snapshots
    /// share a day (imports of tools that ran twice in one day).
    case day, timestamp, count, text, optionalTimestamp, snapshot, choice([String])
  }

  /// True for `YYYY-MM-DD` and `YYYY-MM-DDTHH:MM:SSZ`.
  public static func isSnapshotStamp(_ text: String) -> Bool {
    guard Day(isoPrefix: text) != nil else { return false }
    if text.utf8.count == 10 { return true }
    let u = Array(text.utf8)
    let shape = Array("0000-00-00T00:00:00Z".utf8)
    guard u.count == shape.count else { return false }
    return zip(u, shape).allSatisfy { c, s in s == UInt8(ascii: "0") ? (48...57).contains(c) : c == s }
  }

  public struct Spec: Equatable, Sendable {
    public var kind: String
    public var columns: [String]
    public var fields: [Field]
    public var keyCount: Int

    public init(kind: String, _ columns: [(String, Field)], keyCount: Int) {
      self.kind = kind
      self.columns = columns.map(\.0)
      self.fields = columns.map(\.1)
      self.keyCount = keyCount
    }
  }

  public var spec: Spec
  public var rows: [[String]: [String]]
  public var attributes: [String: String] = [:]

  public init(_ spec: Spec, rows: [[String]] = []) {
    self.spec = spec
    self.rows = [:]
    for row in rows { upsert(row) }
  }

  public mutating func upsert(_ row: [String]) {
    rows[Array(row.prefix(spec.keyCount))] = row
  }

  public var sortedRows: [[String]] {
    rows.keys.sorted { a, b in
      for (x, y) in zip(a, b) where x != y { return CanonicalJSON.utf8Less(x, y) }
      return false
    }.compactMap { rows[$0] }
  }

  public func encoded() -> String {
    Table(kind: spec.kind, version: 1, columns: spec.columns, rows: sortedRows, attributes: attributes).encoded()
  }

  public static func decode(_ text: String, path: String, spec: Spec) throws(FormatError) -> KeyedRows {
    var out = KeyedRows(spec)
    let (table, readers) = try RowReader.table(text, path: path, kind: spec.kind, columns: spec.columns)
    out.attributes = table.attributes
    for r in readers {
      for (name, field) in zip(spec.columns, spec.fields) {
        switch field {
        case .day: _ = try r.day(name)
        case .count: _ = try r.count(name)
        case .timestamp:
          guard Day(isoPrefix: r.field(name)) != nil else { throw r.fail("`\(name)` must be a timestamp like 2016-10-10T00:00:00Z, found `\(r.field(name))`") }
        case .snapshot:
          guard Self.isSnapshotStamp(r.field(name)) else { throw r.fail("`\(name)` must be a date YYYY-MM-DD or a time YYYY-MM-DDTHH:MM:SSZ, found `\(r.field(name))`") }
        case .optionalTimestamp:
          guard r.field(name).isEmpty || Day(isoPrefix: r.field(name)) != nil else { throw r.fail("`\(name)` must be empty or a timestamp, found `\(r.field(name))`") }
        case .choice(let allowed): _ = try r.oneOf(name, allowed)
        case .text: break
        }
      }
      let key = Array(r.row.prefix(spec.keyCount))
      guard out.rows.updateValue(r.row, forKey: key) == nil else { throw r.fail("repeats the key \(key.joined(separator: ","))") }
    }
    return out
  }
}

/// The GitHub files besides traffic, under `stats/series/github/<owner>/<repo>/`.
public enum GitHubFiles {
  /// `repo.csv`: the nightly counts of `GET /repos/{o}/{r}`, one row per snapshot.
  public static let repo = KeyedRows.Spec(kind: "github-repo", [
    ("date", .day), ("stars", .count), ("forks", .count), ("watchers", .count), ("open_issues_and_prs", .count), ("size_kb", .count),
    ("pushed_at", .optionalTimestamp),
  ], keyCount: 1)
  /// `popular.csv`: referrers and paths, 14-day rolling sums, stored per snapshot with its window.
  /// A night's snapshot is its date; an imported one whose file named a time keeps it
  /// (`2022-01-24T00:05:12Z`), so two snapshots of one day stay two.
  public static let popular = KeyedRows.Spec(kind: "github-popular", [
    ("snapshot", .snapshot), ("kind", .choice(["path", "referrer"])), ("name", .text), ("first", .day), ("last", .day), ("title", .text),
    ("count", .count), ("uniques", .count),
  ], keyCount: 3)
  /// `stargazers.csv`: one row per star with its time; `user_id` empty for a deleted account.
  public static let stargazers = KeyedRows.Spec(kind: "github-stargazers", [
    ("starred_at", .timestamp), ("user_id", .text), ("login", .text),
  ], keyCount: 2)
  /// `stars-history.csv`: stars gained per day from the `stargazers/history` endpoint.
  public static let starsHistory = KeyedRows.Spec(kind: "github-stars-history", [("date", .day), ("stars", .count)], keyCount: 1)
  /// `stars.csv`, derived: new stars per day and the running total (from `stargazers.csv`, or
  /// from `stars-history.csv` when the list is not available).
  public static let stars = KeyedRows.Spec(kind: "github-stars", [("date", .day), ("new", .count), ("cumulative", .count)], keyCount: 1)
  /// `forks-daily.csv`, derived from `forks.csv`: new forks per day and the running total.
  public static let forksDaily = KeyedRows.Spec(kind: "github-forks-daily", [("date", .day), ("new", .count), ("cumulative", .count)], keyCount: 1)
  /// `forks.csv`: one row per fork with its creation time.
  public static let forks = KeyedRows.Spec(kind: "github-forks", [("created_at", .timestamp), ("id", .count), ("full_name", .text)], keyCount: 2)
  /// `releases.csv`: tag, name, published time (empty for drafts).
  public static let releases = KeyedRows.Spec(kind: "github-releases", [
    ("tag", .text), ("name", .text), ("published_at", .optionalTimestamp), ("draft", .choice(["true", "false"])),
    ("prerelease", .choice(["true", "false"])),
  ], keyCount: 1)
  /// `release-downloads.csv`: each asset's cumulative download count, a row on each snapshot
  /// date where it changed (a reader carries the last value forward).
  public static let releaseDownloads = KeyedRows.Spec(kind: "github-release-downloads", [
    ("date", .day), ("tag", .text), ("asset", .text), ("downloads", .count),
  ], keyCount: 3)

  /// `profiles.csv`: stargazers' profiles, only with `privacy.profiles` (see `GitHubProfile`).
  public static let profiles = GitHubProfile.spec

  public static let all = [repo, popular, stargazers, starsHistory, stars, forks, forksDaily, releases, releaseDownloads, profiles]
}
