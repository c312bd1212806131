import AlmanacKit
import Foundation

extension Config.UsageSource: NightlySourceSection {
  public static var nightly: any NightlySource { UsageNightly() }
}

/// Opt-in usage events as a nightly source: read the input, drop events without consent
/// (counted), scrub what is kept, add new events (by id) to the uncommitted inbox, and
/// recompute the daily aggregates of every day up to the night's date the inbox holds into
/// `series/usage/daily.csv` (k-anonymous cells; a stored day is never lowered by a smaller
/// inbox), plus the night's intake counts in `usage/intake.csv`.
public struct UsageNightly: NightlySource {
  public var name: String { Usage.source }
  /// Where the collector token is read from; nil: the process environment.
  public var environment: [String: String]?

  public init(environment: [String: String]? = nil) { self.environment = environment }

  public func isEnabled(in config: Config) -> Bool { config.usageEnabled != nil }

  public func secretVariables(_ config: Config) -> [String] { config.usage?.tokenEnv.map { [$0] } ?? [] }

  public var noRecordsReason: String? {
    "usage keeps no records: its events stay in the uncommitted inbox (stats/inbox/usage/) and only aggregates are stored; `almanac aggregate --source usage --rebuild` recomputes them from the inbox"
  }

  public func night(_ night: Night) async throws -> SourceResult {
    let read = try await readIntoInbox(night)
    try aggregate(night.stages, config: night.config, rebuild: false, known: read ?? [:])
    return SourceResult(source: name, status: read == nil ? .failed : .complete)
  }

  /// The fetch half: input → consent → scrub → inbox, and the night's intake row. Returns the
  /// inbox's events of the days it touched; nil when the input could not be read (the warning
  /// says why; nothing stored changes).
  func readIntoInbox(_ night: Night) async throws(AlmanacError) -> [Day: [UsageEvent]]? {
    guard let source = night.config.usageEnabled else { return nil }
    let stages = night.stages
    let env = environment ?? ProcessInfo.processInfo.environment
    let token = source.tokenEnv.flatMap { env[$0] }.flatMap { $0.isEmpty ? nil : $0 }
    var client = night.client
    if let token { client.redactor.add(token) }
    night.console.note("usage: reading \(client.redactor.redact(source.input))")
    let batch: Usage.Batch
    switch await UsageInput(source: source, client: client, token: token).read() {
    case .failure(let error):
      night.console.report(Diagnostic(.warning, error.description, at: name))
      return nil
    case .success(let b): batch = b
    }
    for p in batch.problems { night.console.report(Diagnostic(.warning, "skipped an invalid event: \(p)", at: name)) }
    if batch.invalid > batch.problems.count {
      night.console.report(Diagnostic(.warning, "skipped \(batch.invalid - batch.problems.count) more invalid line(s); fix the client that writes them (docs/usage.md)", at: name))
    }
    var row = UsageIntake.Row(night: night.date)
    (row.lines, row.accepted, row.withoutConsent, row.invalid, row.scrubbed) = (batch.lines, batch.events.count, batch.withoutConsent, batch.invalid, batch.scrubbed)
    let (new, touched) = try addToInbox(batch.events, stages: stages)
    // Data minimisation: inbox days older than retention.raw_days go (their aggregates stay).
    if night.config.retention.rawDays > 0 {
      for day in stages.store.usageInboxDays() where night.date - day > night.config.retention.rawDays {
        _ = try stages.store.writeUsageInbox(day, [])
      }
    }
    let intake = try stages.store.readUsageIntake().replacing(row)
    stages.wrote(try stages.store.write(intake.encoded(), to: stages.store.usageIntakePath, validate: Store.usageIntakeValidator), stages.store.usageIntakePath)
    night.console.note("usage: \(row.lines) line(s): \(row.accepted) event(s) with consent (\(new) new to the inbox), \(row.withoutConsent) without consent (dropped), \(row.invalid) invalid; \(row.scrubbed) value(s) scrubbed")
    return touched
  }

