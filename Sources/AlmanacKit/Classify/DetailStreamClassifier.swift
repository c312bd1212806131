/// `InstallerClassifier.classify` over a detail file fed in chunks: memory grows with the
/// number of (package, day, version) groups, not with the rows. Rows are staged in per-page
/// runs (`DetailAccumulator.stage`) and counted a run at a time, in whatever order they come.
public final class DetailStreamClassifier {
  private let reader: DetailCSVReader
  private var acc: DetailAccumulator
  private let source: String
  private let releases: [String: [String: Day]]
  public private(set) var rows = 0

  public init(path: String, rules: InstallerRules, source: String = "pypi", releases: [String: [String: Day]] = [:], fallbackSnapshot: Day? = nil) {
    reader = DetailCSVReader(path: path, fallbackSnapshot: fallbackSnapshot)
    acc = DetailAccumulator(rules: rules)
    self.source = source
    self.releases = releases
  }

  public func consume(_ chunk: UnsafeRawBufferPointer) throws(FormatError) {
    // The accumulator is moved into a local for the chunk: mutating a class property per row
    // would pay a dynamic exclusivity check each time.
    var local = DetailAccumulator(rules: acc.rules)
    swap(&local, &acc)
    var count = 0
    defer {
      swap(&local, &acc)
      rows += count
    }
    try reader.consume(chunk) { row in Self.add(row, to: &local, count: &count) }
  }

  public func finish() throws(FormatError) -> (ClassifiedDetail, [Diagnostic]) {
    var count = 0
    let snapshot = try reader.finish { row in Self.add(row, to: &acc, count: &count) }
    acc.flush()
    rows += count
    return acc.finish(snapshot: snapshot, source: source, releases: releases)
  }

  @inline(__always)
  private static func add(_ row: DetailCSVReader.Row, to acc: inout DetailAccumulator, count: inout Int) {
    count += 1
    acc.stage(day: row.date, package: row.package, version: row.version, installer: row.installer, downloads: row.downloads)
  }
}
