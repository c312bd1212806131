/// One row of the PyPI download log rolled up per day × version × installer × type × country:
/// what the ClickHouse source (`pypi`) fetches from
/// `pypi_downloads_per_day_by_version_by_installer_by_type_by_country`, and what the installer
/// classification reads.
///
/// `installer` is linehaul's installer name as logged (`pip`, `uv`, `bandersnatch`, `Browser`,
/// …; empty when the request named none). `type` is the file type (`bdist_wheel`, `sdist`, …).
/// `country` is the ISO 3166 alpha-2 code, empty when unknown.
public struct DetailedDownload: Hashable, Sendable {
  public var date: Day
  public var package: String
  public var version: String
  public var installer: String
  public var type: String
  public var country: String
  public var downloads: Int64

  public init(date: Day, package: String, version: String, installer: String, type: String, country: String, downloads: Int64) {
    self.date = date
    self.package = package
    self.version = version
    self.installer = installer
    self.type = type
    self.country = country
    self.downloads = downloads
  }

  /// Rows sort by date, then package, version, installer, type, country (UTF-8 order), so a
  /// file's bytes depend only on its content.
  public static func ordered(_ a: DetailedDownload, _ b: DetailedDownload) -> Bool {
    if a.date != b.date { return a.date < b.date }
    for (x, y) in [(a.package, b.package), (a.version, b.version), (a.installer, b.installer), (a.type, b.type), (a.country, b.country)] where x != y {
      return CanonicalJSON.utf8Less(x, y)
    }
    return false
  }
}

/// The detailed records file of one snapshot: `stats/records/pypi/<date>.detail.csv` (the
/// stream layout's format line is `#almanac:detail:1 snapshot=YYYY-MM-DD`).
public struct DetailedRecordSet: Equatable, Sendable {
  public static let kind = "detail"
  public static let version = 1
  public static let columns = ["date", "package", "version", "installer", "type", "country", "downloads"]

  public var snapshot: Day
  public var rows: [DetailedDownload]

  public init(snapshot: Day, rows: [DetailedDownload]) {
    self.snapshot = snapshot
    self.rows = rows.sorted(by: DetailedDownload.ordered)
  }

  /// `formatLine`: the stream layout (`Table.encoded(formatLine:)`).
  public func encoded(formatLine: Bool = false) -> String {
    Table(
      kind: Self.kind, version: Self.version, columns: Self.columns,
      rows: rows.map { [$0.date.description, $0.package, $0.version, $0.installer, $0.type, $0.country, String($0.downloads)] },
      attributes: ["snapshot": snapshot.description]
    ).encoded(formatLine: formatLine)
  }

  public static func decode(_ text: String, path: String, fallbackSnapshot: Day? = nil) throws(FormatError) -> DetailedRecordSet {
    let table = try Table.decode(text, path: path, expected: Table(kind: kind, version: version, columns: columns))
    let snapshot = try table.snapshot(path: path, fallback: fallbackSnapshot)
    var rows: [DetailedDownload] = []
    rows.reserveCapacity(table.rows.count)
    for (offset, row) in table.rows.enumerated() {
      let line = offset < table.rowLines.count ? table.rowLines[offset] : offset + 3
      guard let date = Day(row[0]) else {
        throw FormatError(path: path, line: line, problem: "expected a date as YYYY-MM-DD, found `\(row[0])`")
      }
      guard let downloads = Int64(row[6]), downloads >= 0 else {
        throw FormatError(path: path, line: line, problem: "downloads must be a non-negative integer, found `\(row[6])`")
      }
      rows.append(DetailedDownload(date: date, package: row[1], version: row[2], installer: row[3], type: row[4], country: row[5], downloads: downloads))
    }
    return DetailedRecordSet(snapshot: snapshot, rows: rows)
  }
}
