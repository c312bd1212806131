import AlmanacKit
import Foundation

/// One night's GitHub fetch in progress: the snapshot being filled, the state being updated, and
/// the pause the primary rate limit imposes on the next request.
struct GitHubNight {
  let fetcher: GitHubFetcher
  var snapshot: RawSnapshot
  var state: GitHubState
  var diagnostics: [Diagnostic] = []
  var requests = 0
  /// Set when going on is pointless (bad credentials, a rate limit beyond the budget).
  var stopReason = ""
  var stopped: Bool { !stopReason.isEmpty }
  var pauseUntil: Date?

  /// `state` as read from disk: a position outside the base URL is refused here, before any
  /// request, and listed as a failure (the night is partial).
  init(fetcher: GitHubFetcher, snapshot: RawSnapshot, state: GitHubState) {
    self.fetcher = fetcher
    self.snapshot = snapshot
    let (bound, refused) = state.bound(to: fetcher.baseURL)
    self.state = bound
    for r in refused {
      self.snapshot.failures.append(RawSnapshot.Failure(
        target: r.repo, endpoint: "state",
        message: fetcher.client.redactor.redact(
          "\(GitHubState.file): `\(r.field)` holds `\(r.value)`, which is not under the configured API base \(fetcher.baseURL) (sources.github.base_url). It was not followed and nothing was sent to it: the token goes only to the host it was configured for. Check who changed the file (`git log -p stats/\(GitHubState.file)`); the crawl started again from the first page")))
    }
  }

  var client: HTTPClient { fetcher.client }
  var base: String { fetcher.baseURL }
  var tokenVariable: String { fetcher.tokenVariable }

  mutating func fail(_ repo: String, _ endpoint: GitHub.Endpoint, _ message: String) {
    snapshot.failures.append(RawSnapshot.Failure(target: repo, endpoint: endpoint.rawValue, message: client.redactor.redact(message)))
  }

  mutating func warn(_ repo: String, _ message: String) {
    diagnostics.append(Diagnostic(.warning, client.redactor.redact(message), at: "github \(repo)"))
  }

  /// Keeps an answer in the snapshot. A 200 is first read by the decoder normalize will use: a
  /// body that is not GitHub's answer (an error page, `{"error": …}`, a cut body, `data: null`)
  /// is a failure instead, so it never replaces the earlier answer of the same day. False then.
  @discardableResult
  mutating func keep(_ repo: String, _ endpoint: GitHub.Endpoint, _ url: String, _ response: HTTPResponse) -> Bool {
    if response.status == 200 {
      do {
        try GitHub.check(response.text, endpoint: endpoint, at: "github \(endpoint.rawValue) for \(repo)")
      } catch {
        fail(repo, endpoint, "HTTP 200 from \(url) with a body that is not GitHub's answer (\(error.problem)); the earlier answer, if any, is kept")
        return false
      }
    }
    snapshot.exchanges.append(RawSnapshot.Exchange(
      target: repo, endpoint: endpoint.rawValue, url: client.redactor.redact(url), status: response.status,
      contentType: response.headers["content-type"] ?? "",
      body: client.redactor.redact(response.status == 200 ? GitHubCompact.body(response.text, endpoint: endpoint) : response.text)))
    return true
  }

  /// One GET; nil when no answer came (the failure is recorded) or the fetch has stopped.
  mutating func get(
    _ repo: String, _ endpoint: GitHub.Endpoint, _ url: String, accept: String = GitHub.jsonMediaType, etag: String? = nil, post body: String? = nil
  ) async -> HTTPResponse? {
    guard !stopped else { return nil }
    if let pauseUntil {
      let wait = pauseUntil.timeIntervalSince(client.now())
      if wait > 0 {
        let beyondBudget = client.deadline.map { client.now().addingTimeInterval(wait) >= $0 } ?? false
        if wait > client.policy.maxWait || beyondBudget {
          stopReason = "GitHub's rate limit is used up for \(Int(wait.rounded(.up))) s more, longer than this run may wait (http.max_retry_wait, http.deadline); the next night carries on"
          fail(repo, endpoint, stopReason)
          warn(repo, stopReason)
          return nil
        }
        try? await client.sleep(wait)
      }
      self.pauseUntil = nil
    }
    var headers = HTTPHeaders([("Accept", accept), ("X-GitHub-Api-Version", GitHub.apiVersion)])
    if let etag { headers.set("If-None-Match", etag) }
    if body != nil { headers.set("Content-Type", "application/json") }
    requests += 1
    do {
      let request = HTTPRequest(
        method: body == nil ? "GET" : "POST", url: url, headers: headers, body: body.map { Data($0.utf8) }, purpose: "github \(endpoint.rawValue) for \(repo)",
        credential: fetcher.credential)
      let response = try await client.send(request)
      if !(400...499).contains(response.status),
        let wait = GitHubThrottle.primaryWait(header: { response.headers[$0] }, now: client.now().timeIntervalSince1970)
      {
        pauseUntil = client.now().addingTimeInterval(wait)
      }
      return response
    } catch {
      fail(repo, endpoint, error.description)
      if error.kind == .rateLimited || error.kind == .deadline {
        stopReason = "an earlier request ran into GitHub's rate limit or the run's time budget (\(error.kind.rawValue))"
      }
      return nil
    }
  }

  /// The failure message for an answer that is not data, naming what to do.
  func explain(_ repo: String, _ endpoint: GitHub.Endpoint, _ response: HTTPResponse) -> String {
    let message = GitHub.errorMessage(response.text)
    let said = message.map { ": \"\($0)\"" } ?? ""
    switch response.status {
    case 401:
      return "HTTP 401\(said): the token in \(tokenVariable) is invalid or expired; create a new token and update the secret"
    case 403:
      return GitHubThrottle.forbiddenAdvice(message: message, tokenVariable: tokenVariable, what: "\(endpoint.rawValue) of \(repo)")
    case 404:
      return "HTTP 404\(said): \(repo) does not exist, or the token in \(tokenVariable) cannot see it (a private repository needs a token with access)"
    case 451:
      return "HTTP 451\(said): access to \(repo) is blocked for legal reasons; remove it from almanac.yml"
    default:
      let kind = response.headers["content-type"]?.contains("json") == true ? "" : " (\(response.headers["content-type"] ?? "no content type"))"
      return "HTTP \(response.status)\(said)\(kind) from \(client.redactor.redact(response.url))"
    }
  }

  /// The `Link: rel="next"` URL, resolved against the page that sent it (GitHub sends absolute
  /// URLs), or nil at the last page. A link that leaves the base URL is refused: listed as a
  /// failure of `endpoint`, and the list stops there (nothing is sent to it).
  mutating func next(_ repo: String, _ endpoint: GitHub.Endpoint, _ response: HTTPResponse) -> String? {
    guard let value = response.headers["link"], let next = LinkHeader.parse(value)["next"] else { return nil }
    let url = URL(string: response.url).flatMap { URL(string: next, relativeTo: $0) }?.absoluteURL.absoluteString ?? next
    guard APIPosition.relative(url, to: base) != nil else {
      fail(repo, endpoint, "GitHub's `Link` header points the next page at `\(url)`, which is not under the configured API base \(base) (sources.github.base_url); it was not followed and nothing was sent to it, so this list stops here")
      return nil
    }
    return url
  }

  /// `url` as the path under the base URL that `state/github.json` keeps.
  func position(_ url: String) -> String { APIPosition.relative(url, to: base) ?? url }

  /// A position from `state/github.json` (already bound to the base) as a URL.
  func resolve(_ position: String?) -> String? { position.flatMap { APIPosition.resolve($0, against: base) } }
}
