/// Cells of a CSV meant for people, made safe to open in a spreadsheet (CSV injection, OWASP):
/// a cell from an outside source that begins with `=`, `+`, `-`, `@`, a tab or a carriage
/// return (or their full-width forms, which some spreadsheets also read as formulas) gets a
/// single quote in front and is always quoted, so `=HYPERLINK("http://evil","click")` shows as
/// text instead of running. A plain number (`-12`, `+3.5`) is left alone: it is not a formula.
///
/// Only for exports people open (`downloads_YYYY-MM-DD.csv`, and any export added later): the
/// canonical store (`Table`, `CSV.line`) keeps the true value, quoted as RFC 4180 wants.
public enum SpreadsheetSafe {
  static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

  /// Whether a spreadsheet could read `value` as a formula.
  public static func isRisky(_ value: String) -> Bool {
    guard let first = value.unicodeScalars.first, triggers.contains(first) else { return false }
    return !isPlainNumber(value)
  }

  /// The value as it should be written: `'` in front when risky.
  public static func value(_ value: String) -> String {
    isRisky(value) ? "'" + value : value
  }

  /// One field of the CSV text: risky values neutralised and quoted, the rest as `CSV.escape`.
  public static func field(_ value: String) -> String {
    guard isRisky(value) else { return CSV.escape(value) }
    return "\"" + ("'" + value).replacingAll("\"", with: "\"\"") + "\""
  }

  /// One CSV line of such fields, LF-terminated.
  public static func line(_ fields: [String]) -> String {
    fields.map(field).joined(separator: ",") + "\n"
  }

  static func isPlainNumber(_ s: String) -> Bool {
    var digits = 0
    var dots = 0
    for (i, c) in s.unicodeScalars.enumerated() {
      switch c {
      case "+", "-": if i > 0 { return false }
      case "0"..."9": digits += 1
      case ".": dots += 1
      default: return false
      }
    }
    return digits > 0 && dots <= 1
  }
}
