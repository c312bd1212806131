/// Number spellings for badges and reports.
public enum NumberFormat {
  static let prefixes = ["k", "M", "G", "T", "P", "E"]

  /// shields' `metric()`: 999 → "999", 1234 → "1.2k", 10_500 → "11k", 999_999 → "1M".
  public static func metric(_ n: Int64) -> String {
    let absN = Double(n.magnitude)
    for i in stride(from: prefixes.count - 1, through: 0, by: -1) {
      let limit = pow1000(i + 1)
      guard absN >= limit else { continue }
      let scaled = absN / limit
      var body: String
      let oneDecimal = (scaled * 10).rounded() / 10
      if scaled < 10, oneDecimal.truncatingRemainder(dividingBy: 1) != 0, oneDecimal < 10 {
        body = String(Int64(oneDecimal)) + "." + String(Int64((oneDecimal * 10).rounded()) % 10) + prefixes[i]
      } else {
        let rounded = scaled.rounded()
        body = rounded < 1000 ? String(Int64(rounded)) + prefixes[i] : "1" + (i + 1 < prefixes.count ? prefixes[i + 1] : "Z")
      }
      return n < 0 ? "-" + body : body
    }
    return String(n)
  }

  private static func pow1000(_ e: Int) -> Double {
    var v = 1.0
    for _ in 0..<e { v *= 1000 }
    return v
  }

  /// 1234567 → "1,234,567".
  public static func grouped(_ n: Int64) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out += "," }
      out.append(c)
    }
    return n < 0 ? "-" + out : out
  }

  /// A signed percent change, or nil without a base: +8%, −12%.
  public static func change(_ new: Int64, from old: Int64) -> String? {
    guard old > 0 else { return nil }
    let pct = (Double(new - old) / Double(old) * 100).rounded()
    let value = Int64(pct)
    return value >= 0 ? "+\(value)%" : "\(value)%"
  }

  /// shields' download-count color scale.
  public static func downloadColor(_ n: Int64) -> String {
    switch n {
    case ..<10: "red"
    case ..<100: "yellow"
    case ..<1000: "yellowgreen"
    case ..<10000: "green"
    default: "brightgreen"
    }
  }
}
