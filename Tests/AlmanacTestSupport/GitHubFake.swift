import AlmanacKit
import Foundation

/// GitHub's REST API for the repositories given, as a pure function of the request, with the
/// real API's shapes and quirks (api-notes.md §0–3):
///
/// - every answer carries `X-RateLimit-*` headers in GitHub's mixed case and two `Vary` headers;
/// - list pages follow `per_page` (default 30, at most 100) and `page`, with a `Link` header whose
///   URLs point at `/repositories/{id}/…` on this server (absolute URLs are rewritten to the fake,
///   the decision api-notes.md §0 asks for); a single page has no `Link`; past `capPages` pages
///   a list answers 422 (GitHub's 40,000 cap is 400 pages);
/// - stargazers carry `starred_at` only with `Accept: application/vnd.github.star+json`;
/// - list pages have a weak ETag and answer 304 to a matching `If-None-Match`;
/// - `permissions` appear only for an authenticated caller; traffic needs push access;
/// - a token not in `tokens` gets 401 Bad credentials; a renamed repository answers 301.
public struct GitHubFake: Sendable {
  public var repos: [GitHubFakeRepo]
  public var baseURL: String
  /// Tokens GitHub accepts; empty accepts any.
  public var tokens: Set<String> = []
  /// Old name → current name: the old one answers 301 to `/repositories/{id}`.
  public var renamed: [String: String] = [:]
  public var capPages = 400
  /// A proxy that drops `Accept` (fault 19): stargazers come back as plain users.
  public var dropsStarMediaType = false
  public var rateRemaining = 4_321
  public var rateReset: Int64 = 1_900_000_000
  /// `/users/{login}` bodies by login; any other stargazer gets a full profile with a public
  /// email (so tests can check that it is never kept by default); unknown logins, and an empty
  /// body here (a deleted account), answer 404.
  public var users: [String: String] = [:]
  /// Owners that are organisations (`/orgs/{o}/repos`); other owners are users.
  public var organisations: Set<String> = []
  /// Issues of every repository (stateful); nil: `/issues` answers 404.
  public var issues: GitHubFakeIssues?

  public init(_ repos: [GitHubFakeRepo], baseURL: String) {
    self.repos = repos
    self.baseURL = baseURL
  }

