import AlmanacKit
import Foundation
import Synchronization

/// What `almanac render --chart-timings FILE` collects: each chart's kind, title and drawing
/// time in the order drawn, from the `ChartTimer` the command sets for the render. Written as
/// one JSON file (`schemas/chart-timings.schema.json`); never part of normal output.
final class ChartTimings: Sendable {
  struct Entry: Sendable {
    var kind: String
    var title: String
    var nanoseconds: UInt64
  }

  private let entries = Mutex<[Entry]>([])

  var timer: ChartTimer {
    ChartTimer(now: { DispatchTime.now().uptimeNanoseconds }, report: { [self] kind, title, ns in
      entries.withLock { $0.append(Entry(kind: kind, title: title, nanoseconds: ns)) }
    })
  }

  var recorded: [Entry] { entries.withLock { $0 } }

  /// `{"format": "almanac-chart-timings", "version": 1, "charts": [...], "count", "total_ms",
  /// "slowest": {...}}`, milliseconds to the microsecond.
  func json() -> String {
    let all = recorded
    func ms(_ ns: UInt64) -> JSONValue { .double((Double(ns) / 1_000).rounded() / 1_000) }
    func entry(_ e: Entry) -> JSONValue { .object(["kind": .string(e.kind), "title": .string(e.title), "ms": ms(e.nanoseconds)]) }
    var top: [String: JSONValue] = [
      "format": .string("almanac-chart-timings"), "version": .int(1),
      "charts": .array(all.map(entry)), "count": .int(Int64(all.count)),
      "total_ms": ms(all.reduce(0) { $0 + $1.nanoseconds }),
    ]
    if let slowest = all.max(by: { $0.nanoseconds < $1.nanoseconds }) { top["slowest"] = entry(slowest) }
    return CanonicalJSON.encode(.object(top))
  }
}
