/// What each night read from the usage input (`usage/intake.csv`,
/// `schemas/usage-intake.row.schema.json`): lines read, events accepted, how many were new,
/// dropped without consent, invalid, and how many values the scrubber changed. Dropped events
/// leave nothing but these counts. A re-run of a night replaces its row; a night whose input
/// could not be read leaves the earlier row.
public struct UsageIntake: Equatable, Sendable {
  public struct Row: Equatable, Sendable {
    public var night: Day
    public var lines = 0
    public var accepted = 0
    public var withoutConsent = 0
    public var invalid = 0
    public var scrubbed = 0

    public init(night: Day) { self.night = night }

    var fields: [Int] { [lines, accepted, withoutConsent, invalid, scrubbed] }
  }

  public var rows: [Row]

  public init(rows: [Row] = []) { self.rows = rows.sorted { $0.night < $1.night } }

  public static let kind = "usage-intake"
  public static let columns = ["night", "lines", "accepted", "without_consent", "invalid", "scrubbed_values"]

  public func replacing(_ row: Row) -> UsageIntake { UsageIntake(rows: rows.filter { $0.night != row.night } + [row]) }

  public func encoded() -> String {
    Table(kind: Self.kind, version: 1, columns: Self.columns, rows: rows.map { [$0.night.description] + $0.fields.map(String.init) }).encoded()
  }

  public static func decode(_ text: String, path: String) throws(FormatError) -> UsageIntake {
    let table = try Table.decode(text, path: path, expected: Table(kind: kind, version: 1, columns: columns))
    var rows: [Row] = []
    for (i, f) in table.rows.enumerated() {
      let line = table.rowLines.indices.contains(i) ? table.rowLines[i] : nil
      let counts = f.dropFirst().compactMap { Int($0) }.filter { $0 >= 0 }
      guard let night = Day(f[0]), counts.count == 5 else { throw FormatError(path: path, line: line, problem: "expected a night and five counts") }
      var row = Row(night: night)
      (row.lines, row.accepted, row.withoutConsent, row.invalid, row.scrubbed) = (counts[0], counts[1], counts[2], counts[3], counts[4])
      rows.append(row)
    }
    return UsageIntake(rows: rows)
  }
}
