/// Opt-in usage events (`sources.usage`): NDJSON a package's own telemetry wrote, read with
/// consent enforced and personal data scrubbed, kept raw only in the uncommitted inbox
/// (`stats/inbox/usage/<day>.ndjson`), and committed only as aggregates
/// (`series/usage/daily.csv`, `usage/intake.csv`). See docs/usage.md.
public enum Usage {
  public static let source = "usage"
  public static let defaultMinGroupSize = 5
  /// The inbox directory under the stats directory (listed in `stats/.gitignore`).
  public static let inboxDirectory = "inbox"
  public static let dailyFile = "daily"
  public static let intakeFile = "intake"
  /// How p50/p95 are computed, said in the report and summary.json.
  public static let percentileMethod = "exact: nearest rank over the day's sorted durations"

  /// What one input's lines held: the accepted events (unique by id, the first kept) and the
  /// counts for the intake row.
  public struct Batch: Equatable, Sendable {
    public var events: [UsageEvent] = []
    public var lines = 0
    public var withoutConsent = 0
    public var invalid = 0
    public var scrubbed = 0
    /// The first few reasons a line was invalid, with its line number (never its content).
    public var problems: [String] = []

    public init() {}

    public mutating func read(ndjson bytes: some Collection<UInt8>, name: String) {
      var number = 0
      for line in Array(bytes).split(separator: 0x0A, omittingEmptySubsequences: false) {
        number += 1
        let trimmed = line.last == 0x0D ? line.dropLast() : line[...]
        guard trimmed.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
        lines += 1
        switch UsageEvent.decode(line: trimmed) {
        case .event(let e, let n):
          events.append(e)
          scrubbed += n
        case .withoutConsent: withoutConsent += 1
        case .invalid(let why):
          invalid += 1
          if problems.count < 5 { problems.append("\(name):\(number): \(why)") }
        }
      }
    }
  }

  /// Events unique by id, the first of each kept, in (time, id) order.
  public static func unique(_ events: [UsageEvent]) -> [UsageEvent] {
    var seen = Set<String>()
    return events.filter { seen.insert($0.id).inserted }.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
  }

  /// An inbox file: one canonical event per line.
  public static func inboxText(_ events: [UsageEvent]) -> String {
    unique(events).map { $0.line + "\n" }.joined()
  }
}
