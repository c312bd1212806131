/// Words and tick labels that read well: `1.2k`, `Jan '26`, and a missing category spelled out.
public enum ChartLabels {
  static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

  /// A category as a person reads it: pypistats' `null` and an empty value are `unknown`, never
  /// a blank or a word a reader mistakes for missing data.
  public static func category(_ raw: String) -> String {
    switch raw.lowercased() {
    case "", "null", "none", "unknown", "nan", "n/a": "unknown"
    default: raw
    }
  }

  /// `Jan '26`.
  public static func month(_ d: Day) -> String {
    let c = d.components
    return "\(months[c.month - 1]) '\(String(format2(c.year % 100)))"
  }

  /// `Jan 5`.
  public static func monthDay(_ d: Day) -> String {
    let c = d.components
    return "\(months[c.month - 1]) \(c.day)"
  }

  /// A value tick: `0`, `950`, `1.2k`, `3M`; below 10 with the decimals the step needs.
  public static func value(_ v: Double) -> String {
    if v >= 1 || v == 0 { return NumberFormat.metric(Int64(v.rounded())) }
    let hundredths = Int((v * 100).rounded())
    return hundredths % 10 == 0 ? "0.\(hundredths / 10)" : "0.\(format2(hundredths))"
  }

  static func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}
