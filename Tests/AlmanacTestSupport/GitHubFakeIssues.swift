import AlmanacKit
import Foundation

/// Issues for `GitHubFake`, with state (GitHub's issues change when written to): list
/// (`GET /repos/{o}/{r}/issues?state=&labels=`, newest first, `labels` all required), create
/// (`POST …/issues`, 201), comment (`POST …/issues/{n}/comments`, 201) and update
/// (`PATCH …/issues/{n}` with `state`). A write without a token is 401, as on GitHub; a body
/// that is not a JSON object is 400 "Problems parsing JSON"; a create without a title is 422.
public final class GitHubFakeIssues: @unchecked Sendable {
  public struct Issue: Sendable {
    public var number: Int64
    public var title: String
    public var body: String
    public var labels: [String]
    public var state: String
    public var stateReason: String?
    public var comments: [String]
  }

  private let lock = NSLock()
  private var held: [String: [Issue]] = [:]

  public init() {}

  public func issues(_ repo: String) -> [Issue] { lock.withLock { held[repo] ?? [] } }

  /// Adds an issue as if someone had opened it (a pre-existing alert issue, an unrelated one).
  public func seed(_ repo: String, title: String, body: String, labels: [String]) {
    lock.withLock {
      let n = Int64((held[repo]?.count ?? 0) + 1)
      held[repo, default: []].append(Issue(number: n, title: title, body: body, labels: labels, state: "open", stateReason: nil, comments: []))
    }
  }

  func respond(_ request: FakeRequest, repo: String, rest: [String], fake: GitHubFake) -> FakeResponse? {
    guard rest.first == "issues" else { return nil }
    let write = request.method != "GET"
    if write, request.header("authorization") == nil {
      return fake.json(401, #"{"message":"Requires authentication","documentation_url":"https://docs.github.com/rest/issues/issues#create-an-issue","status":"401"}"#)
    }
    let body: JSONValue?
    if write {
      guard let parsed = try? JSONParser.parse(String(decoding: request.body, as: UTF8.self)), parsed.objectValue != nil else {
        return fake.json(400, #"{"message":"Problems parsing JSON","documentation_url":"https://docs.github.com/rest","status":"400"}"#)
      }
      body = parsed
    } else {
      body = nil
    }
    return lock.withLock { () -> FakeResponse in
      switch (request.method, rest.count) {
      case ("GET", 1):
        let state = request.query("state") ?? "open"
        let labels = (request.query("labels") ?? "").split(separator: ",").map(String.init)
        let picked = (held[repo] ?? []).reversed().filter { i in (state == "all" || i.state == state) && labels.allSatisfy(i.labels.contains) }
        return fake.json(200, CanonicalJSON.encodeCompact(.array(picked.map { json($0, repo: repo, fake: fake) })))
      case ("POST", 1):
        guard let title = body?["title"]?.stringValue, !title.isEmpty else {
          return fake.json(422, #"{"message":"Validation Failed","errors":[{"resource":"Issue","code":"missing_field","field":"title"}],"status":"422"}"#)
        }
        let issue = Issue(
          number: Int64((held[repo]?.count ?? 0) + 1), title: title, body: body?["body"]?.stringValue ?? "",
          labels: body?["labels"]?.arrayValue?.compactMap(\.stringValue) ?? [], state: "open", stateReason: nil, comments: [])
        held[repo, default: []].append(issue)
        return fake.json(201, CanonicalJSON.encodeCompact(json(issue, repo: repo, fake: fake)))
      case (let method, let count) where count >= 2:
        guard let n = Int64(rest[1]), let i = held[repo]?.firstIndex(where: { $0.number == n }) else {
          return fake.json(404, #"{"message":"Not Found","status":"404"}"#)
        }
        if method == "POST", count == 3, rest[2] == "comments" {
          held[repo]?[i].comments.append(body?["body"]?.stringValue ?? "")
          return fake.json(201, CanonicalJSON.encodeCompact(.object(["id": .int(n * 1000 + Int64(held[repo]?[i].comments.count ?? 0)), "body": body?["body"] ?? .null])))
        }
        if method == "PATCH", count == 2 {
          if let s = body?["state"]?.stringValue { held[repo]?[i].state = s }
          held[repo]?[i].stateReason = body?["state_reason"]?.stringValue
          return fake.json(200, CanonicalJSON.encodeCompact(held[repo].map { json($0[i], repo: repo, fake: fake) } ?? .null))
        }
        return fake.json(404, #"{"message":"Not Found","status":"404"}"#)
      default:
        return fake.json(404, #"{"message":"Not Found","status":"404"}"#)
      }
    }
  }

  private func json(_ i: Issue, repo: String, fake: GitHubFake) -> JSONValue {
    .object([
      "number": .int(i.number), "title": .string(i.title), "body": .string(i.body), "state": .string(i.state),
      "labels": .array(i.labels.map { .object(["name": .string($0)]) }), "html_url": .string("https://github.com/\(repo)/issues/\(i.number)"),
      "url": .string("\(fake.baseURL)/repos/\(repo)/issues/\(i.number)"), "comments": .int(Int64(i.comments.count)),
    ])
  }
}
