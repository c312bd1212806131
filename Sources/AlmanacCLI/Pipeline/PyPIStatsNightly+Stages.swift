import AlmanacKit
import Foundation

extension Config.PyPIStatsSource: NightlySourceSection {
  public static var nightly: any NightlySource { PyPIStatsNightly() }
}

/// pypistats in the stage commands: `fetch` (with `--package`, `--base-url`,
/// `--request-interval`, `-o`), records from raw, the series and seed exports, `config check`
/// and the `init` block.
extension PyPIStatsNightly {
  public func fetch(_ r: FetchRequest) async throws {
    var config = r.config
    if !r.packages.isEmpty {
      var s = config.pypistats ?? .init()
      s.enabled = true
      s.packages = r.packages
      config.pypistats = s
    }
    if let baseURL = r.baseURL { config.pypistats = { var s = $0 ?? .init(); s.baseURL = baseURL; return s }(config.pypistats) }
    if let interval = r.requestInterval { config.pypistats = { var s = $0 ?? .init(); s.requestInterval = interval; return s }(config.pypistats) }
    guard !config.pypistatsPackages.isEmpty else {
      throw AlmanacError.usage("no package to fetch: pass --package NAME or name packages in \(r.configPath) (`targets.packages`).")
    }
    let client = r.client(config)
    let stages = r.stages(config)
    let lock = r.output == nil ? try stages.store.lock(timeout: r.lockTimeout) : nil
    let snapshot = try await Nightly.fetch(config: config, client: client, stages: stages, output: r.output)
    withExtendedLifetime(lock) {}
    try Nightly.exitStatus(snapshot)
  }

  public func normalize(_ raw: RawSnapshot, path: String) -> (records: RecordSet, diagnostics: [Diagnostic]) {
    PyPIStats.normalize(raw, path: path)
  }

  public func aggregate(_ stages: Stages, config: Config?, rebuild: Bool) throws(AlmanacError) {
    let (series, revisions) = try stages.mergeStored(source: name, rebuild: rebuild, outages: true)
    stages.reportRevisions(revisions)
    _ = try stages.writeAggregates(series: series, source: name, configured: config?.allPackages.map(\.normalized) ?? [])
  }

  public func explain(_ c: Config, environment: [String: String]) -> [String] {
    guard let p = c.pypistats else { return [] }  // not configured: nothing to explain
    guard p.enabled else { return ["source pypistats: disabled"] }
    let n = c.pypistatsPackages.count * PyPIStats.endpoints.count
    return ["source pypistats: \(c.pypistatsPackages.map(\.normalized).joined(separator: ", ")) — \(n) requests a night, \(CanonicalJSON.number(p.requestInterval)) s apart, from \(p.baseURL)"]
  }

  public func initSnippet(_ t: InitTargets) -> String {
    let state = !t.packages.isEmpty ? "enabled: true" : "enabled: false              # name a package in targets.packages, then set true"
    return """
        pypistats:                    # pypistats.org: daily downloads by Python version and OS, 181 days
          \(state)
          # packages: [other-package] # default: targets.packages
          # base_url: https://pypistats.org/api
          request_interval: 2.5       # seconds between requests; pypistats.org allows 30/minute per IP
      """
  }
}
