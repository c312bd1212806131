/// One canonical row: downloads of a package on a day, in one category of one dimension,
/// as one source defines them.
///
/// `category` is always a string (`"3.10"` is a Python version, never a number).
public struct DownloadRecord: Hashable, Sendable {
  public var date: Day
  public var package: String
  public var source: String
  /// `overall`, `python_minor`, `system`, `recent`, or `class` (classify's output).
  public var dimension: String
  public var category: String
  public var downloads: Int64

  public init(date: Day, package: String, source: String, dimension: String, category: String, downloads: Int64) {
    self.date = date
    self.package = package
    self.source = source
    self.dimension = dimension
    self.category = category
    self.downloads = downloads
  }

  /// The merge key: one value per key per snapshot.
  public struct Key: Hashable, Comparable, Sendable {
    public var package: String
    public var dimension: String
    public var category: String
    public var date: Day

    public static func < (a: Key, b: Key) -> Bool {
      if a.package != b.package { return CanonicalJSON.utf8Less(a.package, b.package) }
      if a.dimension != b.dimension { return CanonicalJSON.utf8Less(a.dimension, b.dimension) }
      if a.category != b.category { return CanonicalJSON.utf8Less(a.category, b.category) }
      return a.date < b.date
    }
  }

  public var key: Key { Key(package: package, dimension: dimension, category: category, date: date) }
}

public enum Dimension {
  public static let overall = "overall"
  public static let pythonMinor = "python_minor"
  public static let system = "system"
  public static let recent = "recent"
  public static let downloadClass = "class"
}

/// The records file of one snapshot: `stats/records/<source>/<date>.csv`.
public struct RecordSet: Equatable, Sendable {
  public static let kind = "records"
  public static let classifiedKind = "classified"
  public static let version = 1
  public static let columns = ["date", "package", "source", "dimension", "category", "downloads"]

  /// The day the snapshot was taken (the as-of date of the fetch).
  public var snapshot: Day
  public var records: [DownloadRecord]
  /// `records` (normalize's output) or `classified` (classify's output); same columns.
  public var kind: String

  public init(snapshot: Day, records: [DownloadRecord], kind: String = RecordSet.kind) {
    self.snapshot = snapshot
    self.kind = kind
    self.records = records.sorted { $0.key < $1.key }
  }

  /// A file under `stats/` (header first; the file name is the snapshot), or with `formatLine`
  /// the stream layout (`#almanac:records:1 snapshot=…` above the header), which carries the
  /// snapshot and the kind through a pipe.
  public func encoded(formatLine: Bool = false) -> String {
    // The bytes `Table(…rows…).encoded(formatLine:)` would write, without a `[String]` per row.
    let head = Table(kind: kind, version: Self.version, columns: Self.columns, attributes: ["snapshot": snapshot.description])
    var out = Array(head.head(formatLine: formatLine).utf8)
    out.reserveCapacity(out.count + records.count * 56)
    for r in records {
      CSV.appendEscaped(r.date.description, to: &out)
      for field in [r.package, r.source, r.dimension, r.category] {
        out.append(0x2C)
        CSV.appendEscaped(field, to: &out)
      }
      out.append(0x2C)
      out.append(contentsOf: String(r.downloads).utf8)
      out.append(0x0A)
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// `fallbackSnapshot` (from the file name) dates a snapshot that holds no rows.
  ///
  /// Checked like a series file: a row dated after the snapshot, a source no Almanac writes
  /// (`sources` lists the known ones; nil checks nothing) and a key (date, package, source,
  /// dimension, category) that appears twice with different counts are refused with the line
  /// (an identical repeat is read once).
  public static func decode(
    _ text: String, path: String, kind: String = RecordSet.kind, fallbackSnapshot: Day? = nil, sources: Set<String>? = nil
  ) throws(FormatError) -> RecordSet {
    let table = try Table.decode(text, path: path, expected: Table(kind: kind, version: version, columns: columns))
    let snapshot = try table.snapshot(path: path, fallback: fallbackSnapshot)
    var records: [DownloadRecord] = []
    records.reserveCapacity(table.rows.count)
    var seen: [[String]: (downloads: String, line: Int)] = [:]
    for (offset, row) in table.rows.enumerated() {
      let line = offset < table.rowLines.count ? table.rowLines[offset] : offset + 3
      guard let date = Day(row[0]) else {
        throw FormatError(path: path, line: line, problem: "expected a date as YYYY-MM-DD, found `\(row[0])`")
      }
      guard let downloads = Int64(row[5]), downloads >= 0 else {
        throw FormatError(path: path, line: line, problem: "downloads must be a non-negative integer, found `\(row[5])`")
      }
      guard date <= snapshot else {
        throw FormatError(path: path, line: line, problem: "the row is dated \(date), after the snapshot it belongs to (\(snapshot)); no source answers for a day that has not happened")
      }
      if let sources, !sources.contains(row[2]) {
        throw FormatError(path: path, line: line, problem: "unknown source `\(row[2])` (known: \(sources.sorted().joined(separator: ", ")))")
      }
      let key = Array(row[0..<5])
      if let earlier = seen[key] {
        guard earlier.downloads == row[5] else {
          throw FormatError(path: path, line: line, problem: "repeats \(row[3])/\(row[4]) of \(row[1]) on \(date) with \(row[5]) downloads; line \(earlier.line) says \(earlier.downloads)")
        }
        continue
      }
      seen[key] = (row[5], line)
      records.append(DownloadRecord(
        date: date, package: row[1], source: row[2], dimension: row[3], category: row[4], downloads: downloads))
    }
    return RecordSet(snapshot: snapshot, records: records, kind: kind)
  }
}
