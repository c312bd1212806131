/// A query string built from pairs, each value percent-encoded (RFC 3986 unreserved characters
/// stay; `,` `:` `/` and everything else are encoded), for the sources that build their URLs.
public enum URLQuery {
  public static func encode(_ pairs: [(String, String)]) -> String {
    pairs.map { "\($0.0)=\(percentEncoded($0.1))" }.joined(separator: "&")
  }

  public static func percentEncoded(_ s: String) -> String {
    var out = ""
    for byte in s.utf8 {
      let c = Character(Unicode.Scalar(byte))
      if byte < 0x80, c.isLetter || c.isNumber || "-._~".contains(c) {
        out.append(c)
      } else {
        let hex = String(byte, radix: 16, uppercase: true)
        out += "%" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return out
  }
}
