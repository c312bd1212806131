/// Building ClickHouse SQL from values that came from outside. Names are validated against
/// their grammars first (`PackageName`, `RepoName`, `Day`); this is the one function that then
/// turns a string into a literal. It works on every ClickHouse since 18.16, which has no
/// `{name:Type}` placeholders.
public enum ClickHouseSQL {
  /// A single-quoted string literal: `\` and `'` are escaped with a backslash, and every control
  /// character is written as an escape (`\n`, `\t`, `\r`, `\0`, otherwise `\xHH`), so the
  /// literal never spans lines and no byte can end it early.
  public static func literal(_ value: String) -> String {
    var out = "'"
    out.reserveCapacity(value.utf8.count + 2)
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "'": out += "\\'"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      case "\0": out += "\\0"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          let hex = String(scalar.value, radix: 16, uppercase: true)
          out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "'"
  }

  /// A `Date` literal, `'2026-11-20'`.
  public static func literal(_ day: Day) -> String { literal(day.description) }

  /// A `DateTime` literal for the first second of `day` (UTC on the server's side, as the
  /// public endpoints and the tests' server run in UTC).
  public static func startOf(_ day: Day) -> String { "toDateTime(\(literal(day.description + " 00:00:00")))" }
}
