/// Stargazers over GitHub's GraphQL API (api-notes.md §3.5): no 40,000 cap, cursor pages of
/// 100, ordered by starring time. Used above the REST cap or when `stars: graphql` is set; the
/// cursor is persisted so each night continues where the last stopped.
public enum GitHubGraphQL {
  public static let query = """
    query($owner: String!, $name: String!, $after: String) {
      repository(owner: $owner, name: $name) {
        stargazerCount
        stargazers(first: 100, after: $after, orderBy: {field: STARRED_AT, direction: ASC}) {
          pageInfo { endCursor hasNextPage }
          edges { starredAt node { login databaseId } }
        }
      }
      rateLimit { cost remaining resetAt }
    }
    """

  /// The POST body for one page.
  public static func body(repo: String, after: String?) -> String {
    let parts = repo.split(separator: "/").map(String.init)
    return CanonicalJSON.encodeCompact([
      "query": .string(query),
      "variables": ["owner": .string(parts.first ?? ""), "name": .string(parts.last ?? ""), "after": after.map(JSONValue.string) ?? .null],
    ])
  }

  public struct Page: Equatable, Sendable {
    public var stars: [Stargazer]
    public var endCursor: String?
    public var hasNextPage: Bool
  }

  /// What an answer means, errors first: GraphQL answers 200 for a rate limit and for a missing
  /// repository, and may send partial data together with errors.
  public enum Answer: Equatable, Sendable {
    case page(Page)
    case rateLimited(String)
    case notFound(String)
    case errors([String], partial: Page?)
  }

  public static func decode(_ body: String, at path: String) throws(FormatError) -> Answer {
    let doc = try GitHub.parse(body, at: path)
    let r = JSONReader(path: path)
    let errors = doc["errors"]?.arrayValue ?? []
    let messages = errors.map { $0["message"]?.stringValue ?? CanonicalJSON.encodeCompact($0) }
    let secondary = messages.contains { $0.lowercased().contains("secondary rate") }
    if secondary || errors.contains(where: { $0["type"]?.stringValue == "RATE_LIMITED" }) { return .rateLimited(messages.joined(separator: "; ")) }
    let repository = doc["data"]?["repository"]
    if repository == nil || repository == .null {
      if errors.contains(where: { $0["type"]?.stringValue == "NOT_FOUND" }) { return .notFound(messages.joined(separator: "; ")) }
      if !errors.isEmpty { return .errors(messages, partial: nil) }
      if let message = doc["message"]?.stringValue { return .errors([message], partial: nil) }
      throw FormatError(path: path, problem: "`data.repository`: expected an object, found \(repository?.kindName ?? "nothing")")
    }
    guard let stargazers = repository?["stargazers"], let info = stargazers["pageInfo"] else {
      throw FormatError(path: path, problem: "`data.repository.stargazers.pageInfo`: missing")
    }
    var stars: [Stargazer] = []
    for (i, edge) in try r.array(stargazers, "edges", in: "data.repository.stargazers.").enumerated() {
      let at = "data.repository.stargazers.edges[\(i)]."
      let stamp = try r.timestamp(edge, "starredAt", in: at)
      let node = edge["node"]
      if let node, node != .null {
        stars.append(Stargazer(starredAt: stamp, userID: node["databaseId"]?.int64Value, login: try r.optionalString(node, "login", in: at + "node.")))
      } else {
        stars.append(Stargazer(starredAt: stamp, userID: nil, login: nil))
      }
    }
    let page = Page(stars: stars, endCursor: try r.optionalString(info, "endCursor", in: "pageInfo."), hasNextPage: try r.optionalBool(info, "hasNextPage", in: "pageInfo.") ?? false)
    return errors.isEmpty ? .page(page) : .errors(messages, partial: page)
  }
}
