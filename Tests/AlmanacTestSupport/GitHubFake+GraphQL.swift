import AlmanacKit
import Foundation

extension GitHubFake {
  /// `POST /graphql` for the stargazer query: cursors are opaque base64 of `cursor:v2:<index>`;
  /// a missing repository is GitHub's 200 with a `NOT_FOUND` error; no token is a 401.
  func graphQL(_ request: FakeRequest) -> FakeResponse {
    guard request.header("authorization") != nil else {
      return json(401, #"{"message":"This endpoint requires you to be authenticated.","documentation_url":"https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql"}"#)
    }
    let variables = (try? JSONParser.parse(request.bodyText))?["variables"]
    let name = "\(variables?["owner"]?.stringValue ?? "")/\(variables?["name"]?.stringValue ?? "")"
    guard let repo = repos.first(where: { $0.fullName == name }) else {
      return json(200, #"{"data":{"repository":null},"errors":[{"type":"NOT_FOUND","path":["repository"],"locations":[{"line":2,"column":3}],"message":"Could not resolve to a Repository with the name '\#(name)'."}]}"#)
    }
    var start = 0
    if let after = variables?["after"]?.stringValue, let data = Data(base64Encoded: after),
      let index = Int(String(decoding: data, as: UTF8.self).split(separator: ":").last ?? "")
    {
      start = index + 1
    }
    let slice = Array(repo.stars.dropFirst(start).prefix(100))
    let end = start + slice.count - 1
    let cursor: JSONValue = slice.isEmpty ? .null : .string(Data("cursor:v2:\(end)".utf8).base64EncodedString())
    let edges: [JSONValue] = slice.map { s in
      ["starredAt": .string(s.at), "node": s.id.map { ["login": .string(s.login), "databaseId": .int($0)] } ?? .null]
    }
    return json(200, CanonicalJSON.encodeCompact([
      "data": [
        "repository": [
          "stargazerCount": .int(Int64(repo.stars.count)),
          "stargazers": ["pageInfo": ["endCursor": cursor, "hasNextPage": .bool(end + 1 < repo.stars.count)], "edges": .array(edges)],
        ],
        "rateLimit": ["cost": 1, "remaining": 4999, "resetAt": "2026-01-01T01:00:00Z"],
      ],
    ]), extra: [("X-RateLimit-Resource", "graphql")])
  }

  func user(_ login: String) -> FakeResponse {
    if let body = users[login], !body.isEmpty { return json(200, body) }
    guard users[login] == nil, let star = repos.lazy.flatMap(\.stars).first(where: { $0.login == login && $0.id != nil }), let id = star.id else {
      return json(404, #"{"message":"Not Found","documentation_url":"https://docs.github.com/rest/users/users#get-a-user","status":"404"}"#)
    }
    return json(200, CanonicalJSON.encodeCompact([
      "login": .string(login), "id": .int(id), "type": "User", "site_admin": false, "name": "Some One", "company": "@acme",
      "blog": "https://blog.example.org", "location": "Lyon", "email": .string("\(login)@example.org"), "hireable": .null,
      "bio": "hello", "twitter_username": "someone", "public_repos": 8, "public_gists": 1, "followers": 42, "following": 3,
      "created_at": "2015-01-14T04:33:35Z", "updated_at": "2024-01-15T10:00:00Z",
    ]))
  }
}
