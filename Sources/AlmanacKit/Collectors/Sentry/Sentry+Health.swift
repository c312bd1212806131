/// Issue counts and release-health sessions: two answers a night asks per project beside the
/// error events, each optional (a token without the scope, or a server without the endpoint,
/// leaves them out and the rest of the night lands).
///
/// - `GET /api/0/organizations/{org}/issues-metrics/` (getsentry/sentry
///   `OrganizationIssueMetricsEndpoint`; not in api-notes, read from Sentry's source):
///   `timeseries[]` with `axis` `new_issues_count` (by first seen) and `resolved_issues_count`
///   (by resolved at), each `values[]` of `{timestamp: epoch seconds, value}` per `interval`
///   milliseconds, filled with zeros from `start` to `end` inclusive. Scope `org:read` and
///   access to the project.
/// - `GET /api/0/organizations/{org}/sessions/?field=sum(session)` (docs.sentry.io "Retrieve
///   Release Health Session Statistics"): the `intervals`/`groups[].series` shape of `stats_v2`.
///   Scope `event:read`. A project without release health answers zeros.
extension Sentry {
  /// Issues per day: categories `new` and `resolved` (dense).
  public static let issuesDimension = "issues"
  /// Release-health sessions per day: category `all` (dense).
  public static let sessionsDimension = "sessions"
  public static let issuesEndpoint = "issues"
  public static let backfillIssuesEndpoint = "issues/backfill"
  public static let sessionsEndpoint = "sessions"
  public static let backfillSessionsEndpoint = "sessions/backfill"
  public static let sessionField = "sum(session)"
  public static let seriesDimensions: Set<String> = [eventsDimension, issuesDimension, sessionsDimension]

  /// The scope each optional answer needs, named in the warning a 403 gives.
  public static func scope(ofEndpoint endpoint: String) -> String {
    endpoint.hasPrefix(sessionsEndpoint) ? "`event:read`" : "`org:read` with access to the project"
  }

  public static func issuesURL(base: String, org: String, projectID: String, from: Day, through: Day) -> String {
    "\(trimmed(base))/api/0/organizations/\(org)/issues-metrics/?" + URLQuery.encode([
      ("category", "issue"), ("interval", "86400000"), ("project", projectID),
      ("start", "\(from)T00:00:00Z"), ("end", "\(through)T23:59:59Z"),
    ])
  }

  public static func sessionsURL(base: String, org: String, projectID: String, from: Day, through: Day) -> String {
    "\(trimmed(base))/api/0/organizations/\(org)/sessions/?" + URLQuery.encode([
      ("field", sessionField), ("interval", "1d"), ("project", projectID),
      ("start", "\(from)T00:00:00Z"), ("end", "\(through.adding(days: 1))T00:00:00Z"),
    ])
  }

  /// `issues-metrics` with a one-day interval: day → (new, resolved). Other axes (by release)
  /// are not read.
  public static func decodeIssueMetrics(_ body: String) throws(Failure) -> [Day: (new: Int64, resolved: Int64)] {
    let json = try parse(body)
    guard let series = json["timeseries"]?.arrayValue else {
      throw Failure(message: "expected an object with a `timeseries` list, found \(json["timeseries"]?.kindName ?? json.kindName)")
    }
    var out: [Day: (new: Int64, resolved: Int64)] = [:]
    var seen: Set<String> = []
    for (s, entry) in series.enumerated() {
      guard let axis = entry["axis"]?.stringValue else { throw Failure(message: "timeseries[\(s)].axis: expected a string") }
      guard axis == "new_issues_count" || axis == "resolved_issues_count" else { continue }
      guard entry["groupBy"]?.arrayValue?.isEmpty ?? true else { throw Failure(message: "timeseries[\(s)].groupBy: expected no grouping for \(axis)") }
      guard seen.insert(axis).inserted else { throw Failure(message: "timeseries[\(s)]: \(axis) is answered twice") }
      guard let values = entry["values"]?.arrayValue else { throw Failure(message: "timeseries[\(s)].values: expected a list") }
      for (i, v) in values.enumerated() {
        let at = "timeseries[\(s)].values[\(i)]"
        guard let ts = number(v["timestamp"]), ts >= 0, ts < 4.0e11, ts.truncatingRemainder(dividingBy: 86_400) == 0 else {
          throw Failure(message: "\(at).timestamp: expected a day boundary in epoch seconds (interval 1 day), found \(v["timestamp"]?.kindName ?? "nothing")")
        }
        guard let n = number(v["value"]), n >= 0, n == n.rounded(), n < 9.0e15 else { throw Failure(message: "\(at).value: expected a count") }
        let day = Day(unixSeconds: ts)
        var counts = out[day] ?? (0, 0)
        if axis == "new_issues_count" { counts.new = Int64(n) } else { counts.resolved = Int64(n) }
        out[day] = counts
      }
    }
    guard seen.count == 2 else { throw Failure(message: "expected the axes new_issues_count and resolved_issues_count, found \(seen.sorted().joined(separator: ", "))") }
    return out
  }

  /// `sessions` with `field=sum(session)` and `interval=1d`: day → sessions (all groups summed).
  public static func decodeSessions(_ body: String) throws(Failure) -> [Day: Int64] {
    try decodeGrouped(body, field: sessionField).mapValues { $0.values.reduce(0, +) }
  }

  static func number(_ v: JSONValue?) -> Double? {
    switch v {
    case .int(let n)?: Double(n)
    case .double(let d)?: d.isFinite ? d : nil
    default: nil
    }
  }

  /// Day → (category → count) from an answer of dense daily series: the error events by
  /// outcome, and the sessions and issues of the night (their own categories).
  static func dailyCounts(_ exchange: RawSnapshot.Exchange) throws(Failure) -> (dimension: String, days: [Day: [String: Int64]], categories: Set<String>)? {
    switch exchange.endpoint {
    case statsEndpoint, backfillStatsEndpoint:
      let days = try decodeStats(exchange.body)
      return (eventsDimension, days, Set(days.values.flatMap(\.keys)).union(["accepted"]))
    case issuesEndpoint, backfillIssuesEndpoint:
      return (issuesDimension, try decodeIssueMetrics(exchange.body).mapValues { ["new": $0.new, "resolved": $0.resolved] }, ["new", "resolved"])
    case sessionsEndpoint, backfillSessionsEndpoint:
      return (sessionsDimension, try decodeSessions(exchange.body).mapValues { ["all": $0] }, ["all"])
    default:
      return nil
    }
  }
}
