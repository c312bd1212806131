import AlmanacKit

extension Store {
  /// One entity's series in the store: its source, its name, and how to read its tidy rows.
  public struct ExportEntity: Sendable {
    public var source: String
    public var entity: String
    public var rows: @Sendable (ExportFilter) throws(AlmanacError) -> [ExportRow]
  }

  /// Every entity under `series/`, in export order (source, then entity, UTF-8 order):
  /// `series/github/<owner>/<repo>/` per repository, `series/<source>/<name>.csv` otherwise.
  /// The usage source's k-anonymous aggregates (`series/usage/daily.csv`) have their own
  /// format (events, installations, percentiles per cell) and are not in the tidy export yet.
  public func exportEntities(source: String? = nil) -> [ExportEntity] {
    let sources = FileSystem.list("\(root)/series").filter { source == nil || $0 == source }.sorted(by: Self.utf8Less)
    var out: [ExportEntity] = []
    for name in sources where !name.hasPrefix(".") && name != Usage.source {
      if name == GitHub.source {
        let base = "\(root)/series/github"
        var repos: [String] = []
        for owner in FileSystem.list(base) {
          for repo in FileSystem.list("\(base)/\(owner)") where FileSystem.list("\(base)/\(owner)/\(repo)").contains(where: { $0.hasSuffix(".csv") }) {
            repos.append("\(owner)/\(repo)")
          }
        }
        for repo in repos.sorted(by: Self.utf8Less) {
          let store = self
          out.append(ExportEntity(source: name, entity: repo) { (filter) throws(AlmanacError) in
            ExportRows.github(try store.readGitHub(repo), repo: repo, filter: filter)
          })
        }
      } else {
        for package in seriesPackages(name).sorted(by: Self.utf8Less) {
          let store = self
          out.append(ExportEntity(source: name, entity: package) { (filter) throws(AlmanacError) in
            guard let series = try store.readSeries(name, package) else { return [] }
            return ExportRows.series(series, filter: filter)
          })
        }
      }
    }
    return out
  }

  static func utf8Less(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}
