import AlmanacKit
import ArgumentParser
import Foundation

/// `almanac usage forget|export ID`: an installation's rights over its usage events.
public struct UsageCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "usage",
    abstract: "Forget or export one installation's opt-in usage events.",
    discussion: """
      Usage events are kept raw only in the uncommitted inbox (stats/inbox/usage/); what is \
      committed are daily aggregates whose cells count at least `min_group_size` installations \
      (smaller ones are merged into `other`), so they hold nothing about one installation.

        almanac usage export ID   print every inbox event of installation ID as JSON
        almanac usage forget ID   delete them from the inbox and rebuild those days' aggregates

      ID is the anonymous installation id the client sent (`installation`). See docs/usage.md.
      """,
    subcommands: [Forget.self, Export.self])

  public init() {}

  static func validated(_ id: String) throws {
    guard UsageEvent.isID(id) else {
      throw ValidationError("`\(id.prefix(80))` is not an installation id: expected 8–64 letters, digits, `-` or `_`, as the client sent it in `installation`.")
    }
  }

  /// Every inbox day's events, up to no date.
  static func inbox(_ store: Store) throws(AlmanacError) -> [(day: Day, events: [UsageEvent])] {
    try store.usageInboxDays().map { day throws(AlmanacError) in (day, try store.readUsageInbox(day)) }
  }

  public struct Forget: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
      commandName: "forget", abstract: "Delete an installation's events from the inbox and rebuild the aggregates of their days without them.")

    @Argument(help: ArgumentHelp("The installation id.", valueName: "id")) var id: String
    @OptionGroup(title: "Store") var options: StoreOptions

    public init() {}
    public func validate() throws { try UsageCommand.validated(id) }

    public func run() async throws {
      try await options.withStages { config, stages in
        let lock = try stages.store.lock(timeout: options.lockTimeout)
        defer { withExtendedLifetime(lock) {} }
        let k = config?.usage?.minGroupSize ?? Usage.defaultMinGroupSize
        var recomputed: [Day: [UsageDaily.Row]] = [:]
        var removed = 0
        for (day, events) in try UsageCommand.inbox(stages.store) {
          let kept = events.filter { $0.installation != id }
          guard kept.count < events.count else { continue }
          removed += events.count - kept.count
          _ = try stages.store.writeUsageInbox(day, kept)
          recomputed[day] = UsageDaily.day(day, events: kept, minGroupSize: k)
        }
        try UsageNightly().writeDaily(recomputed, stages: stages, replaceFewer: true)
        let oldest = stages.store.usageInboxDays().first.map { " Days before \($0) are held only as aggregates, which count no installation alone." } ?? ""
        stages.console.note(
          removed == 0
            ? "usage forget: the inbox holds no event of this installation; nothing changed.\(oldest)"
            : "usage forget: deleted \(removed) event(s) of the installation from \(recomputed.count) inbox day(s) and rebuilt their aggregates. Commit the stats directory to publish the rebuilt aggregates.\(oldest)")
      }
    }
  }

  public struct Export: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "export", abstract: "Print everything held about an installation as JSON.")

    @Argument(help: ArgumentHelp("The installation id.", valueName: "id")) var id: String
    @OptionGroup(title: "Store") var options: StoreOptions

    public init() {}
    public func validate() throws { try UsageCommand.validated(id) }

    public func run() async throws {
      try await options.withStages { _, stages in
        let events = try UsageCommand.inbox(stages.store).flatMap { $0.events.filter { $0.installation == id } }
        stages.console.data(CanonicalJSON.encode(.object([
          "installation": .string(id), "events": .array(events.map(\.json)),
          "aggregates": .string("Committed files hold only daily counts of cells with at least min_group_size installations; none names an installation."),
        ])))
      }
    }
  }
}
