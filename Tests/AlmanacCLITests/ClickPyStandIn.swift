import AlmanacKit
import Foundation

@testable import AlmanacCLI
import AlmanacTestSupport

/// A loopback stand-in for ClickPy's HTTP interface: each query answered by its table, in
/// JSONEachRow; `bad` replaces the answer of the query whose SQL contains `badFor`.
final class ClickPyStandIn: @unchecked Sendable {
  private let lock = NSLock()
  private var bad: (marker: String, response: FakeResponse)?
  let server: FakeAPIServer

  /// Answers every POST to `server`'s root.
  init(on server: FakeAPIServer) {
    self.server = server
    server.route("POST", "/") { self.respond($0) }
  }

  /// A `github-events` night of 2026-11-21 against the stand-in for octo/demo.
  func githubEventsNight(_ dir: TempDirectory, lookbackDays: Int) async throws -> SourceResult {
    let yaml = """
      targets:
        repos: [octo/demo]
      sources:
        github-events:
          endpoint: \(server.baseURL)
      """
    let config = try ConfigParser.parse(yaml, path: "almanac.yml")
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: Day("2026-11-21")!)
    return try await GitHubEventsNightly().night(Night(config: config, client: client(attempts: 1), stages: stages, lookbackDays: lookbackDays))
  }

  /// A `pypi` night of 2026-11-21 against the stand-in for `packages`, with the `reference`
  /// project of the freshness gate.
  func pypiNight(_ dir: TempDirectory, packages: [String] = ["tidewater"], reference: String = "requests", lookbackDays: Int)
    async throws -> (result: SourceResult, night: Night)
  {
    let yaml = """
      targets:
        packages: [\(packages.joined(separator: ", "))]
      sources:
        pypistats: {enabled: false}
        pypi:
          endpoint: \(server.baseURL)
          reference_project: \(reference)
      """
    let config = try ConfigParser.parse(yaml, path: "almanac.yml")
    let stages = Stages(store: Store(root: dir.file("stats")), console: Console(environment: [:], quiet: true), date: Day("2026-11-21")!)
    let night = Night(config: config, client: client(attempts: 1), stages: stages, lookbackDays: lookbackDays)
    return (try await PyPINightly().night(night), night)
  }

  func fail(_ marker: String, with response: FakeResponse) { lock.withLock { bad = (marker, response) } }

  func respond(_ request: FakeRequest) -> FakeResponse {
    let sql = request.bodyText
    if let bad = lock.withLock({ bad }), sql.contains(bad.marker) { return bad.response }
    let days = (16...20).map { "2026-11-\($0)" }
    func rows(_ row: (String) -> String) -> FakeResponse { .text(days.map(row).joined(separator: "\n") + "\n") }
    if sql.contains("repo_name_to_id") { return .text(#"{"repo_id":"515435940"}"# + "\n") }
    if sql.contains("AS stargazers") { return .text(#"{"stargazers":"42"}"# + "\n") }
    if sql.contains("release_tag_name AS tag") {
      return rows { #"{"date":"\#($0)","event_type":"ReleaseEvent","tag":"v1.0","events":"1","actors":"1"}"# }
    }
    if sql.contains("github.github_events") { return rows { #"{"date":"\#($0)","event_type":"WatchEvent","events":"3","actors":"3"}"# } }
    if sql.contains("ORDER BY date DESC LIMIT 1") { return .text(#"{"date":"2026-11-20","downloads":"90000000"}"# + "\n") }
    if sql.contains("by_installer_by_type_by_country") {
      return rows { #"{"date":"\#($0)","v":"1.0","i":"pip","t":"bdist_wheel","c":"US","downloads":"7"}"# }
    }
    if sql.contains("by_version_by_python") { return rows { #"{"date":"\#($0)","python_minor":"3.12","downloads":"7"}"# } }
    if sql.contains("by_version_by_system") { return rows { #"{"date":"\#($0)","system":"Linux","downloads":"7"}"# } }
    if sql.contains("pypi_downloads_per_day WHERE") { return rows { #"{"date":"\#($0)","downloads":"7"}"# } }
    if sql.contains("pypi.pypi_downloads WHERE") { return .text(#"{"downloads":"1234"}"# + "\n") }
    return .text(500, "Code: 60. DB::Exception: Table doesn't exist.")
  }
}

