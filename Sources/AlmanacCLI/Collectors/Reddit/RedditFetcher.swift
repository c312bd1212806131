import AlmanacKit
import Foundation

/// The fetch stage for Reddit (api-notes §5): one application-only token (`POST
/// /api/v1/access_token` with the app's client id and secret as HTTP Basic, only to
/// `auth_url`), then per tracked post `GET /comments/{id}` with the bearer token (only to
/// `api_url`), under Reddit's User-Agent form.
///
/// Only a body that decodes as a post is kept, and only the keys Almanac reads (no comments, so
/// no commenter's name; the author only when `keepAuthor`). A 401 on a post asks for a fresh
/// token once. A 429, or Reddit's error object served with status 200, waits for
/// `x-ratelimit-reset` (seconds from now) when that is within `http.max_retry_wait`.
public struct RedditFetcher: Sendable {
  public var client: HTTPClient
  public var source: Config.RedditSource
  public var clientID: String?
  public var clientSecret: String?
  public var keepAuthor: Bool
  public var progress: @Sendable (String) -> Void
  /// Told each bearer token as it arrives, before anything could print it (masking).
  public var onToken: @Sendable (String) -> Void

  public init(
    client: HTTPClient, source: Config.RedditSource, clientID: String?, clientSecret: String?, keepAuthor: Bool,
    progress: @escaping @Sendable (String) -> Void = { _ in }, onToken: @escaping @Sendable (String) -> Void = { _ in }
  ) {
    var client = client
    client.userAgent = Reddit.userAgent(username: source.username, version: HTTPClient.version)
    client.retryRule = { response, _ in
      guard response.status == 429 || (response.status == 200 && Reddit.isRateLimitBody(response.text)) else { return nil }
      let reset = response.headers["x-ratelimit-reset"].flatMap(Double.init) ?? response.headers["retry-after"].flatMap(Double.init)
      return max(1, reset ?? 60)
    }
    if let clientSecret { client.redactor.add(clientSecret) }
    self.client = client
    self.source = source
    self.clientID = clientID
    self.clientSecret = clientSecret
    self.keepAuthor = keepAuthor
    self.progress = progress
    self.onToken = onToken
  }

  public func fetch(_ posts: [Reddit.TrackedPost], date: Day) async -> RawSnapshot {
    var snapshot = RawSnapshot(source: Reddit.source, date: date)
    var client = client
    func failAll(_ message: String) {
      for p in posts { snapshot.failures.append(RawSnapshot.Failure(target: p.id, endpoint: Reddit.postEndpoint, message: message)) }
    }
    guard let clientID, let clientSecret else {
      failAll("no client id or secret: set the variables \(source.clientIDEnv) and \(source.clientSecretEnv) (sources.reddit.client_id_env, client_secret_env) to your Reddit app's (reddit.com/prefs/apps)")
      return snapshot
    }
    var count = 0

    func token() async -> String? {
      count += 1
      progress("[\(count)] reddit token from \(source.authURL)")
      let basic = Data("\(clientID):\(clientSecret)".utf8).base64EncodedString()
      let credential = HTTPCredential(for: source.authURL, headers: [("Authorization", "Basic \(basic)")], name: "the client id and secret in \(source.clientIDEnv)/\(source.clientSecretEnv)")
      let request = HTTPRequest(
        method: "POST", url: Reddit.tokenURL(auth: source.authURL), headers: HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded")]),
        body: Data(Reddit.tokenRequestBody.utf8), purpose: "reddit token", credential: credential)
      let response: HTTPResponse
      do { response = try await client.send(request) } catch {
        snapshot.failures.append(RawSnapshot.Failure(target: Reddit.tokenEndpoint, endpoint: Reddit.tokenEndpoint, message: error.description))
        return nil
      }
      guard response.status == 200 else {
        snapshot.failures.append(RawSnapshot.Failure(
          target: Reddit.tokenEndpoint, endpoint: Reddit.tokenEndpoint,
          message: "HTTP \(response.status) from \(client.redactor.redact(response.url)): \(client.redactor.redact(Reddit.explain(status: response.status, body: response.text, post: nil)))"))
        return nil
      }
      do {
        let token = try Reddit.decodeToken(response.text).token
        client.redactor.add(token)
        onToken(token)
        return token
      } catch {
        snapshot.failures.append(RawSnapshot.Failure(
          target: Reddit.tokenEndpoint, endpoint: Reddit.tokenEndpoint, message: "HTTP 200 with a body that is not a token (\(client.redactor.redact(error.message)))"))
        return nil
      }
    }

    guard var bearer = await token() else {
      failAll("not asked: no token (see the token failure)")
      return snapshot
    }
    var refreshed = false
    var spent: Double?
    for (i, post) in posts.enumerated() {
      if let reset = spent {
        snapshot.failures.append(RawSnapshot.Failure(
          target: post.id, endpoint: Reddit.postEndpoint,
          message: "not asked: Reddit's rate limit is spent for \(Int(reset)) s more, longer than http.max_retry_wait (\(Int(client.policy.maxWait)) s); the next night asks again"))
        continue
      }
      var answer: HTTPResponse?
      for _ in 0..<2 {
        count += 1
        progress("[\(count)] reddit post \(post.id)")
        let credential = HTTPCredential(for: source.apiURL, headers: [("Authorization", "bearer \(bearer)")], name: "the Reddit bearer token")
        do {
          answer = try await client.send(HTTPRequest(url: Reddit.threadURL(api: source.apiURL, id: post.id), purpose: "reddit post \(post.id)", credential: credential))
        } catch {
          snapshot.failures.append(RawSnapshot.Failure(target: post.id, endpoint: Reddit.postEndpoint, message: error.description))
          answer = nil
          break
        }
        // An expired token: ask for a fresh one, once a night.
        guard answer?.status == 401, !refreshed else { break }
        refreshed = true
        guard let fresh = await token() else { break }
        bearer = fresh
      }
      guard let response = answer else { continue }
      // `x-ratelimit-remaining` is a decimal string and `-reset` seconds from now; a CDN-cached
      // answer has neither. With nothing left, wait for the reset before the next post.
      if i + 1 < posts.count, let left = response.headers["x-ratelimit-remaining"].flatMap(Double.init), left < 1 {
        let reset = max(1, response.headers["x-ratelimit-reset"].flatMap(Double.init) ?? 60)
        if reset <= client.policy.maxWait { try? await client.sleep(reset) } else { spent = reset }
      }
      let shown = client.redactor.redact(response.url)
      guard response.status == 200 else {
        snapshot.failures.append(RawSnapshot.Failure(
          target: post.id, endpoint: Reddit.postEndpoint,
          message: "HTTP \(response.status) from \(shown): \(client.redactor.redact(Reddit.explain(status: response.status, body: response.text, post: post.id)))"))
        continue
      }
      do {
        let decoded = try Reddit.decodeThread(response.text, id: post.id, keepAuthor: keepAuthor)
        snapshot.exchanges.append(RawSnapshot.Exchange(
          target: post.id, endpoint: Reddit.postEndpoint, url: shown, status: 200, contentType: "application/json", body: client.redactor.redact(Reddit.compact(decoded))))
      } catch {
        snapshot.failures.append(RawSnapshot.Failure(
          target: post.id, endpoint: Reddit.postEndpoint,
          message: "HTTP 200 from \(shown) with a body that is not the post (\(client.redactor.redact(error.message))); the earlier answer, if any, is kept"))
      }
    }
    progress("reddit: \(count) request(s)")
    return snapshot
  }
}
