/// A stargazer's public profile (`GET /users/{login}`, api-notes.md §2.2), kept only when
/// `privacy.profiles` asks for it, and then only the fields its level allows.
public enum GitHubProfile {
  public enum Level: String, Equatable, Sendable, CaseIterable {
    /// Nothing personal beyond the stargazer's login and id.
    case off
    /// Followers, public repositories, account creation, company, location, account type.
    case basic
    /// Also name, email, blog and twitter: contact data, only when set explicitly.
    case full
  }

  static let basicKeys: Set<String> = ["login", "id", "type", "followers", "public_repos", "created_at", "company", "location"]
  static let fullKeys: Set<String> = basicKeys.union(["name", "email", "blog", "twitter_username"])

  /// The body reduced to what `level` may keep, before it is stored anywhere (raw included).
  public static func filtered(_ body: String, level: Level) -> String? {
    guard level != .off, let doc = try? JSONParser.parse(body), case .object(let members) = doc else { return nil }
    let keys = level == .full ? fullKeys : basicKeys
    return CanonicalJSON.encodeCompact(.object(members.filter { keys.contains($0.key) }))
  }

  /// `profiles.csv`: one row per user, the latest answer.
  public static let spec = KeyedRows.Spec(kind: "github-profiles", [
    ("login", .text), ("user_id", .count), ("type", .text), ("followers", .count), ("public_repos", .count), ("created_at", .optionalTimestamp),
    ("company", .text), ("location", .text), ("name", .text), ("email", .text), ("blog", .text), ("twitter", .text),
  ], keyCount: 1)

  /// A row of `profiles.csv`; contact columns stay empty below `full`, whatever the body holds.
  public static func row(_ body: String, level: Level, at path: String) throws(FormatError) -> [String] {
    let doc = try GitHub.parse(body, at: path)
    let r = JSONReader(path: path)
    func text(_ key: String) throws(FormatError) -> String { try r.optionalString(doc, key) ?? "" }
    let contact = level == .full
    return [
      try r.string(doc, "login"), String(try r.int(doc, "id")), try text("type"), String(try r.count(doc, "followers")),
      String(try r.count(doc, "public_repos")), try text("created_at"), try text("company"), try text("location"),
      contact ? try text("name") : "", contact ? try text("email") : "", contact ? try text("blog") : "", contact ? try text("twitter_username") : "",
    ]
  }
}
