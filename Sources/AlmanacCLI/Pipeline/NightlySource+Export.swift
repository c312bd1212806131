import AlmanacKit

extension NightlySource {
  /// One entity per `series/<name>/<entity>.csv`, read by `ExportRows.series`.
  public func exportEntities(_ store: Store) -> [Store.ExportEntity] {
    let source = name
    return store.seriesPackages(source).sorted(by: Store.utf8Less).map { package in
      Store.ExportEntity(source: source, entity: package) { (filter) throws(AlmanacError) in
        guard let series = try store.readSeries(source, package) else { return [] }
        return ExportRows.series(series, filter: filter)
      }
    }
  }
}
