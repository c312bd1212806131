import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

@Suite struct ConfigCommands {
  @Test func theExampleConfigIsValid() throws {
    let config = try ConfigParser.parse(ConfigExample.text, path: "example.yml")
    #expect(config.packages.map(\.normalized) == ["your-package"])
    #expect(config.pypistats?.requestInterval == 2.5)
  }

  @Test func checkExplainsWhatANightWillDoWithoutPrintingTokens() throws {
    let yaml = "targets:\n  packages: [Tidewater]\nsources:\n  pypistats: {request_interval: 3}\ntokens:\n  github: GH_TOKEN\n"
    let config = try ConfigParser.parse(yaml, path: "almanac.yml")
    let text = ConfigCommand.Check.explain(config, path: "almanac.yml", environment: ["GH_TOKEN": "ghp_abcdef0123"])
    #expect(text == """
      almanac.yml is valid.
        packages: tidewater
        source pypistats: tidewater — 4 requests a night, 3 s apart, from https://pypistats.org/api
        token github: from $GH_TOKEN (set)
        store: stats/; raw snapshots kept forever
        http: 30 s per request, 4 attempts, 600 s per source, server-requested waits up to 120 s
        render: badges on, REPORT.md on

      """)
  }

  @Test func checkExplainsTheGitHubSource() throws {
    let yaml = "targets:\n  repos: [octo/demo]\nsources:\n  github:\n    owner: octo\n    exclude: [\"*-old\"]\n"
    let text = ConfigCommand.Check.explain(try ConfigParser.parse(yaml, path: "almanac.yml"), path: "almanac.yml", environment: [:])
    #expect(text.contains("\n  source github: octo/demo and octo's repositories matching * except *-old — stars: list, traffic on, forks on, releases on, profiles: off; token from $ALMANAC_GITHUB_TOKEN, from https://api.github.com\n"))
    let off = ConfigCommand.Check.explain(try ConfigParser.parse("targets:\n  repos: [octo/demo]\n", path: "almanac.yml"), path: "almanac.yml", environment: [:])
    #expect(off.contains("\n  source github: disabled (add `sources.github` to fetch the repositories)\n"))
  }

  /// Issue 9 point 13: every enabled source is explained, the ClickHouse ones with endpoint, user,
  /// database, password variable (never its value), lookback and reference project.
  @Test func checkExplainsTheClickHouseSources() throws {
    let yaml = """
      targets:
        packages: [tidewater]
        repos: [octo/demo]
      sources:
        pypistats: {enabled: false}
        pypi:
          endpoint: https://ch.example.com:8443
          user: reader
          password_env: CH_PASSWORD
          reference_project: numpy
          trailing_days: 5
          max_lag_days: 4
          min_reference_downloads: 250000
        github-events:
          personal_data: false
      """
    let text = ConfigCommand.Check.explain(try ConfigParser.parse(yaml, path: "almanac.yml"), path: "almanac.yml", environment: ["CH_PASSWORD": "s3cret-pw"])
    #expect(!text.contains("s3cret-pw"))
    #expect(text.contains("\n  source pypistats: disabled\n"))
    #expect(text.contains("\n  source pypi: tidewater from https://ch.example.com:8443 as user reader (password from $CH_PASSWORD (set)), database pypi; a first night asks the last 5 days (more with --lookback-days), later nights the days after the newest held plus the last 5 again; freshness: reference project numpy must have a day at most 4 days old with at least 250,000 downloads; pypistats.org compared within 5%\n"), "\(text)")
    #expect(text.contains("\n  source github-events: octo/demo from https://sql-clickhouse.clickhouse.com as user demo (no password), database github; a first night asks the last 3 days (more with --lookback-days), later nights the days after the newest held plus the last 3 again, up to yesterday; logins of forkers and releasers not asked for (personal_data: false)\n"), "\(text)")
  }

  @Test func checkNeverInventsASourceThatIsNotConfigured() throws {
    let yaml = "targets: {}\nsources:\n  plausible:\n    sites: [docs.example.org]\n"
    let text = ConfigCommand.Check.explain(try ConfigParser.parse(yaml, path: "almanac.yml"), path: "almanac.yml", environment: [:])
    let sources = text.split(separator: "\n").filter { $0.hasPrefix("  source ") }
    #expect(sources.count == 1, "\(text)")
    #expect(sources.first?.hasPrefix("  source plausible: docs.example.org") == true)
  }
}
