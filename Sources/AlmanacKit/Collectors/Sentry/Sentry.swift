/// Sentry's answers (api-notes §6), decoded strictly: a body without the documented shape is a
/// failure naming what was wrong, never an empty success.
///
/// Per project and day the source keeps the error events by outcome (`stats_v2` with
/// `category=error`, `groupBy=outcome`, `interval=1d`): `accepted` (what the project's issues
/// count), `filtered`, `rate_limited`, `invalid`, and any other outcome Sentry names.
public enum Sentry {
  public static let source = "sentry"
  public static let defaultBaseURL = "https://sentry.io"
  public static let defaultTokenVariable = "SENTRY_AUTH_TOKEN"
  /// The records' and series' dimension: error events by outcome (dense: every day of the range).
  public static let eventsDimension = "error_events"
  public static let projectsEndpoint = "projects"
  public static let statsEndpoint = "stats"
  public static let backfillStatsEndpoint = "stats/backfill"
  public static let field = "sum(quantity)"

  public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  /// An organisation or project slug: safe in a path and as a file name.
  public static func isSlug(_ s: String) -> Bool {
    !s.isEmpty && s.count <= 100 && s.first != "-" && s.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "_" }
  }

  /// One page of `GET /api/0/organizations/{org}/projects/`: slug → numeric id.
  public static func decodeProjects(_ body: String) throws(Failure) -> [(slug: String, id: String)] {
    let json = try parse(body)
    guard let rows = json.arrayValue else { throw Failure(message: "expected a list of projects, found \(json.kindName)") }
    return try rows.enumerated().map { (i, row) throws(Failure) -> (slug: String, id: String) in
      guard let slug = row["slug"]?.stringValue else { throw Failure(message: "projects[\(i)].slug: expected a string, found \(row["slug"]?.kindName ?? "nothing")") }
      // Sentry sends ids as strings; accept a number too.
      guard let id = row["id"]?.stringValue ?? row["id"]?.int64Value.map(String.init), !id.isEmpty, id.allSatisfy(\.isNumber) else {
        throw Failure(message: "projects[\(i)].id: expected a numeric id, found \(row["id"]?.kindName ?? "nothing")")
      }
      return (slug, id)
    }
  }

  /// `stats_v2` with `interval=1d`: day → outcome → events.
  public static func decodeStats(_ body: String) throws(Failure) -> [Day: [String: Int64]] {
    try decodeGrouped(body, field: field)
  }

  /// The `intervals`/`groups` shape `stats_v2` and `sessions` share, with `interval=1d`: day →
  /// group (the outcome, or `all` for the one group `by: {}`) → `series[field]`.
  static func decodeGrouped(_ body: String, field: String) throws(Failure) -> [Day: [String: Int64]] {
    let json = try parse(body)
    guard let intervals = json["intervals"]?.arrayValue else {
      throw Failure(message: "expected an object with `intervals`, found \(json["intervals"]?.kindName ?? json.kindName)")
    }
    let days = try intervals.enumerated().map { (i, v) throws(Failure) -> Day in
      guard let text = v.stringValue, let day = Day(String(text.prefix(10))), text.count == 10 || text.dropFirst(10).hasPrefix("T00:00:00") else {
        throw Failure(message: "intervals[\(i)]: expected a day boundary like 2026-11-20T00:00:00Z, found \(v.stringValue.map { "`\($0)`" } ?? v.kindName)")
      }
      return day
    }
    guard let groups = json["groups"]?.arrayValue else { throw Failure(message: "expected `groups`, found \(json["groups"]?.kindName ?? "nothing")") }
    var out: [Day: [String: Int64]] = [:]
    for d in days { out[d] = [:] }
    for (g, group) in groups.enumerated() {
      guard let by = group["by"]?.objectValue else { throw Failure(message: "groups[\(g)].by: expected an object") }
      // With no groupBy match Sentry answers one group with `by: {}`: all outcomes together.
      let outcome = by["outcome"]?.stringValue ?? (by.isEmpty ? "all" : nil)
      guard let outcome, isSlug(outcome) else { throw Failure(message: "groups[\(g)].by.outcome: expected an outcome name") }
      guard let values = group["series"]?[field]?.arrayValue else {
        throw Failure(message: "groups[\(g)].series[\"\(field)\"]: missing (a query grouped by project returns totals only)")
      }
      guard values.count == days.count else {
        throw Failure(message: "groups[\(g)]: \(values.count) values for \(days.count) intervals")
      }
      for (i, v) in values.enumerated() {
        guard let n = v.int64Value, n >= 0 else { throw Failure(message: "groups[\(g)].series[\(i)]: expected a count, found \(v.kindName)") }
        out[days[i], default: [:]][outcome, default: 0] += n
      }
    }
    return out
  }

  static func parse(_ body: String) throws(Failure) -> JSONValue {
    let json: JSONValue
    do { json = try JSONParser.parse(body) } catch { throw Failure(message: "the body is not JSON (\(error)); Sentry or a proxy answered with something else") }
    if let detail = json["detail"]?.stringValue { throw Failure(message: "the answer is an error: \(detail)") }
    return json
  }

  /// The DRF `detail` text of an error body, if it has one.
  public static func detail(_ body: String) -> String? { (try? JSONParser.parse(body))?["detail"]?.stringValue }

  /// What an error answer means and what to do, from its DRF `{"detail": "…"}` body.
  public static func explain(status: Int, body: String) -> String {
    let detail = (try? JSONParser.parse(body))?["detail"]?.stringValue
    guard let detail else { return "HTTP \(status) without Sentry's error body (a proxy or an outage answered); a later night retries" }
    let what: String
    switch status {
    case 401: what = "the token is missing, wrong or revoked: set the variable sources.sentry.token_env names to an auth token"
    case 403: what = "the token lacks a scope: stats and the project list need `org:read` (and `project:read`) on this organisation"
    case 404: what = "no such organisation for this token: check sources.sentry.org (the slug in the organisation's URL)"
    case 429: what = "Sentry's rate limit for this endpoint; the night waits for its reset or ends partial"
    case 400: what = "Sentry refused the query; this is a bug in Almanac's request or an unsupported self-hosted version"
    default: what = "Sentry answered HTTP \(status)"
    }
    return "\(what) (Sentry said: \(detail))"
  }

  /// The `next` page of a Sentry list, from its `Link` header: the cursor only, and only when
  /// `results="true"` (Sentry always sends a `next` link; `results="false"` means the end).
  /// The URL is never followed as sent: the caller builds it on the configured base URL.
  public static func nextCursor(_ link: String?) -> String? {
    guard let link else { return nil }
    for part in link.split(separator: ",") where part.contains("rel=\"next\"") {
      var attributes: [String: String] = [:]
      for param in part.split(separator: ";").dropFirst() {
        let kv = param.split(separator: "=", maxSplits: 1).map { String($0.trimmed(of: " \t\"")) }
        if kv.count == 2 { attributes[kv[0].lowercased()] = kv[1] }
      }
      guard attributes["results"] == "true", let cursor = attributes["cursor"], !cursor.isEmpty,
        cursor.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ":-_.".contains($0)) })
      else { return nil }
      return cursor
    }
    return nil
  }

  public static func projectsURL(base: String, org: String, cursor: String?) -> String {
    "\(trimmed(base))/api/0/organizations/\(org)/projects/" + (cursor.map { "?cursor=\(URLQuery.percentEncoded($0))" } ?? "")
  }

  /// Error events by outcome per day for one project, `from` through `through` (whole days, UTC).
  public static func statsURL(base: String, org: String, projectID: String, from: Day, through: Day) -> String {
    "\(trimmed(base))/api/0/organizations/\(org)/stats_v2/?" + URLQuery.encode([
      ("field", field), ("groupBy", "outcome"), ("category", "error"), ("interval", "1d"), ("project", projectID),
      ("start", "\(from)T00:00:00Z"), ("end", "\(through.adding(days: 1))T00:00:00Z"),
    ])
  }

  static func trimmed(_ base: String) -> String { base.hasSuffix("/") ? String(base.dropLast()) : base }

  /// Records from a raw snapshot: the stats, issues and sessions answers, target = project
  /// slug. A backfill's answer leaves out the days before its first non-zero day (the project
  /// did not report yet).
  public static func normalize(_ raw: RawSnapshot, path: String) -> (records: RecordSet, diagnostics: [Diagnostic]) {
    var records: [DownloadRecord] = []
    var diagnostics: [Diagnostic] = []
    var seen = Set<DownloadRecord.Key>()
    for exchange in raw.exchanges where !exchange.endpoint.hasPrefix(projectsEndpoint) {
      guard isSlug(exchange.target) else {
        diagnostics.append(Diagnostic(.error, "`\(exchange.target)` is not a Sentry project slug; its answer is skipped", at: path))
        continue
      }
      do {
        guard let (dimension, days, categories) = try dailyCounts(exchange) else {
          diagnostics.append(Diagnostic(.warning, "unknown sentry endpoint `\(exchange.endpoint)` skipped", at: path))
          continue
        }
        let first = days.filter { $0.value.values.contains { $0 > 0 } }.keys.min()
        for (day, counts) in days.sorted(by: { $0.key < $1.key }) {
          if exchange.endpoint.hasSuffix("/backfill"), first.map({ day < $0 }) ?? true { continue }
          for category in categories.sorted() {
            let r = DownloadRecord(date: day, package: exchange.target, source: source, dimension: dimension, category: category, downloads: counts[category] ?? 0)
            if seen.insert(r.key).inserted { records.append(r) }
          }
        }
      } catch {
        diagnostics.append(Diagnostic(.error, "\(exchange.endpoint) for \(exchange.target): \(error.message)", at: path))
      }
    }
    return (RecordSet(snapshot: raw.date, records: records), diagnostics)
  }
}
