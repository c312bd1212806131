extension Reddit {
  /// A post `sources.reddit.posts` names: its id (from the URL), the URL as given, a label.
  public struct TrackedPost: Equatable, Sendable {
    public var id: String
    public var url: String
    public var label: String?

    /// Nil when `url` is not the address of a Reddit post.
    public init?(url: String, label: String? = nil) {
      guard let id = Reddit.postID(fromURL: url) else { return nil }
      self.id = id
      self.url = url
      self.label = label.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The label, else the id.
    public var name: String { label ?? id }
  }

  /// A post id: base-36, lower case (`116yyx6`).
  public static func isPostID(_ s: some StringProtocol) -> Bool {
    (1...13).contains(s.count) && s.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
  }

  /// A Reddit user name: 3 to 20 letters, digits, `-` and `_`.
  public static func isUsername(_ s: String) -> Bool {
    (3...20).contains(s.count) && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
  }

  /// The post id in a post's address: `https://www.reddit.com/r/<sub>/comments/<id>/<slug>/`
  /// (also `old.`, `new.`, `np.`, no `www.`, `/user/<name>/comments/<id>`, `/comments/<id>`),
  /// or `https://redd.it/<id>`. Nil for anything else (a subreddit, a comment permalink's
  /// comment id is ignored: the post is tracked).
  public static func postID(fromURL url: String) -> String? {
    var rest = Substring(url.trimmed(of: " \t"))
    for scheme in ["https://", "http://"] where rest.lowercased().hasPrefix(scheme) { rest = rest.dropFirst(scheme.count) }
    let parts = rest.split(separator: "?", maxSplits: 1).first?.split(separator: "#", maxSplits: 1).first?.split(separator: "/").map(String.init) ?? []
    guard let host = parts.first?.lowercased() else { return nil }
    let path = Array(parts.dropFirst())
    if host == "redd.it" {
      guard path.count == 1, isPostID(path[0]) else { return nil }
      return path[0]
    }
    let hosts = ["reddit.com", "www.reddit.com", "old.reddit.com", "new.reddit.com", "np.reddit.com", "oauth.reddit.com"]
    guard hosts.contains(host), let at = path.firstIndex(of: "comments"), at + 1 < path.count else { return nil }
    let before = Array(path[..<at])
    guard before.isEmpty || (before.count == 2 && ["r", "u", "user"].contains(before[0]) && !before[1].isEmpty) else { return nil }
    let id = path[at + 1].lowercased()
    return isPostID(id) ? id : nil
  }
}
