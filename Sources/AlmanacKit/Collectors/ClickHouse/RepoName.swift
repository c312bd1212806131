/// A GitHub repository as `owner/name`: the owner is letters, digits and `-`; the name adds `_`
/// and `.` (not `.` or `..` alone). Nothing else reaches a query.
public struct RepoName: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let owner: String
  public let name: String

  public init?(_ raw: String) {
    let parts = raw.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2 else { return nil }
    let owner = parts[0], name = parts[1]
    func ascii(_ c: Character, extra: String) -> Bool {
      c.isASCII && (c.isLetter || c.isNumber || extra.contains(c))
    }
    guard (1...39).contains(owner.count), owner.allSatisfy({ ascii($0, extra: "-") }),
      (1...100).contains(name.count), name.allSatisfy({ ascii($0, extra: "-_.") }), name != ".", name != ".."
    else { return nil }
    self.owner = String(owner)
    self.name = String(name)
  }

  public var description: String { "\(owner)/\(name)" }

  public static func < (a: RepoName, b: RepoName) -> Bool { a.description < b.description }

  public static let grammarHint = "`owner/name`: letters, digits and `-` for the owner; letters, digits, `-`, `_` and `.` for the name"
}