  public func respond(to request: FakeRequest) -> FakeResponse {
    if let auth = request.header("authorization"), !tokens.isEmpty,
      !tokens.contains(String(auth.drop(while: { $0 != " " }).dropFirst()))
    {
      return json(401, #"{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}"#)
    }
    let parts = request.path.split(separator: "/").map(String.init)
    if parts.first == "users", parts.count == 2 { return user(parts[1]) }
    if ["orgs", "users"].contains(parts.first ?? ""), parts.count == 3, parts[2] == "repos" {
      guard (parts[0] == "orgs") == organisations.contains(parts[1]) else { return json(404, #"{"message":"Not Found","status":"404"}"#) }
      let owned: [JSONValue] = repos.filter { $0.fullName.hasPrefix(parts[1] + "/") }.map { r in
        ["id": .int(r.id), "full_name": .string(r.fullName), "fork": .bool(r.isFork), "archived": .bool(r.archived), "stargazers_count": .int(Int64(r.stars.count))]
      }
      return page(owned, request: request, url: "\(baseURL)/\(parts[0])/\(parts[1])/repos")
    }
    if request.method == "POST", request.path == "/graphql" { return graphQL(request) }
    var repo: GitHubFakeRepo?
    var rest: ArraySlice<String> = []
    var listBase = ""
    if parts.first == "repos", parts.count >= 3 {
      let name = "\(parts[1])/\(parts[2])"
      if let target = renamed[name], let moved = repos.first(where: { $0.fullName == target }) {
        let location = "\(baseURL)/repositories/\(moved.id)" + (parts.count > 3 ? "/" + parts[3...].joined(separator: "/") : "")
        return json(301, #"{"message":"Moved Permanently","url":"\#(location)","documentation_url":"https://docs.github.com/v3/#http-redirects"}"#, extra: [("Location", location)])
      }
      repo = repos.first { $0.fullName == name }
      rest = parts[3...]
    } else if parts.first == "repositories", parts.count >= 2, let id = Int64(parts[1]) {
      repo = repos.first { $0.id == id }
      rest = parts[2...]
    }
    guard let repo else {
      return json(404, #"{"message":"Not Found","documentation_url":"https://docs.github.com/rest/repos/repos#get-a-repository","status":"404"}"#)
    }
    listBase = "\(baseURL)/repositories/\(repo.id)"
    if let issues, let answer = issues.respond(request, repo: repo.fullName, rest: Array(rest), fake: self) { return answer }
    let authenticated = request.header("authorization") != nil
    switch rest.joined(separator: "/") {
    case "": return json(200, repoBody(repo, authenticated: authenticated), etag: true, request: request)
    case "traffic/views", "traffic/clones", "traffic/popular/referrers", "traffic/popular/paths":
      guard authenticated, repo.canPush else {
        return json(403, #"{"message":"Must have push access to repository","documentation_url":"https://docs.github.com/rest/metrics/traffic#get-page-views"}"#, extra: [("X-Accepted-OAuth-Scopes", "repo")])
      }
      if let denied = repo.trafficDenied {
        return json(403, #"{"message":"\#(denied)","documentation_url":"https://docs.github.com/rest/metrics/traffic#get-page-views","status":"403"}"#)
      }
      return json(200, traffic(repo, String(rest.last ?? "")))
    case "stargazers":
      if let denied = repo.starListDenied { return json(403, #"{"message":"\#(denied)","status":"403"}"#) }
      let withDates = !dropsStarMediaType && request.header("accept") == GitHub.starMediaType
      let items: [JSONValue] = repo.stars.map { s in
        let user: JSONValue = s.id.map { id in
          ["login": .string(s.login), "id": .int(id), "type": "User", "site_admin": false, "user_view_type": "public"]
        } ?? .null
        return withDates ? ["starred_at": .string(s.at), "user": user] : user
      }
      return page(items, request: request, url: "\(listBase)/stargazers")
    case "stargazers/history":
      guard repo.hasStarHistory else { return json(404, #"{"message":"Not Found","status":"404"}"#) }
      return json(200, starHistory(repo))
    case "forks":
      let items: [JSONValue] = repo.forks.map { f in
        ["id": .int(f.0), "full_name": .string(f.1), "created_at": .string(f.2), "owner": ["login": .string(String(f.1.split(separator: "/")[0]))]]
      }
      return page(items, request: request, url: "\(listBase)/forks", extraQuery: "sort=oldest&")
    case "releases":
      let items = (try? JSONParser.parse(repo.releasesJSON))?.arrayValue ?? []
      return page(items, request: request, url: "\(listBase)/releases")
    default:
      return json(404, #"{"message":"Not Found","status":"404"}"#)
    }
  }

  func repoBody(_ repo: GitHubFakeRepo, authenticated: Bool) -> String {
    var o: [String: JSONValue] = [
      "id": .int(repo.id), "full_name": .string(repo.fullName), "stargazers_count": .int(Int64(repo.stars.count)),
      "watchers_count": .int(Int64(repo.stars.count)), "watchers": .int(Int64(repo.stars.count)),
      "forks_count": .int(Int64(repo.forks.count)), "forks": .int(Int64(repo.forks.count)),
      "open_issues_count": .int(repo.openIssues), "open_issues": .int(repo.openIssues), "subscribers_count": .int(repo.subscribers),
      "network_count": .int(Int64(repo.forks.count)), "size": .int(repo.size), "pushed_at": "2026-11-20T10:00:00Z",
      "created_at": "2017-09-15T21:43:08Z", "archived": .bool(repo.archived), "fork": .bool(repo.isFork), "visibility": "public", "topics": ["stats"],
    ]
    if authenticated {
      o["permissions"] = ["admin": .bool(repo.canPush), "maintain": .bool(repo.canPush), "push": .bool(repo.canPush), "triage": true, "pull": true]
    }
    return CanonicalJSON.encodeCompact(.object(o))
  }

  func traffic(_ repo: GitHubFakeRepo, _ kind: String) -> String {
    switch kind {
    case "views", "clones":
      let days = kind == "views" ? repo.views : repo.clones
      let items: [JSONValue] = days.keys.sorted().map { d in
        ["timestamp": .string("\(d)T00:00:00Z"), "count": .int(days[d]?.0 ?? 0), "uniques": .int(days[d]?.1 ?? 0)]
      }
      let count = days.values.reduce(0) { $0 + $1.0 }
      let totals = kind == "views" ? repo.viewTotals : nil
      return CanonicalJSON.encodeCompact([
        "count": .int(totals?.0 ?? count), "uniques": .int(totals?.1 ?? days.values.map(\.1).max() ?? 0), .init(stringLiteral: kind): .array(items),
      ])
    case "referrers":
      return CanonicalJSON.encodeCompact(.array(repo.referrers.map { ["referrer": .string($0.0), "count": .int($0.1), "uniques": .int($0.2)] }))
    default:
      return CanonicalJSON.encodeCompact(.array(repo.paths.map { ["path": .string($0.0), "title": .string($0.1), "count": .int($0.2), "uniques": .int($0.3)] }))
    }
  }

  func starHistory(_ repo: GitHubFakeRepo) -> String {
    var perDay: [Day: Int64] = [:]
    for s in repo.stars { if let d = Day(isoPrefix: s.at) { perDay[d, default: 0] += 1 } }
    let mondays = Set(perDay.keys.map { $0.adding(days: 1 - $0.isoWeekday) }).sorted(by: >)
    var total = Int64(repo.stars.count)
    return CanonicalJSON.encodeCompact(.array(mondays.map { monday in
      let days = (0..<7).map { perDay[monday.adding(days: $0)] ?? 0 }
      defer { total -= days.reduce(0, +) }
      return ["week": .string("\(monday)T00:00:00Z"), "total": .int(total), "days": .array(days.map(JSONValue.int))]
    }))
  }

  /// One page of a list, with GitHub's `Link` header, weak ETag and cap.
  func page(_ items: [JSONValue], request: FakeRequest, url: String, extraQuery: String = "") -> FakeResponse {
    let perPage = min(100, max(1, Int(request.query("per_page") ?? "") ?? 30))
    let number = max(1, Int(request.query("page") ?? "") ?? 1)
    if number > capPages {
      return json(422, #"{"message":"In order to keep the API fast for everyone, pagination is limited for this resource. Check the rel=last link relation in the Link response header to see how far back you can traverse.","documentation_url":"https://docs.github.com/v3/#pagination"}"#)
    }
    let pages = max(1, (items.count + perPage - 1) / perPage)
    let slice = Array(items.dropFirst((number - 1) * perPage).prefix(perPage))
    func link(_ p: Int, _ rel: String) -> String { "<\(url)?\(extraQuery)per_page=\(perPage)&page=\(p)>; rel=\"\(rel)\"" }
    var links: [String] = []
    if number > 1 { links.append(link(number - 1, "prev")) }
    if number < pages { links += [link(number + 1, "next"), link(pages, "last")] }
    if number > 1 { links.append(link(1, "first")) }
    let extra: [(String, String)] = pages > 1 ? [("Link", links.joined(separator: ", "))] : []
    return json(200, CanonicalJSON.encodeCompact(.array(slice)), extra: extra, etag: true, request: request)
  }

  /// A JSON answer with GitHub's headers; with `etag`, a weak ETag of the body and 304 when the
  /// request already has it.
  func json(_ status: Int, _ body: String, extra: [(String, String)] = [], etag: Bool = false, request: FakeRequest? = nil) -> FakeResponse {
    var headers: [(name: String, value: String)] = [
      ("Content-Type", "application/json; charset=utf-8"), ("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP"), ("Vary", "Accept-Encoding, Accept, X-Requested-With"),
      ("X-RateLimit-Limit", "5000"), ("x-ratelimit-remaining", String(rateRemaining)), ("X-RateLimit-Reset", String(rateReset)),
      ("X-RateLimit-Resource", "core"), ("X-GitHub-Media-Type", "github.v3; format=json"),
    ]
    headers += extra.map { (name: $0.0, value: $0.1) }
    if etag, status == 200 {
      let tag = "W/\"\(String(UInt64(bitPattern: Int64(body.hashValueStable)), radix: 16))\""
      headers.append(("ETag", tag))
      if request?.header("if-none-match") == tag {
        return FakeResponse(status: 304, headers: headers.filter { $0.name != "Content-Type" })
      }
    }
    return FakeResponse(status: status, headers: headers, body: Array(body.utf8))
  }
}

extension String {
  /// FNV-1a: a hash that is the same in every process (Swift's `hashValue` is seeded).
  var hashValueStable: Int64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return Int64(bitPattern: h)
  }
}

extension FakeAPIServer {
  /// Serves `repos` as GitHub's REST API at this server's root.
  @discardableResult
  public func serveGitHub(_ repos: [GitHubFakeRepo], configure: (inout GitHubFake) -> Void = { _ in }) -> GitHubFake {
    var fake = GitHubFake(repos, baseURL: baseURL)
    configure(&fake)
    let served = fake
    route("*", "/*") { served.respond(to: $0) }
    return served
  }
}
