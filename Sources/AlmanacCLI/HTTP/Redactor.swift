/// Removes secrets from everything Almanac prints or writes: known token values anywhere in a
/// string, and the values of secret-looking URL query parameters.
public struct Redactor: Sendable {
  public private(set) var secrets: [String] = []
  public static let mask = "***"
  static let secretParameters: Set<String> = [
    "token", "access_token", "api_key", "apikey", "key", "password", "secret", "client_secret", "sig", "signature",
  ]

  public init(secrets: [String] = []) {
    for s in secrets { add(s) }
  }

  /// Secrets shorter than 4 characters are not masked (they would mangle ordinary text).
  public mutating func add(_ secret: String) {
    guard secret.count >= 4, !secrets.contains(secret) else { return }
    secrets.append(secret)
    secrets.sort { $0.count > $1.count }
  }

  public func redact(_ text: String) -> String {
    var out = text
    for s in secrets where out.contains(s) { out = out.replacingOccurrences(of: s, with: Self.mask) }
    return redactQuery(out)
  }

  private func redactQuery(_ text: String) -> String {
    guard text.contains("?") || text.contains("&") else { return text }
    var out = ""
    var rest = Substring(text)
    while let sep = rest.firstIndex(where: { $0 == "?" || $0 == "&" }) {
      out += rest[...sep]
      rest = rest[rest.index(after: sep)...]
      guard let eq = rest.firstIndex(of: "="),
        !rest[..<eq].contains(where: { $0 == " " || $0 == "&" || $0 == "?" || $0 == "/" })
      else { continue }
      let name = rest[..<eq].lowercased()
      guard Self.secretParameters.contains(name) else { continue }
      out += rest[...eq] + Self.mask
      rest = rest[rest.index(after: eq)...]
      let end = rest.firstIndex(where: { $0 == "&" || $0 == " " || $0 == "\"" || $0 == "#" || $0 == "\n" }) ?? rest.endIndex
      rest = rest[end...]
    }
    return out + rest
  }
}

import Foundation
