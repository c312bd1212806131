import AlmanacKit

extension Store {
  /// One entity's series in the store: its source, its name, and how to read its tidy rows.
  public struct ExportEntity: Sendable {
    public var source: String
    public var entity: String
    public var rows: @Sendable (ExportFilter) throws(AlmanacError) -> [ExportRow]
  }

  /// Every entity each registered source declares (`NightlySource.exportEntities`), in export
  /// order: source, then entity, in UTF-8 order. `source` keeps one source.
  public func exportEntities(source: String? = nil, sources: [any NightlySource] = NightlySources.all) -> [ExportEntity] {
    sources.filter { source == nil || $0.name == source }.sorted { Self.utf8Less($0.name, $1.name) }.flatMap { $0.exportEntities(self) }
  }

  static func utf8Less(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}
