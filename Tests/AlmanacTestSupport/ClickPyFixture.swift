import AlmanacKit
import Foundation

/// Synthetic copies of the public ClickHouse data sets (pypi-notes.md §2–3), small and
/// deterministic: database `pypi` with the base table `pypi.pypi`, the SummingMergeTree
/// roll-ups under ClickPy's names and columns filled by materialized views as ClickPy does, and
/// database `github` with `github_events` and `repo_name_to_id`.
///
/// Rows go in with several INSERTs and merges stopped, so every roll-up key spans several
/// unmerged parts: a query that forgets `sum(count) … GROUP BY` gets wrong numbers.
/// (`LowCardinality` columns are plain `String` here: 18.16 keeps that type experimental.)
public enum ClickPyFixture {
  public static let package = "tidewater"
  public static let otherPackage = "harbor-lights"
  public static let days = Day(year: 2026, month: 10, day: 20)!...Day(year: 2026, month: 11, day: 21)!
  public static let newest = days.upperBound
  /// The reference project's newest day, in six unmerged rows (the sum is what counts).
  public static let referenceRows: [Int64] = [58_700, 211_622, 1_892_934, 5_235_594, 18_690_653, 967_122]
  public static let referenceTotal: Int64 = referenceRows.reduce(0, +)

  /// One row of `pypi.pypi`: one download.
  public struct Download: Hashable, Sendable {
    public var date: Day
    public var country: String
    public var project: String
    public var type: String
    public var installer: String
    public var pythonMinor: String
    public var system: String
    public var version: String
  }

  static let versions = ["1.0.0", "1.1.0", "2.0.0", "2.1.0rc1"]
  static let installers = ["pip", "uv", "bandersnatch", "Browser", "", "requests"]
  static let types = ["bdist_wheel", "sdist"]
  static let countries = ["US", "DE", "", "JP", "BR"]
  static let pythons = ["3.12", "3.13", "", "3.10"]
  static let systems = ["Linux", "Darwin", "Windows", ""]

  /// Every download of the fixture's two packages, in insertion order.
  public static let downloads: [Download] = {
    var out: [Download] = []
    var seed: UInt64 = 0x2545F4914F6CDD1D
    func next(_ n: Int) -> Int {
      seed = seed &* 6364136223846793005 &+ 1442695040888963407
      return Int((seed >> 33) % UInt64(n))
    }
    for (k, day) in days.days.enumerated() {
      for (project, base) in [(package, 18), (otherPackage, 4)] {
        for _ in 0..<(base + (k * 7) % 13) {
          out.append(Download(
            date: day, country: countries[next(countries.count)], project: project, type: types[next(types.count)],
            installer: installers[next(installers.count)], pythonMinor: pythons[next(pythons.count)],
            system: systems[next(systems.count)], version: versions[next(versions.count)]))
        }
      }
    }
    return out
  }()

  // MARK: expected answers

  public static func perDay(_ project: String = package) -> [Day: Int64] {
    downloads.filter { $0.project == project }.reduce(into: [:]) { $0[$1.date, default: 0] += 1 }
  }

  public static func total(_ project: String = package) -> Int64 { Int64(downloads.filter { $0.project == project }.count) }

  public static func detail(_ project: String = package) -> [DetailedDownload] {
    let counts = downloads.filter { $0.project == project }.reduce(into: [DetailedDownload: Int64]()) {
      $0[DetailedDownload(date: $1.date, package: project, version: $1.version, installer: $1.installer, type: $1.type, country: $1.country, downloads: 0), default: 0] += 1
    }
    return counts.map { var d = $0.key; d.downloads = $0.value; return d }.sorted(by: DetailedDownload.ordered)
  }

  public static func by(_ column: KeyPath<Download, String>, _ project: String = package) -> [String: Int64] {
    downloads.filter { $0.project == project }.reduce(into: [:]) { $0["\($1.date) \($1[keyPath: column])", default: 0] += 1 }
  }

  // MARK: GitHub events

