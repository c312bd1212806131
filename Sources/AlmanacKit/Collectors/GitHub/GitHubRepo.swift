/// `GET /repos/{o}/{r}` read for the nightly counts (api-notes.md §2.5).
///
/// Watchers are `subscribers_count`: `watchers_count` is the star count under its legacy name.
/// `open_issues_count` counts open pull requests too, so it is stored as `open_issues_and_prs`.
public struct GitHubRepo: Equatable, Sendable {
  public var id: Int64
  public var fullName: String
  public var stars: Int64
  public var forks: Int64
  public var watchers: Int64
  public var openIssuesAndPRs: Int64
  /// Kilobytes, as GitHub reports it.
  public var size: Int64
  public var pushedAt: String?
  /// `permissions.push` of the token that asked; nil when the answer had no `permissions`
  /// (an anonymous request).
  public var canPush: Bool?
  public var archived: Bool
  public var isFork: Bool

  public init(
    id: Int64, fullName: String, stars: Int64, forks: Int64, watchers: Int64, openIssuesAndPRs: Int64, size: Int64,
    pushedAt: String?, canPush: Bool?, archived: Bool = false, isFork: Bool = false
  ) {
    self.id = id
    self.fullName = fullName
    self.stars = stars
    self.forks = forks
    self.watchers = watchers
    self.openIssuesAndPRs = openIssuesAndPRs
    self.size = size
    self.pushedAt = pushedAt
    self.canPush = canPush
    self.archived = archived
    self.isFork = isFork
  }

  /// Unknown keys are ignored and `has_downloads` may be absent (API 2026-03-10).
  public static func decode(_ body: String, at path: String) throws(FormatError) -> GitHubRepo {
    let doc = try GitHub.parse(body, at: path)
    let r = JSONReader(path: path)
    guard case .object = doc else { throw FormatError(path: path, problem: "expected a repository object, found \(doc.kindName)") }
    var canPush: Bool?
    if let permissions = doc["permissions"], permissions != .null {
      canPush = try r.optionalBool(permissions, "push", in: "permissions.")
    }
    return GitHubRepo(
      id: try r.int(doc, "id"), fullName: try r.string(doc, "full_name"),
      stars: try r.count(doc, "stargazers_count"), forks: try r.count(doc, "forks_count"),
      watchers: try r.count(doc, "subscribers_count"), openIssuesAndPRs: try r.count(doc, "open_issues_count"),
      size: try r.count(doc, "size"), pushedAt: try r.optionalString(doc, "pushed_at"), canPush: canPush,
      archived: try r.optionalBool(doc, "archived") ?? false, isFork: try r.optionalBool(doc, "fork") ?? false)
  }
}
