import AlmanacKit
import Foundation

extension AlertChannels {
  /// Opens an issue for an opened alert and closes it with a comment when the alert closes (or
  /// is withdrawn). Idempotent by the label and the marker in the body: an open issue that
  /// already carries the alert's marker is not opened twice, and only such an issue is closed.
  /// The token goes only to the configured GitHub API origin (`HTTPCredential`).
  func github(_ event: AlertEvent, _ issue: AlertsConfig.GitHubIssue) async throws(Failure) {
    func fail(_ message: String) -> Failure { Failure(channel: "github_issue", message: message) }
    guard let token = environment[githubTokenVariable], !token.isEmpty else {
      throw fail("$\(githubTokenVariable) is not set, so the issue for `\(event.alert.rule)` was not \(event.kind == .opened ? "opened" : "closed"); give the workflow a token with `issues: write`")
    }
    var client = client
    client.redactor.add(token)
    let credential = HTTPCredential.bearer(token, for: githubBaseURL, name: "the token in \(githubTokenVariable)")
    let base = githubBaseURL.hasSuffix("/") ? String(githubBaseURL.dropLast()) : githubBaseURL
    let repo = "\(base)/repos/\(issue.repo)/issues"

    func send(_ method: String, _ url: String, _ body: JSONValue?, _ purpose: String) async throws(Failure) -> JSONValue {
      let request = HTTPRequest(
        method: method, url: url, headers: HTTPHeaders(body == nil ? [] : [("Content-Type", "application/json")]),
        body: body.map { Data(CanonicalJSON.encodeCompact($0).utf8) }, purpose: purpose, credential: credential)
      let response: HTTPResponse
      do { response = try await client.send(request) } catch { throw fail(error.description) }
      guard (200...299).contains(response.status) else {
        let hint = response.status == 403 || response.status == 404 ? " (the token needs `issues: write` on \(issue.repo))" : ""
        throw fail("\(purpose): HTTP \(response.status)\(hint): \(client.redactor.redact(String(response.text.prefix(160))))")
      }
      do { return try JSONParser.parse(response.text) } catch { throw fail("\(purpose): the answer is not JSON (\(error.message))") }
    }

    let marker = AlertMessage.marker(event.alert)
    let list = try await send("GET", "\(repo)?" + URLQuery.encode([("state", "open"), ("labels", issue.label), ("per_page", "100")]), nil, "list open `\(issue.label)` issues")
    guard let items = list.arrayValue else { throw fail("list open `\(issue.label)` issues: expected a JSON array") }
    let held = items.first { $0["body"]?.stringValue?.contains(marker) == true && $0["pull_request"] == nil }
    switch event.kind {
    case .opened:
      guard held == nil else { return }
      let body: JSONValue = .object([
        "title": .string(AlertMessage.issueTitle(event.alert)), "body": .string(AlertMessage.issueBody(event.alert)), "labels": .array([.string(issue.label)]),
      ])
      _ = try await send("POST", repo, body, "open the issue for `\(event.alert.rule)`")
    case .closed, .withdrawn:
      guard let number = held?["number"]?.int64Value else { return }
      _ = try await send("POST", "\(repo)/\(number)/comments", .object(["body": .string(AlertMessage.closeComment(event))]), "comment on issue #\(number)")
      _ = try await send("PATCH", "\(repo)/\(number)", .object(["state": "closed", "state_reason": .string(event.kind == .closed ? "completed" : "not_planned")]), "close issue #\(number)")
    }
  }
}