  public static let repo = "tidewater-dev/tidewater"
  public static let repoID = "123456789"

  public struct Event: Sendable {
    public var type: String
    public var actor: String
    public var createdAt: String
    public var action: String
    public var tag: String
  }

  public static let events: [Event] = [
    Event(type: "WatchEvent", actor: "alice", createdAt: "2026-11-19 08:00:00", action: "started", tag: ""),
    Event(type: "WatchEvent", actor: "bob", createdAt: "2026-11-19 23:59:59", action: "started", tag: ""),
    Event(type: "WatchEvent", actor: "alice", createdAt: "2026-11-20 00:00:01", action: "started", tag: ""),  // a re-star
    Event(type: "WatchEvent", actor: "carol", createdAt: "2026-11-20 12:00:00", action: "started", tag: ""),
    Event(type: "ForkEvent", actor: "dave", createdAt: "2026-11-20 13:00:00", action: "none", tag: ""),
    Event(type: "ReleaseEvent", actor: "alice", createdAt: "2026-11-20 14:00:00", action: "published", tag: "v2.1.0rc1"),
    Event(type: "PushEvent", actor: "alice", createdAt: "2026-11-20 14:00:00", action: "none", tag: ""),
    Event(type: "PushEvent", actor: "bob", createdAt: "2026-11-21 09:00:00", action: "none", tag: ""),
    Event(type: "PushEvent", actor: "bob", createdAt: "2026-11-21 10:00:00", action: "none", tag: ""),
    Event(type: "IssuesEvent", actor: "erin", createdAt: "2026-11-21 11:00:00", action: "opened", tag: ""),
    Event(type: "PullRequestEvent", actor: "frank", createdAt: "2026-11-21 12:00:00", action: "opened", tag: ""),
  ]

  // MARK: loading

  static let pypiTables: [(name: String, columns: String, order: String, select: String)] = [
    ("pypi_downloads", "project String", "project", "project"),
    ("pypi_downloads_by_version", "project String, version String", "(project, version)", "project, version"),
    ("pypi_downloads_per_day", "date Date, project String", "(project, date)", "date, project"),
    ("pypi_downloads_per_day_by_version", "date Date, project String, version String", "(project, version, date)", "date, project, version"),
    ("pypi_downloads_per_day_by_version_by_python", "date Date, project String, version String, python_minor String",
      "(project, version, date, python_minor)", "date, project, version, python_minor"),
    ("pypi_downloads_per_day_by_version_by_system", "date Date, project String, version String, system String",
      "(project, version, date, system)", "date, project, version, system"),
    ("pypi_downloads_per_day_by_version_by_installer_by_type", "project String, version String, date Date, installer String, type String",
      "(project, version, date, installer)", "project, version, date, installer, type"),
    ("pypi_downloads_per_day_by_version_by_installer_by_type_by_country",
      "project String, version String, date Date, installer String, type String, country_code String",
      "(project, version, date, country_code, installer, type)", "project, version, date, installer, type, country_code"),
  ]

  static let eventTypes =
    "'CommitCommentEvent'=1,'CreateEvent'=2,'DeleteEvent'=3,'ForkEvent'=4,'GollumEvent'=5,'IssueCommentEvent'=6,'IssuesEvent'=7,'MemberEvent'=8,'PublicEvent'=9,'PullRequestEvent'=10,'PullRequestReviewCommentEvent'=11,'PushEvent'=12,'ReleaseEvent'=13,'SponsorshipEvent'=14,'WatchEvent'=15,'GistEvent'=16,'FollowEvent'=17,'DownloadEvent'=18,'PullRequestReviewEvent'=19,'ForkApplyEvent'=20,'Event'=21,'TeamAddEvent'=22"
  static let actions =
    "'none'=0,'created'=1,'added'=2,'edited'=3,'deleted'=4,'opened'=5,'closed'=6,'reopened'=7,'assigned'=8,'unassigned'=9,'labeled'=10,'unlabeled'=11,'review_requested'=12,'review_request_removed'=13,'synchronize'=14,'started'=15,'published'=16,'update'=17,'create'=18,'fork'=19,'merged'=20"

