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
}
