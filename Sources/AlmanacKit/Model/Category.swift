/// Category words with a meaning of their own.
public enum Category {
  /// What a source could not tell (pypistats.org's and linehaul's unknown Python or system).
  /// A word no CSV reader takes for a missing value, unlike pypistats.org's `null`, which
  /// `pandas.read_csv` reads as NaN.
  public static let unknown = "unknown"
  /// How files with a format line written before the header-first layout spell `unknown`.
  static let legacyUnknown = "null"
  /// The kinds whose `category` column held `null` for unknown.
  static let legacyKinds: Set<String> = ["records", "classified", "series"]

  /// The `category` column to rewrite `null` → `unknown` in, when a file of `table`'s kind
  /// comes with a format line (a stream or an older store).
  static func legacyUnknownColumn(_ table: Table) -> Int? {
    legacyKinds.contains(table.kind) ? table.columns.firstIndex(of: "category") : nil
  }

  /// A source's category as stored: `null` (pypistats.org) and empty (ClickHouse's NULL) are
  /// `unknown`.
  public static func stored(_ category: String) -> String {
    category.isEmpty || category == legacyUnknown ? unknown : category
  }
}
