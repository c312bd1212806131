import AlmanacKit
import Foundation

/// The fetch stage for GitHub: per repository the counts (`GET /repos/{o}/{r}`), traffic when the
/// token may read it, stargazers incrementally, forks and releases; every answer kept verbatim
/// in one raw snapshot, what failed listed, and the ETags and crawl position returned as state.
///
/// Requests are serial (GitHub's advice). 403/429 are classified like octokit's throttling
/// (`GitHubThrottle`); a rate limit that would outlast the run's budget ends the fetch with what
/// it has. The token is an `HTTPCredential` bound to `baseURL`'s origin: `Link` URLs and stored
/// positions (`state/github.json`, kept relative to the base) are followed only under the base
/// URL, and the client drops the token on a redirect to another origin.
public struct GitHubFetcher: Sendable {
  public enum StarsMode: String, Sendable, CaseIterable {
    /// Stargazers with dates (`star+json`), incrementally; the history endpoint when not allowed.
    case list
    /// The `stargazers/history` endpoint only (weekly buckets, no identities).
    case history
    /// Only the nightly `stargazers_count`.
    case count
    /// Dated stargazers over GraphQL only (no REST cap; needs a token).
    case graphql
  }

  public struct Options: Sendable {
    public var traffic = true
    public var stars = StarsMode.list
    public var forks = true
    public var releases = true
    /// Pages per list and night (REST stops at 400 anyway).
    public var maxPages = 400
    /// Stargazers' profiles (`privacy.profiles`); off keeps nothing personal.
    public var profiles = GitHubProfile.Level.off
    /// Profiles asked for per repository and night (one request each).
    public var maxProfiles = 100
    public init() {}
  }

  /// What the store already holds for a repository's stars.
  public struct Known: Sendable {
    public var starUserIDs: Set<Int64>
    public var ghostStars: Int
    /// Logins whose profile is stored.
    public var profiled: Set<String>
    public init(starUserIDs: Set<Int64> = [], ghostStars: Int = 0, profiled: Set<String> = []) {
      self.starUserIDs = starUserIDs
      self.ghostStars = ghostStars
      self.profiled = profiled
    }
  }

  public struct Result: Sendable {
    public var snapshot: RawSnapshot
    public var state: GitHubState
    public var diagnostics: [Diagnostic]
    /// Requests sent, 304s included.
    public var requests: Int
  }

  public var client: HTTPClient
  public var baseURL: String
  /// GitHub's GraphQL endpoint: `<base>/graphql` (GitHub Enterprise: `<host>/api/graphql`).
  public var graphqlURL: String
  public var token: String?
  public var tokenVariable: String
  /// The token as `Authorization: Bearer`, bound to the origin of `baseURL`.
  public var credential: HTTPCredential? {
    token.map { HTTPCredential.bearer($0, for: baseURL, name: "the token in \(tokenVariable)") }
  }
  public var options: Options
  public var progress: @Sendable (String) -> Void

  public init(
    client: HTTPClient, baseURL: String = GitHub.defaultBaseURL, token: String?, tokenVariable: String = GitHub.defaultTokenVariable,
    options: Options = Options(), progress: @escaping @Sendable (String) -> Void = { _ in }
  ) {
    var client = client
    if let token { client.redactor.add(token) }
    client.retryRule = { response, now in
      switch GitHubThrottle.classify(status: response.status, header: { response.headers[$0] }, body: response.text, now: now.timeIntervalSince1970) {
      case .answer: nil
      case .primary(let wait), .secondary(let wait): wait
      }
    }
    self.client = client
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    // GitHub Enterprise serves REST at <host>/api/v3 and GraphQL at <host>/api/graphql.
    self.graphqlURL = self.baseURL.hasSuffix("/api/v3") ? String(self.baseURL.dropLast(3)) + "/graphql" : self.baseURL + "/graphql"
    self.token = token
    self.tokenVariable = tokenVariable
    self.options = options
    self.progress = progress
  }

  /// The repositories of `discovery.owner` (an organisation, else a user) that its globs
  /// choose, in GitHub's order, read page by page along `Link` headers.
  public func discover(_ discovery: RepoDiscovery) async -> (repos: [String], diagnostics: [Diagnostic]) {
    var night = GitHubNight(fetcher: self, snapshot: RawSnapshot(source: GitHub.source, date: Day(ordinal: 0)), state: GitHubState())
    var found: [String] = []
    var url: String? = "\(baseURL)/orgs/\(discovery.owner)/repos?per_page=100"
    var visited = Set<String>()
    while let current = url, visited.insert(current).inserted, visited.count <= options.maxPages {
      guard let response = await night.get(discovery.owner, .repo, current) else { break }
      if response.status == 404, visited.count == 1, current.contains("/orgs/") {
        url = "\(baseURL)/users/\(discovery.owner)/repos?per_page=100"  // not an organisation: a user
        continue
      }
      guard response.status == 200 else {
        night.warn(discovery.owner, "listing the repositories of \(discovery.owner) failed: \(night.explain(discovery.owner, .repo, response))")
        break
      }
      do {
        found += try GitHub.answer { () throws(FormatError) in try discovery.choose(response.text, at: "github repositories of \(discovery.owner)") }
      } catch {
        night.warn(discovery.owner, error.description)
        break
      }
      url = night.next(discovery.owner, .repo, response)
    }
    let failures = night.snapshot.failures.map { Diagnostic(.warning, $0.message, at: "github \(discovery.owner)") }
    return (found, night.diagnostics + failures)
  }

  public func fetch(repos: [String], date: Day, state: GitHubState = GitHubState(), known: [String: Known] = [:]) async -> Result {
    var night = GitHubNight(fetcher: self, snapshot: RawSnapshot(source: GitHub.source, date: date), state: state)
    for repo in repos {
      if night.stopped { 
        night.fail(repo, .repo, "not fetched: \(night.stopReason)")
        continue
      }
      progress("github \(repo)")
      await night.fetchRepo(repo, known: known[repo] ?? Known())
    }
    return Result(snapshot: night.snapshot, state: night.state, diagnostics: night.diagnostics, requests: night.requests)
  }
}
