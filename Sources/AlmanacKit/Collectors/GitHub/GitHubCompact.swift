/// What of a GitHub answer is kept in the raw snapshot: the keys Almanac reads, nothing else.
///
/// GitHub's list items are large (a stargazer's user carries a dozen URLs, a fork is a whole
/// repository object, a release its notes), and the releases page changes every night with its
/// download counts; verbatim, they would add megabytes a year to the repository. The reduced
/// body still replays through the same decoders. A body that does not parse is kept verbatim,
/// so the failure stays visible.
public enum GitHubCompact {
  static let repoKeys: Set<String> = [
    "id", "full_name", "stargazers_count", "subscribers_count", "forks_count", "open_issues_count", "size", "pushed_at", "permissions",
    "archived", "fork",
  ]

  public static func body(_ body: String, endpoint: GitHub.Endpoint) -> String {
    guard let doc = try? JSONParser.parse(body) else { return body }
    func pick(_ v: JSONValue, _ keys: Set<String>) -> JSONValue {
      guard case .object(let members) = v else { return v }
      return .object(members.filter { keys.contains($0.key) })
    }
    let reduced: JSONValue
    switch endpoint {
    case .repo:
      guard case .object = doc else { return body }
      reduced = pick(doc, repoKeys)
    case .stargazers:
      guard case .array(let items) = doc else { return body }
      reduced = .array(items.map { item in
        var kept = pick(item, ["starred_at", "user"])
        if case .object(var members) = kept, let user = members["user"], user != .null {
          members["user"] = pick(user, ["login", "id"])
          kept = .object(members)
        }
        return item["starred_at"] == nil ? pick(item, ["login", "id"]) : kept
      })
    case .forks:
      guard case .array(let items) = doc else { return body }
      reduced = .array(items.map { pick($0, ["id", "full_name", "created_at"]) })
    case .releases:
      guard case .array(let items) = doc else { return body }
      reduced = .array(items.map { item in
        guard case .object(var members) = pick(item, ["tag_name", "name", "draft", "prerelease", "published_at", "assets"]) else { return item }
        if case .array(let assets)? = members["assets"] {
          members["assets"] = .array(assets.map { pick($0, ["name", "download_count"]) })
        }
        return .object(members)
      })
    default:
      return body
    }
    return CanonicalJSON.encodeCompact(reduced)
  }
}
