/// The `github-events` source: GitHub's public event stream (GH Archive) in ClickHouse, the
/// `github.github_events` table of the ClickPy endpoint (pypi-notes.md §3). Its sorting key
/// starts with `repo_id`, so the repository's id is looked up first
/// (`github.repo_name_to_id`, sorted by name) and every query filters on it.
///
/// Actor logins are personal data: unless the configuration opts in (`personal_data: true`),
/// no query asks for them, so they reach neither the raw snapshot nor `stats/`; distinct actors
/// are counted in ClickHouse instead.
public enum GitHubEvents {
  public static let source = "github-events"
  public static let defaultDatabase = "github"

  public enum Endpoint: String, CaseIterable, Sendable {
    /// The repository's id (`repo_name_to_id`).
    case repoID = "repo_id"
    /// Per day and event type: events and distinct actors.
    case byType = "by_type"
    /// Per day: forks and published releases, with the tag (and the actor when opted in).
    case forksReleases = "forks_releases"
    /// All-time distinct stargazers (actors of `WatchEvent`), to cross-check the API's count.
    case stargazers
  }

  public static let eventsDimension = "events"
  public static let actorsDimension = "actors"
  public static let releasesDimension = "releases"
  public static let forkersDimension = "fork_actor"
  public static let releasersDimension = "release_actor"
  public static let stargazersDimension = "stargazers"

  public struct Query: Equatable, Sendable, ClickHouseQuery {
    public var endpoint: Endpoint
    public var target: String
    /// `database.table`, as in the SQL's FROM.
    public var table: String
    public var sql: String
    public var purpose: String

    public var endpointName: String { endpoint.rawValue }

    public var loses: String {
      switch endpoint {
      case .repoID: "everything for the repository (its id is looked up there)"
      // One table holds every event: without it, all of them are lost.
      case .byType, .forksReleases, .stargazers: "events and actors by type, forks, releases and stargazers"
      }
    }

    /// The columns each answer row must carry (`stargazers` is exactly one row; `actor` is
    /// asked for only with personal data, so it is not required).
    public var shape: ClickHouseShape {
      switch endpoint {
      case .repoID: ClickHouseShape(["repo_id"])
      case .byType: ClickHouseShape(["date", "event_type", "events", "actors"])
      case .forksReleases: ClickHouseShape(["date", "event_type", "tag", "events", "actors"])
      case .stargazers: ClickHouseShape(["stargazers"], oneRow: true)
      }
    }
  }

  public static func repoIDQuery(_ repo: RepoName, database: String = defaultDatabase) -> Query {
    Query(
      endpoint: .repoID, target: repo.description, table: "\(database).repo_name_to_id",
      sql: "SELECT repo_id FROM \(database).repo_name_to_id WHERE repo_name = \(ClickHouseSQL.literal(repo.description)) GROUP BY repo_id ORDER BY repo_id",
      purpose: "github-events repository id of \(repo)")
  }

  /// The id from a `repo_id` answer: digits only, or nil (unknown repository, or not an id).
  public static func repoID(from rows: [JSONValue]) -> String? {
    guard rows.count == 1, let id = rows[0]["repo_id"]?.stringValue, !id.isEmpty, id.allSatisfy({ $0.isASCII && $0.isNumber }) else {
      return nil
    }
    return id
  }

  public static func queries(
    _ repo: RepoName, repoID: String, days: ClosedRange<Day>, personalData: Bool, database: String = defaultDatabase
  ) -> [Query] {
    let filter = "repo_id = \(ClickHouseSQL.literal(repoID)) AND created_at >= \(ClickHouseSQL.startOf(days.lowerBound)) AND created_at < \(ClickHouseSQL.startOf(days.upperBound.adding(days: 1)))"
    let span = days.lowerBound == days.upperBound ? "\(days.lowerBound)" : "\(days.lowerBound)…\(days.upperBound)"
    let actor = personalData ? ", actor_login AS actor" : ""
    let groupActor = personalData ? ", actor" : ""
    return [
      Query(
        endpoint: .byType, target: repo.description, table: "\(database).github_events",
        sql: "SELECT toDate(created_at) AS date, toString(event_type) AS event_type, count() AS events, uniqExact(actor_login) AS actors FROM \(database).github_events WHERE \(filter) GROUP BY date, event_type ORDER BY date, event_type",
        purpose: "github-events by type for \(repo) \(span)"),
      Query(
        endpoint: .forksReleases, target: repo.description, table: "\(database).github_events",
        sql: "SELECT toDate(created_at) AS date, toString(event_type) AS event_type, release_tag_name AS tag\(actor), count() AS events, uniqExact(actor_login) AS actors FROM \(database).github_events WHERE \(filter) AND (event_type = 'ForkEvent' OR (event_type = 'ReleaseEvent' AND action = 'published')) GROUP BY date, event_type, tag\(groupActor) ORDER BY date, event_type, tag\(groupActor)",
        purpose: "github-events forks and releases for \(repo) \(span)"),
    ]
  }

