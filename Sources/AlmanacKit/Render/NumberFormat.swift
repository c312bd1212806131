/// Number spellings for badges and reports.
public enum NumberFormat {
  static let prefixes = ["k", "M", "G", "T", "P", "E"]

  /// shields' `metric()`: 999 → "999", 1234 → "1.2k", 10_500 → "11k", 999_999 → "1M".
  ///
  /// Below 10 of a unit shields keeps one decimal from JavaScript's `toFixed(1)`, which rounds the
  /// exact binary value: 9950 / 1000 is 9.9499999… as a double, so 9950 is "9.9k", not "10k".
  public static func metric(_ n: Int64) -> String {
    let absN = Double(n.magnitude)
    for i in stride(from: prefixes.count - 1, through: 0, by: -1) {
      let limit = pow1000(i + 1)
      guard absN >= limit else { continue }
      let scaled = absN / limit
      var body: String
      let tenths = scaled < 10 ? toFixedTenths(scaled) : 0
      if scaled < 10, tenths % 10 != 0 {
        body = String(tenths / 10) + "." + String(tenths % 10) + prefixes[i]
      } else {
        let rounded = scaled.rounded()
        body = rounded < 1000 ? String(Int64(rounded)) + prefixes[i] : "1" + (i + 1 < prefixes.count ? prefixes[i + 1] : "Z")
      }
      return n < 0 ? "-" + body : body
    }
    return String(n)
  }

  /// JavaScript's `x.toFixed(1)` for 1 ≤ x < 10, as tenths: the integer m nearest to 10·x computed
  /// on the exact value of the double (ties go up), not on the rounded product `x * 10`.
  static func toFixedTenths(_ x: Double) -> Int64 {
    guard x >= 1, x < 10 else { return Int64((x * 10).rounded()) }  // not reached from `metric`
    // x = significand · 2^exponent exactly, with an integer significand below 2^53.
    let shift = 52 - Int(x.exponent)
    let significand = (UInt64(1) << 52) | x.significandBitPattern
    let scaled = significand * 10  // < 2^57: no overflow
    let whole = scaled >> UInt64(shift)
    let remainder = scaled - (whole << UInt64(shift))
    let half = UInt64(1) << UInt64(shift - 1)
    return Int64(remainder >= half ? whole + 1 : whole)
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
    // shields' `downloadCount`: floorCount(n, 10, 100, 1000).
    switch n {
    case ...0: "red"
    case ..<10: "yellow"
    case ..<100: "yellowgreen"
    case ..<1000: "green"
    default: "brightgreen"
    }
  }
}