  static func load(into server: ClickHouseTestServer) async throws {
    try await server.execute("SYSTEM STOP MERGES")
    try await server.execute("CREATE DATABASE pypi")
    try await server.execute(
      "CREATE TABLE pypi.pypi (date Date, country_code String, project String, type String, installer String, python_minor String, system String, version String) ENGINE = MergeTree ORDER BY (project, date, version, country_code, python_minor, system)")
    for t in pypiTables {
      try await server.execute("CREATE TABLE pypi.\(t.name) (\(t.columns), count Int64) ENGINE = SummingMergeTree ORDER BY \(t.order)")
      try await server.execute(
        "CREATE MATERIALIZED VIEW pypi.\(t.name)_mv TO pypi.\(t.name) AS SELECT \(t.select), toInt64(count()) AS count FROM pypi.pypi GROUP BY \(t.select)")
    }
    // Three INSERTs, rows dealt round-robin: every key ends up in up to three parts.
    for batch in 0..<3 {
      let rows = downloads.enumerated().filter { $0.offset % 3 == batch }.map(\.element).map {
        "(\(["\($0.date)", $0.country, $0.project, $0.type, $0.installer, $0.pythonMinor, $0.system, $0.version].map(ClickHouseSQL.literal).joined(separator: ",")))"
      }
      try await server.execute("INSERT INTO pypi.pypi VALUES " + rows.joined(separator: ","))
    }
    // Other projects: more rows than the read-only user may read, so only a query filtered on
    // `project` stays inside its budget.
    try await server.execute(
      "INSERT INTO pypi.pypi SELECT toDate('2026-11-01') + number % 20, '', concat('filler-', toString(number % 500)), 'sdist', 'pip', '3.12', 'Linux', '1.0' FROM system.numbers LIMIT \(ClickHouseTestServer.maxRowsToRead + 40_000)")
    // The reference project, straight into the roll-up: six rows for its newest day.
    for (i, n) in referenceRows.enumerated() {
      try await server.execute("INSERT INTO pypi.pypi_downloads_per_day VALUES ('\(newest)', 'requests', \(n)), ('\(newest.adding(days: -1 - i))', 'requests', 25000000)")
    }
    try await server.execute("CREATE DATABASE github")
    try await server.execute(
      "CREATE TABLE github.github_events (file_time DateTime, event_type Enum8(\(eventTypes)), actor_login String, repo_name String, repo_id String, created_at DateTime, updated_at DateTime, action Enum8(\(actions)), number UInt32, ref String, release_tag_name String, release_name String, merged UInt8) ENGINE = MergeTree ORDER BY (repo_id, event_type, created_at)")
    try await server.execute("CREATE TABLE github.repo_name_to_id (repo_name String, repo_id String) ENGINE = ReplacingMergeTree ORDER BY repo_name")
    try await server.execute("INSERT INTO github.repo_name_to_id VALUES ('\(repo)', '\(repoID)'), ('someone/else', '42')")
    for half in 0..<2 {
      let rows = events.enumerated().filter { $0.offset % 2 == half }.map(\.element).map {
        "(\(ClickHouseSQL.literal($0.type)), \(ClickHouseSQL.literal($0.actor)), '\(repo)', '\(repoID)', \(ClickHouseSQL.literal($0.createdAt)), \(ClickHouseSQL.literal($0.action)), \(ClickHouseSQL.literal($0.tag)))"
      }
      try await server.execute("INSERT INTO github.github_events (event_type, actor_login, repo_name, repo_id, created_at, action, release_tag_name) VALUES " + rows.joined(separator: ","))
    }
    try await server.execute(
      "INSERT INTO github.github_events (event_type, actor_login, repo_name, repo_id, created_at, action) VALUES ('WatchEvent', 'zed', 'someone/else', '42', '2026-11-20 10:00:00', 'started')")
  }
}
