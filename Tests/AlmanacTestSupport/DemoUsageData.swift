import AlmanacCLI
import AlmanacKit
import Foundation

/// The demo's usage events: tidewater's opt-in telemetry, switched on 2026-11-01. Forty
/// installations, a dozen or so active a day, each using a few features (`profile` by too few
/// to be named); about one event in ten sent without consent, one invalid line a day, and error
/// types that carry a home path or an address the scrubber must take out. The collector serves
/// the last 14 days; the night's own day only up to noon (the next night sees all of it).
public enum DemoUsageData {
  public static let baseURL = "https://telemetry.tidewater.dev"
  public static let path = "/v1/events.ndjson"
  public static var url: String { DemoCommand.usageURL }
  public static let launch = Day("2026-11-01")!
  static let features = ["sync", "sync", "sync", "init", "export", "plot", "export", "profile"]
  static let names = ["alice", "bob", "chen", "dana"]

  public static func installation(_ i: Int) -> String {
    let h = String(UInt32(truncatingIfNeeded: (i + 1) &* 2_654_435_761), radix: 16)
    return "inst-" + String(repeating: "0", count: 8 - h.count) + h
  }

  /// One day's lines as the clients wrote them, through `hour` (exclusive).
  public static func lines(of day: Day, throughHour hour: Int = 24) -> [String] {
    guard day >= launch else { return [] }
    var out: [String] = []
    var n = 0
    for i in 0..<40 where (i * 7 + day.ordinal) % 3 != 0 {
      for k in 0..<(1 + (i + day.ordinal) % 4) {
        n += 1
        let h = (i * 5 + k * 7) % 24
        guard h < hour else { continue }
        let feature = features[(i * 3 + k) % features.count] == "profile" && i % 9 != 0 ? "sync" : features[(i * 3 + k) % features.count]
        let failed = (i + k + day.ordinal) % 5 == 0
        var error = "null"
        if failed {
          switch (i + k) % 4 {
          case 0, 1: error = "\"TimeoutError\""
          case 2: error = "\"FileNotFoundError: /home/\(names[i % names.count])/data/run.csv\""
          default: error = "\"ConnectionError: 10.0.\(i).7 refused\""
          }
        }
        let consent = n % 10 == 0 ? (n % 20 == 0 ? "" : #""consent":false,"#) : #""consent":true,"#
        let python = ["3.9", "3.10", "3.11", "3.12", "3.13", "3.12"][i % 6]
        let os = ["Linux", "Linux", "macOS", "Windows"][i % 4]
        let sdk = day >= Day("2026-11-18")! && i % 2 == 0 ? "1.5.0" : "1.4.2"
        let time = "\(day)T\(h < 10 ? "0" : "")\(h):\(10 + k * 11):0\(k)Z"
        out.append(
          #"{"id":"ev-\#(day)-\#(String(format: "%04d", n))",\#(consent)"time":"\#(time)","installation":"\#(installation(i))","feature":"\#(feature)","duration_ms":\#(40 + (i * 37 + k * 11 + day.ordinal) % 900),"success":\#(!failed),"error_type":\#(error),"sdk_version":"\#(sdk)","python_version":"\#(python)","os":"\#(os)"}"#)
      }
    }
    out.append(#"{"consent":true,"id":"broken"}"#)
    return out
  }

  /// What the collector serves on the night of `night`.
  public static func fake(asOf night: Day) -> UsageEventsFake {
    let days = (night.adding(days: -13)...night).days
    return UsageEventsFake(path: path, lines: days.flatMap { lines(of: $0, throughHour: $0 == night ? 12 : 24) })
  }
}
