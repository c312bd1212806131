/// Rewrites a CSV file written before the header-first layout (a `#almanac:<kind>:<version>`
/// line above the header, `null` for an unknown category) as today's writers write it, through
/// the kind's own decoder and encoder, so a migrated file is byte for byte what a rebuild from
/// raw gives.
public enum LayoutMigration {
  /// The file's bytes in the header-first layout, or nil when it has no format line (already
  /// migrated, or not Almanac's). `path` names the file (a series file's source and package
  /// are its directory and name: `…/series/pypi/tidewater.csv`).
  public static func migrated(_ text: String, path: String) throws(FormatError) -> String? {
    guard text.hasPrefix("#almanac:") else { return nil }
    let formatLine = String(text.prefix { $0 != "\n" })
    let parts = formatLine.split(separator: " ").first?.split(separator: ":") ?? []
    guard parts.count == 3, let version = Int(parts[2]) else {
      throw FormatError(path: path, line: 1, problem: "malformed format line `\(formatLine)`")
    }
    let kind = String(parts[1])
    let components = path.split(separator: "/").map(String.init)
    switch kind {
    case RecordSet.kind, RecordSet.classifiedKind:
      return try RecordSet.decode(text, path: path, kind: kind).encoded()
    case DetailedRecordSet.kind:
      return try DetailedRecordSet.decode(text, path: path).encoded()
    case Series.kind:
      guard components.count >= 3, let name = components.last, name.hasSuffix(".csv") else {
        throw FormatError(path: path, line: 1, problem: "a series file lies at series/<source>/<package>.csv")
      }
      let package = String(name.dropLast(".csv".count))
      return try Series.decode(text, path: path, package: package, source: components[components.count - 2]).encoded()
    default:
      // GitHub and usage files: no unknown category to rename, rows already sorted.
      let lines = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
      let header: [String]
      do { header = lines.count > 1 ? (try CSV.parse(String(lines[1]) + "\n").first?.fields ?? []) : [] } catch {
        throw FormatError(path: path, line: 2, problem: error.message)
      }
      return try Table.decode(text, path: path, expected: Table(kind: kind, version: version, columns: header)).encoded()
    }
  }
}
