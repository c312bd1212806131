import AlmanacKit
import Foundation

/// The fetch stage for Sentry: the organisation's project list (slug → id, paged by cursor),
/// then per configured project one `stats_v2` query of error events by outcome per day, one
/// `issues-metrics` query of new and resolved issues per day, and one `sessions` query of
/// release-health sessions per day. The last two are optional: a 403 (the token lacks their
/// scope) or a 404 (a server without the endpoint) is a warning naming the scope, not a failure,
/// and the rest of the night lands.
///
/// Every 200 body is decoded before it is kept (a bad one is a failure, never an empty
/// success). The next page of the project list is built from the `Link` header's cursor on the
/// configured base URL, never followed as sent, so the token cannot be led to another host. A
/// 429 waits for `X-Sentry-Rate-Limit-Reset` (or `Retry-After`) when that is within
/// `http.max_retry_wait`.
public struct SentryFetcher: Sendable {
  public var client: HTTPClient
  public var source: Config.SentrySource
  public var token: String?
  public var progress: @Sendable (String) -> Void
  /// Told when an optional answer is not available (its scope or endpoint is missing).
  public var warn: @Sendable (String) -> Void = { _ in }

  public struct Plan: Sendable {
    public var project: String
    public var from: Day
    public var through: Day
    public var backfill: Bool
  }

  public init(client: HTTPClient, source: Config.SentrySource, token: String?, progress: @escaping @Sendable (String) -> Void = { _ in }) {
    var client = client
    client.retryRule = { response, now in
      guard response.status == 429 else { return nil }
      if let reset = response.headers["x-sentry-rate-limit-reset"].flatMap(Double.init) { return max(1, reset - now.timeIntervalSince1970) }
      return response.headers["retry-after"].flatMap(Double.init).map { max(1, $0) } ?? 1
    }
    self.client = client
    self.source = source
    self.token = token
    self.progress = progress
  }

  public func fetch(_ plans: [Plan], date: Day) async -> RawSnapshot {
    var snapshot = RawSnapshot(source: Sentry.source, date: date)
    let org = source.org
    guard let token else {
      for p in plans {
        snapshot.failures.append(RawSnapshot.Failure(target: p.project, endpoint: Sentry.statsEndpoint, message: "no auth token: set the variable \(source.tokenEnv) (sources.sentry.token_env) to a Sentry auth token with `org:read`"))
      }
      return snapshot
    }
    let credential = HTTPCredential.bearer(token, for: source.baseURL, name: "the token in \(source.tokenEnv)")
    var count = 0

    func ask(_ url: String, target: String, endpoint: String, optional: Bool = false, check: (String) throws(Sentry.Failure) -> Void) async -> HTTPResponse? {
      count += 1
      progress("[\(count)] sentry \(endpoint) for \(target)")
      let shown = client.redactor.redact(url)
      let response: HTTPResponse
      do {
        response = try await client.send(HTTPRequest(url: url, purpose: "sentry \(endpoint) for \(target)", credential: credential))
      } catch {
        snapshot.failures.append(RawSnapshot.Failure(target: target, endpoint: endpoint, message: error.description))
        return nil
      }
      if optional, [403, 404].contains(response.status) {
        let what = endpoint.hasPrefix(Sentry.sessionsEndpoint) ? "release-health sessions (so the error rate stays errors per day)" : "issue counts per day"
        warn("\(target): no \(what): Sentry answered HTTP \(response.status) from \(shown); "
          + (response.status == 403 ? "the token needs the scope \(Sentry.scope(ofEndpoint: endpoint)) for them" : "this Sentry server does not serve them")
          + " (Sentry said: \(client.redactor.redact(Sentry.detail(response.text) ?? "no detail"))). The rest of the night is kept.")
        return nil
      }
      guard response.status == 200 else {
        snapshot.failures.append(RawSnapshot.Failure(
          target: target, endpoint: endpoint, message: "HTTP \(response.status) from \(shown): \(client.redactor.redact(Sentry.explain(status: response.status, body: response.text)))"))
        return nil
      }
      do { try check(response.text) } catch {
        snapshot.failures.append(RawSnapshot.Failure(
          target: target, endpoint: endpoint,
          message: "HTTP 200 from \(shown) with a body that is not Sentry's answer (\(client.redactor.redact(error.message))); the earlier answer, if any, is kept"))
        return nil
      }
      snapshot.exchanges.append(RawSnapshot.Exchange(
        target: target, endpoint: endpoint, url: shown, status: 200, contentType: response.headers["content-type"] ?? "", body: client.redactor.redact(response.text)))
      return response
    }

    // The project list: slug → id.
    var ids: [String: String] = [:]
    var cursor: String?
    var listed = false
    for page in 1...20 {
      var rows: [(slug: String, id: String)] = []
      guard let response = await ask(Sentry.projectsURL(base: source.baseURL, org: org, cursor: cursor), target: org, endpoint: "\(Sentry.projectsEndpoint)/\(page)", check: { body throws(Sentry.Failure) in rows = try Sentry.decodeProjects(body) }) else { break }
      for r in rows { ids[r.slug] = r.id }
      cursor = Sentry.nextCursor(response.headers["link"])
      if cursor == nil { listed = true; break }
    }
    for plan in plans {
      guard let id = ids[plan.project] else {
        if listed {
          let known = ids.keys.sorted()
          snapshot.failures.append(RawSnapshot.Failure(
            target: plan.project, endpoint: Sentry.statsEndpoint,
            message: "no project `\(plan.project)` in organisation `\(org)` for this token (it sees: \(known.isEmpty ? "none" : known.prefix(20).joined(separator: ", "))); check sources.sentry.projects"))
        } else {
          snapshot.failures.append(RawSnapshot.Failure(target: plan.project, endpoint: Sentry.statsEndpoint, message: "not asked: the project list could not be read"))
        }
        continue
      }
      let suffix = plan.backfill ? "/backfill" : ""
      _ = await ask(
        Sentry.statsURL(base: source.baseURL, org: org, projectID: id, from: plan.from, through: plan.through), target: plan.project,
        endpoint: Sentry.statsEndpoint + suffix
      ) { body throws(Sentry.Failure) in _ = try Sentry.decodeStats(body) }
      _ = await ask(
        Sentry.issuesURL(base: source.baseURL, org: org, projectID: id, from: plan.from, through: plan.through), target: plan.project,
        endpoint: Sentry.issuesEndpoint + suffix, optional: true
      ) { body throws(Sentry.Failure) in _ = try Sentry.decodeIssueMetrics(body) }
      _ = await ask(
        Sentry.sessionsURL(base: source.baseURL, org: org, projectID: id, from: plan.from, through: plan.through), target: plan.project,
        endpoint: Sentry.sessionsEndpoint + suffix, optional: true
      ) { body throws(Sentry.Failure) in _ = try Sentry.decodeSessions(body) }
    }
    return snapshot
  }
}