  /// Adds the events the inbox does not hold yet (by id, per day); returns how many, and the
  /// inbox's events of each day the batch names.
  func addToInbox(_ events: [UsageEvent], stages: Stages) throws(AlmanacError) -> (Int, [Day: [UsageEvent]]) {
    var added = 0
    var touched: [Day: [UsageEvent]] = [:]
    for (day, batch) in Dictionary(grouping: events, by: \.day).sorted(by: { $0.key < $1.key }) {
      let held = try stages.store.readUsageInbox(day)
      let ids = Set(held.map(\.id))
      let new = Usage.unique(batch).filter { !ids.contains($0.id) }
      touched[day] = held + new
      guard !new.isEmpty else { continue }
      added += new.count
      _ = try stages.store.writeUsageInbox(day, held + new)
    }
    return (added, touched)
  }

  /// Recomputes every inbox day up to the as-of date into `daily.csv`. `rebuild` lets a smaller
  /// inbox lower a stored day (after `usage forget`, or on purpose); otherwise such a day keeps
  /// its stored aggregates, with a warning.
  public func aggregate(_ stages: Stages, config: Config?, rebuild: Bool) throws(AlmanacError) {
    try aggregate(stages, config: config, rebuild: rebuild, known: [:])
  }

  /// `known`: inbox days already read (the night's), so they are not read twice (and days
  /// retention just pruned are still counted).
  func aggregate(_ stages: Stages, config: Config?, rebuild: Bool, known: [Day: [UsageEvent]]) throws(AlmanacError) {
    let k = config?.usage?.minGroupSize ?? Usage.defaultMinGroupSize
    var recomputed: [Day: [UsageDaily.Row]] = [:]
    for day in Set(stages.store.usageInboxDays()).union(known.keys) where day <= stages.date {
      var events: [UsageEvent]
      if let held = known[day] { events = held } else { events = try stages.store.readUsageInbox(day) }
      recomputed[day] = UsageDaily.day(day, events: events, minGroupSize: k)
    }
    try writeDaily(recomputed, stages: stages, replaceFewer: rebuild)
  }

  func writeDaily(_ recomputed: [Day: [UsageDaily.Row]], stages: Stages, replaceFewer: Bool) throws(AlmanacError) {
    let stored = try stages.store.readUsageDaily()
    guard !recomputed.isEmpty || !stored.rows.isEmpty else { return }
    let (daily, kept) = stored.merging(recomputed, replaceFewer: replaceFewer)
    if !kept.isEmpty {
      stages.console.report(Diagnostic(
        .warning, "the inbox holds fewer events than were counted for \(kept.map(\.description).joined(separator: ", ")); the stored aggregates of those days are kept",
        at: name))
    }
    stages.wrote(try stages.store.write(daily.encoded(), to: stages.store.usageDailyPath, validate: Store.usageDailyValidator), stages.store.usageDailyPath)
  }

  public func render(_ night: Night) throws -> SourceRendering {
    var out = SourceRendering(source: name)
    let store = night.stages.store
    guard let f = Usage.figures(try store.readUsageDaily(), intake: try store.readUsageIntake(), asOf: night.date) else { return out }
    let k = night.config.usage?.minGroupSize ?? Usage.defaultMinGroupSize
    out.reportSection = Usage.reportSection(f, minGroupSize: k)
    out.site = Usage.siteSection(f)
    out.summary = [name: Usage.summary(f, minGroupSize: k)]
    out.headlines = ["\(NumberFormat.grouped(Int64(f.lastWeek))) usage events in 7 days"]
    out.details = [
      "usage: \(NumberFormat.grouped(Int64(f.lastWeek))) opt-in events in the 7 days to \(f.newestDay), \(Usage.rate(f.successesLastWeek, f.lastWeek)) successful; \(NumberFormat.grouped(Int64(f.withoutConsentLast30Nights))) dropped without consent in 30 nights"
    ]
    out.outputs = [("usage-events-last-7-days", String(f.lastWeek))]
    return out
  }
}
