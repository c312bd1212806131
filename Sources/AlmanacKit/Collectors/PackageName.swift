/// A PyPI project name, validated against PEP 508's grammar and normalised per PEP 503
/// (lowercase, runs of `-`, `_`, `.` become one `-`). Nothing else reaches a URL or a query.
public struct PackageName: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let normalized: String

  public init?(_ raw: String) {
    let scalars = Array(raw.unicodeScalars)
    func alnum(_ s: Unicode.Scalar) -> Bool {
      ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
    }
    guard let first = scalars.first, let last = scalars.last, alnum(first), alnum(last), scalars.count <= 200,
      scalars.allSatisfy({ alnum($0) || $0 == "-" || $0 == "_" || $0 == "." })
    else { return nil }
    var out = ""
    var lastWasSeparator = false
    for s in raw.lowercased().unicodeScalars {
      if s == "-" || s == "_" || s == "." {
        if !lastWasSeparator { out += "-" }
        lastWasSeparator = true
      } else {
        out.unicodeScalars.append(s)
        lastWasSeparator = false
      }
    }
    normalized = out
  }

  public var description: String { normalized }

  public static func < (a: PackageName, b: PackageName) -> Bool { a.normalized < b.normalized }

  public static let grammarHint =
    "a PyPI project name: letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit"
}
