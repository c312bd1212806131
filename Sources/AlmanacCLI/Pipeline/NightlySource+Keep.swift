import AlmanacKit

extension NightlySource {
  /// The rest of a night for a source whose raw snapshot normalizes by itself (sentry, reddit):
  /// the fetched snapshot merged with the night's earlier one (a failed request keeps the earlier
  /// answer), then raw, records, the source's aggregate and raw pruning. Failed when no exchange
  /// `answered`; partial when anything failed.
  func keepNight(_ fetched: RawSnapshot, _ night: Night, answered: (RawSnapshot.Exchange) -> Bool) throws(AlmanacError) -> SourceResult {
    let stages = night.stages
    let store = stages.store
    let snapshot = PlausibleFetcher.merge(new: fetched, old: try store.readRaw(name, night.date))
    guard snapshot.exchanges.contains(where: answered) else { return SourceResult(source: name, status: .failed) }
    let rawPath = store.rawPath(name, night.date)
    stages.wrote(try store.write(snapshot.encoded(), to: rawPath, validate: Store.rawValidator), rawPath)
    let (records, diagnostics) = normalize(snapshot, path: rawPath)
    for d in diagnostics { stages.console.report(d) }
    let path = store.recordsPath(name, night.date)
    stages.wrote(try store.write(records.encoded(), to: path, validate: Store.recordsValidator(kind: RecordSet.kind)), path)
    try aggregate(stages, config: night.config, rebuild: false)
    try stages.pruneRaw(source: name, keepDays: night.config.retention.rawDays)
    return SourceResult(source: name, status: snapshot.failures.isEmpty ? .complete : .partial)
  }
}
