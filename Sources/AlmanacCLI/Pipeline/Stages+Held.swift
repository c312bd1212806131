import AlmanacKit

extension Store {
  /// For each of `packages`, the newest day of `dimension`/`category` that an earlier night
  /// (a records snapshot before `date`) held: what an incremental source asks from. Earlier
  /// nights decide, not the series, so a re-run of a night asks exactly what its first run
  /// asked. Looks back through at most 60 snapshots, then the series. Read under the lock.
  public func newestHeld(source: String, packages: [String], dimension: String, category: String, before date: Day) throws(AlmanacError) -> [String: Day] {
    var held: [String: Day] = [:]
    var wanted = Set(packages)
    for day in snapshotDays("records", source).filter({ $0 < date }).reversed().prefix(60) where !wanted.isEmpty {
      guard let records = try readRecords(source, day) else { continue }
      for r in records.records where wanted.contains(r.package) && r.dimension == dimension && r.category == category {
        held[r.package] = max(held[r.package] ?? r.date, r.date)
      }
      wanted.subtract(held.keys)
    }
    for package in wanted.sorted() {
      held[package] = try readSeries(source, package)?.values(dimension, category).keys.filter { $0 < date }.max()
    }
    return held
  }
}
