/// A hook to time each chart's drawing, for `almanac render --chart-timings` and
/// `Benchmarks/page-render`. AlmanacKit has no clock: the command brings one (`now`, in
/// nanoseconds) and a place to report to, for the duration of the render, as a task-local
/// value. Without one (every normal render, every test that does not set it) a chart is drawn
/// with no clock read and nothing reported.
public struct ChartTimer: Sendable {
  public var now: @Sendable () -> UInt64
  public var report: @Sendable (_ kind: String, _ title: String, _ nanoseconds: UInt64) -> Void

  public init(now: @escaping @Sendable () -> UInt64, report: @escaping @Sendable (_ kind: String, _ title: String, _ nanoseconds: UInt64) -> Void) {
    self.now = now
    self.report = report
  }

  @TaskLocal public static var current: ChartTimer?

  /// Draws the chart, timed when a timer is set.
  static func measure(_ kind: String, _ title: String, _ draw: () -> RenderedChart) -> RenderedChart {
    guard let timer = current else { return draw() }
    let start = timer.now()
    let chart = draw()
    let end = timer.now()
    timer.report(kind, title, end >= start ? end - start : 0)
    return chart
  }
}
