/// Merges snapshots into full-history series, the rules DESIGN.md puts at the heart of Almanac:
///
/// - every day ever observed is kept, so days that left the source's window stay forever;
/// - a later snapshot that shows a day again replaces its value (a revision, reported);
/// - a day absent from a later snapshot keeps its known value ("absent" never erases);
/// - inside a snapshot's window a day no snapshot ever showed is an observed zero (pypistats.org
///   writes no zero rows), but only while nothing is known about that day;
/// - with `outages`, a day inside the window that the snapshot shows in no stream at all (no
///   package, no category) is the source's outage, not a zero: it stays unknown (pypistats.org
///   lost 2024-06-18 … 06-20 for every package). A category absent on a day other streams show
///   is still an observed zero.
///
/// Snapshots are applied oldest first; applying the same snapshot twice changes nothing, and an
/// older snapshot applied late never undoes what a newer one observed.
public enum SeriesMerge {
  public struct Revision: Equatable, Sendable, CustomStringConvertible {
    public var package: String
    public var key: Series.Key
    public var old: Int64
    public var new: Int64
    public var snapshot: Day

    public var description: String {
      "\(package) \(key.dimension)/\(key.category) \(key.date): \(old) → \(new) (snapshot \(snapshot))"
    }
  }

  /// Dimensions that are series; `recent` is a per-snapshot figure, not a daily value.
  public static let seriesDimensions: Set<String> = [
    Dimension.overall, Dimension.pythonMinor, Dimension.system, Dimension.downloadClass,
  ]

  /// `dimensions` are the ones that become series (the download sources' by default);
  /// `sparse` ones are never gap-filled with zeros (a page missing from a day's top list is not
  /// a zero); `outages`: a day the whole snapshot leaves out is unknown, not zero (pypistats).
  public static func apply(
    _ snapshot: RecordSet, to series: inout [String: Series], source: String, dimensions: Set<String> = seriesDimensions, sparse: Set<String> = [],
    outages: Bool = false
  ) -> [Revision] {
    var revisions: [Revision] = []
    var byPackage: [String: [DownloadRecord]] = [:]
    var shown = Set<Day>()
    for r in snapshot.records where dimensions.contains(r.dimension) {
      byPackage[r.package, default: []].append(r)
      shown.insert(r.date)
    }
    for (package, records) in byPackage.sorted(by: { $0.key < $1.key }) {
      var s = series[package] ?? Series(package: package, source: source)
      guard let first = records.map(\.date).min(), let last = records.map(\.date).max() else { continue }
      var present = Set<Series.Key>()
      var streams = Set<[String]>()
      for r in records {
        let key = Series.Key(dimension: r.dimension, category: r.category, date: r.date)
        present.insert(key)
        streams.insert([r.dimension, r.category])
        if let known = s.points[key] {
          // Unchanged: keep the snapshot that first gave this value, so re-reporting a day
          // changes no byte of the series. Newer knowledge is never overwritten by older, except
          // a zero: sparse sources never report one, so a newer zero was only inferred from
          // absence and an older observation beats it.
          if known.downloads == r.downloads { continue }
          if known.snapshot > snapshot.snapshot, !(known.downloads == 0 && r.downloads > 0) { continue }
          revisions.append(Revision(package: package, key: key, old: known.downloads, new: r.downloads, snapshot: snapshot.snapshot))
        }
        s.points[key] = Series.Point(downloads: r.downloads, snapshot: snapshot.snapshot)
      }
      for stream in streams.sorted(by: { $0.lexicographicallyPrecedes($1) }) where !sparse.contains(stream[0]) {
        for day in (first...last).days where !outages || shown.contains(day) {
          let key = Series.Key(dimension: stream[0], category: stream[1], date: day)
          if !present.contains(key), s.points[key] == nil {
            s.points[key] = Series.Point(downloads: 0, snapshot: snapshot.snapshot)
          }
        }
      }
      series[package] = s
    }
    return revisions
  }

  /// The days inside the snapshot's window (its first to last shown day) that no stream of it
  /// shows: with `outages`, these stay unknown. Oldest first.
  public static func outageDays(_ snapshot: RecordSet, dimensions: Set<String> = seriesDimensions) -> [Day] {
    let shown = Set(snapshot.records.lazy.filter { dimensions.contains($0.dimension) }.map(\.date))
    guard let first = shown.min(), let last = shown.max() else { return [] }
    return (first...last).days.filter { !shown.contains($0) }
  }
}
