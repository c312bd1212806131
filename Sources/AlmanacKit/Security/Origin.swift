/// The scheme, host and port of an http(s) URL (RFC 6454): the unit a credential is bound to.
///
/// Parsed by hand, strictly, so the rule does not depend on a URL library's leniency: an
/// authority with user info (`https://api.github.com@evil.test/`), a backslash, whitespace or a
/// control character, a port that is not a number, or a scheme other than http/https has no
/// origin, and a URL without an origin never receives a credential.
public struct Origin: Hashable, Sendable, CustomStringConvertible {
  public let scheme: String
  public let host: String
  public let port: Int

  public init?(_ url: String) {
    guard let colon = url.firstIndex(of: ":") else { return nil }
    let scheme = url[..<colon].lowercased()
    guard scheme == "http" || scheme == "https" else { return nil }
    let rest = url[url.index(after: colon)...]
    guard rest.hasPrefix("//") else { return nil }
    let authorityStart = rest.index(rest.startIndex, offsetBy: 2)
    let afterSlashes = rest[authorityStart...]
    let end = afterSlashes.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterSlashes.endIndex
    let authority = afterSlashes[..<end]
    guard !authority.isEmpty,
      !authority.unicodeScalars.contains(where: { $0 == "@" || $0 == "\\" || $0.value <= 0x20 || $0.value == 0x7F || $0.value > 0x7E })
    else { return nil }
    var host = authority
    var port: Int? = nil
    if authority.hasPrefix("[") {
      guard let close = authority.firstIndex(of: "]") else { return nil }
      host = authority[...close]
      let tail = authority[authority.index(after: close)...]
      if !tail.isEmpty {
        guard tail.hasPrefix(":") else { return nil }
        port = Self.port(tail.dropFirst())
        guard port != nil else { return nil }
      }
    } else if let c = authority.lastIndex(of: ":") {
      host = authority[..<c]
      port = Self.port(authority[authority.index(after: c)...])
      guard port != nil else { return nil }
    }
    guard !host.isEmpty else { return nil }
    self.scheme = scheme
    self.host = host.lowercased()
    self.port = port ?? (scheme == "https" ? 443 : 80)
  }

  private static func port(_ digits: Substring) -> Int? {
    guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits), n <= 65_535 else { return nil }
    return n
  }

  /// `https://api.github.com:443`: what error messages name (never a path, so never a secret in one).
  public var description: String { "\(scheme)://\(host):\(port)" }
}
