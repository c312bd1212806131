/// The full-history series of one package from one source: `stats/series/<source>/<package>.csv`.
///
/// Long form, one row per (dimension, category, date), sorted by that key. `snapshot` is the
/// as-of date of the earliest snapshot that reported the current value: a revision updates
/// it, a snapshot that merely repeats the value does not (so the nightly diff shows only what
/// changed). It also lets aggregate resume from the newest snapshot instead of re-reading every
/// file.
public struct Series: Equatable, Sendable {
  public static let kind = "series"
  public static let version = 1
  public static let columns = ["date", "dimension", "category", "downloads", "snapshot"]

  public struct Point: Equatable, Sendable {
    public var downloads: Int64
    public var snapshot: Day
    public init(downloads: Int64, snapshot: Day) {
      self.downloads = downloads
      self.snapshot = snapshot
    }
  }

  public struct Key: Hashable, Comparable, Sendable {
    public var dimension: String
    public var category: String
    public var date: Day

    public init(dimension: String, category: String, date: Day) {
      self.dimension = dimension
      self.category = category
      self.date = date
    }

    public static func < (a: Key, b: Key) -> Bool {
      if a.dimension != b.dimension { return CanonicalJSON.utf8Less(a.dimension, b.dimension) }
      if a.category != b.category { return CanonicalJSON.utf8Less(a.category, b.category) }
      return a.date < b.date
    }
  }

  public var package: String
  public var source: String
  public var points: [Key: Point]

  public init(package: String, source: String, points: [Key: Point] = [:]) {
    self.package = package
    self.source = source
    self.points = points
  }

  /// The newest snapshot that contributed a value.
  public var newestSnapshot: Day? { points.values.map(\.snapshot).max() }

  public func values(_ dimension: String, _ category: String) -> [Day: Int64] {
    var out: [Day: Int64] = [:]
    for (key, point) in points where key.dimension == dimension && key.category == category {
      out[key.date] = point.downloads
    }
    return out
  }

  public func categories(_ dimension: String) -> Set<String> {
    Set(points.keys.lazy.filter { $0.dimension == dimension }.map(\.category))
  }

  public func encoded() -> String {
    Table(
      kind: Self.kind, version: Self.version, columns: ["package", "source"] + Self.columns,
      rows: points.keys.sorted().compactMap { key in
        guard let p = points[key] else { return nil }
        return [package, source, key.date.description, key.dimension, key.category, String(p.downloads), p.snapshot.description]
      }
    ).encoded()
  }

  public static func decode(_ text: String, path: String, package: String, source: String) throws(FormatError) -> Series {
    let table = try Table.decode(
      text, path: path, expected: Table(kind: kind, version: version, columns: ["package", "source"] + columns))
    var series = Series(package: package, source: source)
    for (offset, row) in table.rows.enumerated() {
      let line = offset < table.rowLines.count ? table.rowLines[offset] : offset + 3
      guard row[0] == package, row[1] == source else {
        throw FormatError(path: path, line: line, problem: "belongs to \(row[1])/\(row[0]), expected \(source)/\(package)")
      }
      guard let date = Day(row[2]), let snapshot = Day(row[6]) else {
        throw FormatError(path: path, line: line, problem: "expected dates as YYYY-MM-DD, found `\(row[2])`, `\(row[6])`")
      }
      guard let downloads = Int64(row[5]), downloads >= 0 else {
        throw FormatError(path: path, line: line, problem: "downloads must be a non-negative integer, found `\(row[5])`")
      }
      let key = Key(dimension: row[3], category: row[4], date: date)
      guard series.points.updateValue(Point(downloads: downloads, snapshot: snapshot), forKey: key) == nil else {
        throw FormatError(path: path, line: line, problem: "repeats \(row[3])/\(row[4]) on \(date)")
      }
    }
    return series
  }
}
