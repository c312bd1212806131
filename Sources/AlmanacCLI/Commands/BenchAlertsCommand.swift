import AlmanacKit
import ArgumentParser
import Foundation

/// `almanac bench-alerts`: times the alert engine on a seeded synthetic workload (hidden; the
/// benchmark script `Benchmarks/alerts-bench` runs it on a release build).
public struct BenchAlertsCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "bench-alerts",
    abstract: "Time the alert rules' full replay on a synthetic workload.",
    discussion: """
      Builds --series daily series of --years years (weekly rhythm, growth, noise, release \
      spikes, gaps) with four rules each (one-day drop, weekly rise, monthly floor, anomaly), \
      then replays every rule over every day --runs times. Prints one line of JSON: the \
      median, quartiles, fastest and slowest evaluation in milliseconds (wall clock; cpu_median_ms and \
      cpu_min_ms: this thread's CPU time), the rules, series, days and alerts, \
      and the SHA-256 of the alerts.json they make (equal digests: a faster engine gave the same bytes).
      """,
    shouldDisplay: false)

  @Option(help: "How many series (four rules each).") var series = 50
  @Option(help: "Years of daily history per series.") var years = 10
  @Option(help: "Timed runs (after one warm-up).") var runs = 20

  public init() {}

  public func validate() throws {
    guard series > 0, years > 0, runs > 0 else { throw ValidationError("--series, --years and --runs take positive integers.") }
  }

  public func run() async throws {
    let workload = AlertWorkload(series: series, years: years)
    let warm = AlertEngine.evaluate(workload.rules, catalog: workload.catalog, asOf: workload.asOf)
    let clock = ContinuousClock()
    var times: [Double] = []
    var cpu: [Double] = []
    for _ in 0..<runs {
      let start = Self.threadCPUms()
      let elapsed = clock.measure { _ = AlertEngine.evaluate(workload.rules, catalog: workload.catalog, asOf: workload.asOf) }
      cpu.append(Self.threadCPUms() - start)
      times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
    }
    times.sort()
    cpu.sort()
    var digest = SHA256()
    digest.update(warm.encoded().utf8)
    let hex = HMACSHA256.hex(digest.finalize())
    let days = workload.catalog.metrics.values.map(\.values.count).reduce(0, +)
    let line: JSONValue = .object([
      "median_ms": .double((times[times.count / 2] * 100).rounded() / 100), "min_ms": .double(((times.first ?? 0) * 100).rounded() / 100),
      "p25_ms": .double((times[times.count / 4] * 100).rounded() / 100), "p75_ms": .double((times[times.count * 3 / 4] * 100).rounded() / 100),
      "max_ms": .double(((times.last ?? 0) * 100).rounded() / 100),
      "cpu_median_ms": .double((cpu[cpu.count / 2] * 100).rounded() / 100), "cpu_min_ms": .double(((cpu.first ?? 0) * 100).rounded() / 100),
      "runs": .int(Int64(runs)), "rules": .int(Int64(workload.rules.count)), "series": .int(Int64(series)), "days": .int(Int64(days)),
      "alerts": .int(Int64(warm.alerts.count)), "alerts_sha256": .string(hex), "open": .int(Int64(warm.open.count)),
      "alerts_by_condition": .object(Dictionary(grouping: warm.alerts, by: \.condition.rawValue).mapValues { .int(Int64($0.count)) }),
    ])
    FileHandle.standardOutput.write(Data(CanonicalJSON.encodeCompact(line).utf8 + [0x0A]))
  }

  /// The CPU time this thread has used, in milliseconds: what one evaluation costs whatever the
  /// machine's load (wall clock on a shared machine is that time stretched by the load).
  static func threadCPUms() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1e6
  }
}
