/// RFC 8288 `Link` header as GitHub sends it:
/// `<https://api.github.com/repositories/1/stargazers?page=2>; rel="next", <…>; rel="last"`.
/// Read by `rel`, never by position; URLs are used verbatim, never rebuilt.
public enum LinkHeader {
  public static func parse(_ value: String) -> [String: String] {
    var out: [String: String] = [:]
    for part in splitLinks(value) {
      guard let open = part.firstIndex(of: "<"), let close = part[open...].firstIndex(of: ">") else { continue }
      let url = String(part[part.index(after: open)..<close])
      for param in part[part.index(after: close)...].split(separator: ";") {
        let kv = param.split(separator: "=", maxSplits: 1).map { $0.trimmed(of: " \t\"") }
        guard kv.count == 2, kv[0].lowercased() == "rel" else { continue }
        for rel in kv[1].split(separator: " ") where out[String(rel)] == nil { out[String(rel)] = url }
      }
    }
    return out
  }

  /// Splits on commas outside `<…>` (a URL may hold a comma).
  static func splitLinks(_ value: String) -> [Substring] {
    var parts: [Substring] = []
    var start = value.startIndex
    var inURL = false
    for i in value.indices {
      switch value[i] {
      case "<": inURL = true
      case ">": inURL = false
      case "," where !inURL:
        parts.append(value[start..<i])
        start = value.index(after: i)
      default: break
      }
    }
    parts.append(value[start...])
    return parts
  }
}

extension StringProtocol {
  func trimmed(of set: String) -> String {
    var s = String(self)[...]
    while let c = s.first, set.contains(c) { s = s.dropFirst() }
    while let c = s.last, set.contains(c) { s = s.dropLast() }
    return String(s)
  }
}
