/// A day the classify stage annotates: within two days after a release (mirrors and scanners
/// fetch the new files), or inside a known upstream outage. Both stay out of trend baselines;
/// neither raises an alarm.
public struct DayFlag: Hashable, Sendable, Comparable, CustomStringConvertible {
  public enum Kind: String, Sendable, Comparable {
    case release, outage
    public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
  }

  public var package: String
  public var day: Day
  public var kind: Kind
  /// `release 2.1.0 (2026-11-20)` or the outage window's note.
  public var reason: String

  public init(package: String, day: Day, kind: Kind, reason: String) {
    self.package = package
    self.day = day
    self.kind = kind
    self.reason = reason
  }

  public static func < (a: DayFlag, b: DayFlag) -> Bool {
    (a.package, a.day, a.kind, a.reason) < (b.package, b.day, b.kind, b.reason)
  }

  public var description: String { "\(package) \(day): \(kind.rawValue): \(reason)" }

  /// The days of `package` that trend baselines leave out (every flagged day).
  public static func excludedDays(_ flags: [DayFlag], package: String) -> Set<Day> {
    Set(flags.filter { $0.package == package }.map(\.day))
  }

  /// Days within this many days after a release are mirror/scanner-heavy (0 = the release day).
  public static let releaseWindowDays = 2

  /// Flags for every day of `days` (per package) that falls in a release window or an outage.
  /// `releases` is package → version → first day; `source` picks the outage windows.
  public static func flags(
    days: [String: [Day]], releases: [String: [String: Day]], source: String,
    calendar: [OutageCalendar.Window] = OutageCalendar.known
  ) -> [DayFlag] {
    var out: Set<DayFlag> = []
    for (package, packageDays) in days {
      let dayset = Set(packageDays)
      for (version, released) in releases[package] ?? [:] {
        for offset in 0...releaseWindowDays where dayset.contains(released.adding(days: offset)) {
          out.insert(DayFlag(package: package, day: released.adding(days: offset), kind: .release, reason: "release \(version) (\(released))"))
        }
      }
      for day in dayset {
        for window in OutageCalendar.windows(on: day, source: source, calendar: calendar) {
          out.insert(DayFlag(package: package, day: day, kind: .outage, reason: window.note))
        }
      }
    }
    return out.sorted()
  }
}
