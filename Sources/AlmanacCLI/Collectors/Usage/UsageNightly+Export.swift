import AlmanacKit

extension UsageNightly {
  /// None: the usage source's k-anonymous aggregates (`series/usage/daily.csv`: events,
  /// installations and percentiles per cell, suppressed below k) are their own format, not
  /// tidy counts, so they are not in the export.
  public func exportEntities(_ store: Store) -> [Store.ExportEntity] { [] }
}
