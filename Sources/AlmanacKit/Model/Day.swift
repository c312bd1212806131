/// A calendar day in UTC, the unit of every dated file and series row.
///
/// Pure arithmetic on days since 1970-01-01 (Howard Hinnant's civil-date algorithms), so no
/// `Calendar`, time zone or clock is involved.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01.
  public let ordinal: Int

  public init(ordinal: Int) { self.ordinal = ordinal }

  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...Day.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    ordinal = era * 146097 + doe - 719468
  }

  /// Parses exactly `YYYY-MM-DD`; a prefix of an ISO timestamp (`2026-11-22T00:00:00Z`) is
  /// accepted by `init(isoPrefix:)` instead.
  public init?(_ text: some StringProtocol) {
    let u = Array(text.utf8)
    guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for i in range {
        guard (48...57).contains(u[i]) else { return nil }
        value = value * 10 + Int(u[i] - 48)
      }
      return value
    }
    guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
    self.init(year: y, month: m, day: d)
  }

  /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes, accepting what `init(_:)` accepts, without
  /// building a `String` (the detail reader dates every row with it).
  @inline(__always)
  public init?(utf8 u: UnsafeBufferPointer<UInt8>) {
    guard u.count == 10, u[4] == 0x2D, u[7] == 0x2D else { return nil }
    @inline(__always)
    func number(_ from: Int, _ to: Int) -> Int? {
      var value = 0
      for i in from..<to {
        let d = u[i] &- 0x30
        guard d < 10 else { return nil }
        value = value * 10 + Int(d)
      }
      return value
    }
    guard let y = number(0, 4), let m = number(5, 7), let d = number(8, 10) else { return nil }
    self.init(year: y, month: m, day: d)
  }

  /// Parses the date part of an ISO-8601 timestamp such as `2016-10-10T00:00:00Z`.
  public init?(isoPrefix text: some StringProtocol) {
    self.init(text.prefix(10))
  }

  public var components: (year: Int, month: Int, day: Int) {
    let z = ordinal + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  public var description: String {
    let (y, m, d) = components
    guard (0...9999).contains(y) else { return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) }
    // Ten ASCII bytes, without the intermediate strings: series and records print many dates.
    let digits: [UInt8] = [
      UInt8(48 + y / 1000), UInt8(48 + y / 100 % 10), UInt8(48 + y / 10 % 10), UInt8(48 + y % 10), 0x2D,
      UInt8(48 + m / 10), UInt8(48 + m % 10), 0x2D, UInt8(48 + d / 10), UInt8(48 + d % 10),
    ]
    return String(decoding: digits, as: UTF8.self)
  }

  /// Monday = 1 … Sunday = 7 (ISO weekday).
  public var isoWeekday: Int { ((ordinal % 7 + 7 + 3) % 7) + 1 }

  public var isWeekend: Bool { isoWeekday >= 6 }

  public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

  public static func - (lhs: Day, rhs: Day) -> Int { lhs.ordinal - rhs.ordinal }

  public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

  /// The UTC day containing `secondsSince1970`.
  public init(unixSeconds: Double) {
    let days = (unixSeconds / 86_400).rounded(.down)
    self.init(ordinal: Int(days))
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}

private func pad(_ value: Int, _ width: Int) -> String {
  let s = String(value)
  return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

extension ClosedRange where Bound == Day {
  /// Every day in the range, oldest first.
  public var days: [Day] { (lowerBound.ordinal...upperBound.ordinal).map(Day.init(ordinal:)) }
}
