/// An owner's repositories chosen by name globs (`sources.github.owner`, `include`, `exclude`):
/// forks and archived repositories are skipped unless asked for.
public struct RepoDiscovery: Equatable, Sendable {
  public var owner: String
  public var include: [String] = ["*"]
  public var exclude: [String] = []
  public var forks = false
  public var archived = false

  public init(owner: String) { self.owner = owner }

  /// The `full_name`s of one page of `GET /orgs/{o}/repos` or `/users/{o}/repos` that qualify.
  public func choose(_ body: String, at path: String) throws(FormatError) -> [String] {
    let r = JSONReader(path: path)
    var out: [String] = []
    for (i, item) in try r.topArray(try GitHub.parse(body, at: path)).enumerated() {
      let at = "[\(i)]."
      let fullName = try r.string(item, "full_name", in: at)
      let name = String(fullName.split(separator: "/").last ?? "")
      if try r.optionalBool(item, "fork", in: at) == true, !forks { continue }
      if try r.optionalBool(item, "archived", in: at) == true, !archived { continue }
      guard include.contains(where: { Self.glob($0, matches: name) }), !exclude.contains(where: { Self.glob($0, matches: name) }) else { continue }
      out.append(fullName)
    }
    return out
  }

  /// `*` any run of characters, `?` one character; case-insensitive, as GitHub names are.
  public static func glob(_ pattern: String, matches name: String) -> Bool {
    let p = Array(pattern.lowercased().unicodeScalars)
    let s = Array(name.lowercased().unicodeScalars)
    var (pi, si, star, mark) = (0, 0, -1, 0)
    while si < s.count {
      if pi < p.count, p[pi] == "?" || p[pi] == s[si] {
        pi += 1
        si += 1
      } else if pi < p.count, p[pi] == "*" {
        star = pi
        mark = si
        pi += 1
      } else if star >= 0 {
        pi = star + 1
        mark += 1
        si = mark
      } else {
        return false
      }
    }
    while pi < p.count, p[pi] == "*" { pi += 1 }
    return pi == p.count
  }
}
