import AlmanacKit
import Foundation

extension UsageNightly {
  public func refusedFetchFlags(_ flags: FetchFlags) -> String? {
    if flags.output != nil { return "usage events never leave the inbox: `almanac fetch usage` reads them into stats/inbox/usage/, so -o does not apply" }
    if !flags.packages.isEmpty { return "usage reads the input `sources.usage.input` names, not packages" }
    if flags.requestInterval != nil { return "usage makes at most one request; --request-interval does not apply" }
    return nil
  }

  /// `almanac fetch usage`: the input into the inbox and tonight's intake row, under the store
  /// lock; `almanac aggregate --source usage` then recomputes the aggregates.
  public func fetch(_ r: FetchRequest) async throws {
    var config = r.config
    if let url = r.baseURL, var s = config.usage { s.input = url; config.usage = s }
    guard config.usageEnabled != nil else {
      throw AlmanacError.usage("no usage input: name it in \(r.configPath) (`sources.usage.input`: a directory of *.ndjson files, a glob, or a URL).")
    }
    let stages = r.stages(config)
    let lock = try stages.store.lock(timeout: r.lockTimeout)
    defer { withExtendedLifetime(lock) {} }
    guard try await readIntoInbox(Night(config: config, client: r.client(config), stages: stages)) != nil else {
      throw AlmanacError.sourceFailed(source: name, reason: "the input could not be read (see the warning above); the inbox and aggregates are unchanged")
    }
  }

  public func explain(_ c: Config, environment: [String: String]) -> [String] {
    guard let s = c.usage else { return [] }
    guard s.enabled else { return ["source usage: disabled"] }
    var what = s.inputIsURL ? "GET \(s.input)" : "files \(s.input)"
    if let variable = s.tokenEnv { what += "; token from $\(variable) (\((environment[variable] ?? "").isEmpty ? "not set — the night will fail until it is" : "set"))" }
    return [
      "source usage: \(what); events without `consent: true` dropped and counted, paths, tokens, emails, IPs and hosts scrubbed; "
        + "raw events only in the uncommitted inbox, daily aggregates with cells under \(s.minGroupSize) installations merged into `other`; \(s.inputIsURL ? 1 : 0) request(s) a night"
    ]
  }

  public func initSnippet(_ t: InitTargets) -> String {
    """
      usage:                        # opt-in usage events (docs/usage.md): consent enforced, PII scrubbed, only aggregates committed
        enabled: false              # point input at your events, then set true
        input: usage-events/        # a directory of *.ndjson, a glob, or an https:// URL serving NDJSON
        # token_env: USAGE_COLLECTOR_TOKEN   # with a URL: a bearer token sent only to its origin
        # min_group_size: 5         # k-anonymity: smaller cells are merged into `other`
    """
  }
}
