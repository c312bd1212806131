import AlmanacKit
import Foundation

/// Sentry's API for one organisation as a pure function of the request, from api-notes §6:
/// bearer tokens checked (401 `Invalid token`), a token without `org:read` gets 403, an unknown
/// organisation 404, all as DRF `{"detail": …}` bodies; the project list paged by `cursor` with
/// Sentry's `Link` header (`results="true"|"false"`, absolute URLs on `baseURL`); `stats_v2`
/// with `field`, `groupBy=outcome`, `category=error`, `interval=1d`, `project`, `start`/`end`,
/// answering every day of the range (zeros included) and 400 for what it does not know; and
/// `X-Sentry-Rate-Limit-*` headers on every answer.
public struct SentryFake: Sendable {
  public var org: String
  /// Project slug → (id, day → outcome → events).
  public var projects: [String: (id: String, days: [Day: [String: Int]])]
  /// Tokens and whether they carry `org:read`.
  public var tokens: [String: Bool]
  public var baseURL: String
  public var pageSize = 2
  /// Project slug → day → new and resolved issues (`issues-metrics`).
  public var issues: [String: [Day: (new: Int, resolved: Int)]] = [:]
  /// Project slug → day → release-health sessions (`sessions`; none: zeros).
  public var sessions: [String: [Day: Int]] = [:]
  /// Tokens with `org:read` but without `event:read`: `sessions` answers them 403.
  public var withoutEventRead: Set<String> = []

  public init(org: String, projects: [String: (id: String, days: [Day: [String: Int]])], tokens: [String: Bool], baseURL: String) {
    self.org = org
    self.projects = projects
    self.tokens = tokens
    self.baseURL = baseURL
  }

  static let rateHeaders: [(name: String, value: String)] = [
    ("X-Sentry-Rate-Limit-Limit", "20"), ("X-Sentry-Rate-Limit-Remaining", "19"), ("X-Sentry-Rate-Limit-Reset", "1900000000"),
    ("X-Sentry-Rate-Limit-ConcurrentLimit", "5"), ("X-Sentry-Rate-Limit-ConcurrentRemaining", "4"),
  ]

  static func detail(_ status: Int, _ text: String) -> FakeResponse {
    .json(status, CanonicalJSON.encode(.object(["detail": .string(text)])), headers: rateHeaders)
  }

  public func respond(to r: FakeRequest) -> FakeResponse {
    guard let auth = r.header("authorization"), auth.hasPrefix("Bearer "), let scoped = tokens[String(auth.dropFirst(7))] else {
      return Self.detail(401, "Invalid token")
    }
    let prefix = "/api/0/organizations/"
    guard r.path.hasPrefix(prefix) else { return Self.detail(404, "The requested resource does not exist") }
    let rest = r.path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
    guard rest.count >= 2, String(rest[0]) == org else { return Self.detail(404, "The requested resource does not exist") }
    guard scoped else { return Self.detail(403, "You do not have permission to perform this action.") }
    switch String(rest[1]) {
    case "projects":
      let all = projects.sorted { $0.key < $1.key }
      let start = Int((r.query("cursor") ?? "0:0:0").split(separator: ":").dropFirst().first ?? "0") ?? 0
      let page = all.dropFirst(start).prefix(pageSize)
      let body = CanonicalJSON.encode(.array(page.map { .object(["slug": .string($0.key), "id": .string($0.value.id), "name": .string($0.key.capitalized)]) }))
      let next = start + pageSize
      let more = next < all.count
      let link = "<\(baseURL)/api/0/organizations/\(org)/projects/?&cursor=0:\(max(0, start - pageSize)):1>; rel=\"previous\"; results=\"\(start > 0)\"; cursor=\"0:\(max(0, start - pageSize)):1\", "
        + "<\(baseURL)/api/0/organizations/\(org)/projects/?&cursor=0:\(next):0>; rel=\"next\"; results=\"\(more)\"; cursor=\"0:\(next):0\""
      return .json(200, body, headers: Self.rateHeaders + [("Link", link)])
    case "stats_v2":
      guard r.query("field") == "sum(quantity)" || r.query("field") == "sum(times_seen)" else { return Self.detail(400, "Invalid field: \"\(r.query("field") ?? "")\"") }
      guard let category = r.query("category"), ["error", "transaction", "attachment"].contains(category) else {
        return Self.detail(400, "Invalid category: \"\(r.query("category") ?? "")\"")
      }
      guard r.query("interval") == "1d" else { return Self.detail(400, "this fake answers only interval=1d") }
      guard let id = r.query("project"), let project = projects.first(where: { $0.value.id == id })?.value else { return Self.detail(400, "No projects available") }
      guard let start = r.query("start").flatMap({ Day(String($0.prefix(10))) }), let end = r.query("end").flatMap({ Day(String($0.prefix(10))) }), start < end else {
        return Self.detail(400, "start and end are required (ISO datetimes)")
      }
      let days = (start...end.adding(days: -1)).days
      let outcomes = ["accepted", "filtered", "rate_limited"]
      let groups: [JSONValue] = outcomes.map { outcome in
        let values = days.map { Int64(project.days[$0]?[outcome] ?? 0) }
        return .object(["by": .object(["outcome": .string(outcome)]), "totals": .object(["sum(quantity)": .int(values.reduce(0, +))]), "series": .object(["sum(quantity)": .array(values.map { .int($0) })])])
      }
      let body = JSONValue.object([
        "start": .string("\(start)T00:00:00Z"), "end": .string("\(end)T00:00:00Z"),
        "intervals": .array(days.map { .string("\($0)T00:00:00Z") }), "groups": .array(groups),
      ])
      return .json(200, CanonicalJSON.encode(body), headers: Self.rateHeaders)
    case "issues-metrics":
      return issueMetrics(r)
    case "sessions":
      if withoutEventRead.contains(String(auth.dropFirst(7))) { return Self.detail(403, "You do not have permission to perform this action.") }
      return sessionStats(r)
    default:
      return Self.detail(404, "The requested resource does not exist")
    }
  }
}