  public static func stargazersQuery(_ repo: RepoName, repoID: String, database: String = defaultDatabase) -> Query {
    Query(
      endpoint: .stargazers, target: repo.description, table: "\(database).github_events",
      sql: "SELECT uniqExact(actor_login) AS stargazers FROM \(database).github_events WHERE repo_id = \(ClickHouseSQL.literal(repoID)) AND event_type = 'WatchEvent'",
      purpose: "github-events stargazers of \(repo)")
  }

  /// Records (source `github-events`, `package` = the repository): `events` and `actors` per
  /// event type, `releases` per tag, `stargazers` (all-time), and with personal data opted in,
  /// `fork_actor` / `release_actor` per login.
  /// `echoingFailures` as for `PyPIClickHouse.normalize`.
  public static func normalize(_ raw: RawSnapshot, path: String, echoingFailures: Bool = true) -> (RecordSet, [Diagnostic]) {
    var records: [DownloadRecord.Key: DownloadRecord] = [:]
    var diagnostics: [Diagnostic] = []
    func add(_ date: Day, _ repo: String, _ dimension: String, _ category: String, _ n: Int64) {
      let r = DownloadRecord(date: date, package: repo, source: source, dimension: dimension, category: category, downloads: n)
      if records[r.key] == nil { records[r.key] = r }
    }
    for (endpoint, repo, rows) in raw.clickHouseRows(Endpoint.self, source: "github-events", path: path, diagnostics: &diagnostics) {
      var bad = 0
      for row in rows {
        let day = row["date"]?.stringValue.flatMap { Day($0) }
        switch endpoint {
        case .repoID: continue
        case .stargazers:
          guard let n = row.count("stargazers") else { bad += 1; continue }
          add(raw.date, repo, stargazersDimension, "all_time", n)
        case .byType:
          guard let day, let type = row["event_type"]?.stringValue, let events = row.count("events"), let actors = row.count("actors") else {
            bad += 1; continue
          }
          add(day, repo, eventsDimension, type, events)
          add(day, repo, actorsDimension, type, actors)
        case .forksReleases:
          guard let day, let type = row["event_type"]?.stringValue, let tag = row["tag"]?.stringValue, let events = row.count("events") else {
            bad += 1; continue
          }
          if type == "ReleaseEvent" { add(day, repo, releasesDimension, tag, events) }
          if let actor = row["actor"]?.stringValue {
            add(day, repo, type == "ForkEvent" ? forkersDimension : releasersDimension, type == "ForkEvent" ? actor : "\(tag) \(actor)", events)
          }
        }
      }
      if bad > 0 {
        diagnostics.append(Diagnostic(.error, "\(bad) row(s) of the \(endpoint.rawValue) answer for \(repo) were not understood; they were skipped", at: path))
      }
    }
    for failure in raw.failures where echoingFailures {
      diagnostics.append(Diagnostic(
        .warning, "fetch failed: \(failure.message); this snapshot holds only what an earlier run of the day got for it, if anything", at: "\(path) (\(failure.endpoint) for \(failure.target))"))
    }
    return (RecordSet(snapshot: raw.date, records: Array(records.values)), diagnostics)
  }

  /// GitHub's star count against the events' distinct stargazers. They differ by design (no
  /// event marks an unstar; GH Archive misses some events), so the difference is reported, never
  /// hidden or "fixed".
  public static func starCrossCheck(repo: String, apiStars: Int64, eventStargazers: Int64) -> Diagnostic {
    let diff = eventStargazers - apiStars
    let why = diff > 0 ? "\(diff) more in the events: unstars leave no event" : diff < 0 ? "\(-diff) fewer in the events: stars older than the event archive or events it missed" : "they agree"
    return Diagnostic(.note, "\(repo): GitHub reports \(apiStars) stars; the events data set counts \(eventStargazers) distinct stargazers (\(why))")
  }
}
