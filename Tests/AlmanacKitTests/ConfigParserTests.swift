import Testing

@testable import AlmanacKit

@Suite struct ConfigParserTests {
  static let path = "almanac.yml"

  static func parse(_ yaml: String) throws(ConfigError) -> Config { try ConfigParser.parse(yaml, path: path) }

  @Test func readsAFullConfig() throws {
    let config = try Self.parse("""
      # Almanac configuration
      version: 1
      stats_dir: data/stats
      targets:
        packages: [demo-pkg, Zope.Interface]
        repos: [octo-org/demo.py]
      sources:
        pypistats:
          enabled: true
          base_url: http://127.0.0.1:8080/api
          request_interval: 0.5
        github:
          enabled: false
          repo: octo-org/demo.py
      tokens:
        github: ALMANAC_GITHUB_TOKEN
        sentry: _SENTRY_TOKEN_2
      classification:
        mirrors: [bandersnatch, devpi]
      http:
        timeout: 10
        attempts: 2
        deadline: 120
        max_retry_wait: 0
        contact: ops@example.org
      render:
        badges: false
        report: true
        label_color: "555"
      retention:
        raw_days: 90

      """)
    var expected = Config()
    expected.statsDir = "data/stats"
    expected.packages = [try #require(PackageName("demo-pkg")), try #require(PackageName("zope-interface"))]
    expected.repos = ["octo-org/demo.py"]
    var pypistats = Config.PyPIStatsSource()
    pypistats.baseURL = "http://127.0.0.1:8080/api"
    pypistats.requestInterval = 0.5
    expected.pypistats = pypistats
    var github = Config.GitHubSource()
    github.enabled = false
    github.repos = ["octo-org/demo.py"]
    expected.github = github
    expected.tokens = ["github": "ALMANAC_GITHUB_TOKEN", "sentry": "_SENTRY_TOKEN_2"]
    expected.mirrorInstallers = ["bandersnatch", "devpi"]
    expected.http.timeout = 10
    expected.http.attempts = 2
    expected.http.deadline = 120
    expected.http.maxRetryWait = 0
    expected.http.contact = "ops@example.org"
    expected.render.badges = false
    expected.render.labelColor = "555"
    expected.retention.rawDays = 90
    #expect(config == expected)
    #expect(config.pypistatsPackages.map(\.normalized) == ["demo-pkg", "zope-interface"])
  }

  @Test func classificationNamesHumansAndClassesAdditively() throws {
    let config = try ConfigParser.parse(
      "targets:\n  packages: [demo-pkg]\nclassification:\n  human: [pip, uv, poetry]\n  classes: {my-proxy: mirror, Browser: unknown}\n",
      path: "almanac.yml")
    #expect(config.humanInstallers == ["pip", "uv", "poetry"])
    #expect(config.installerClasses == ["my-proxy": .mirror, "Browser": .unknown])
    #expect(config.mirrorInstallers == ["bandersnatch", "z3c.pypimirror", "Artifactory", "devpi"])
    let rules = config.installerRules
    #expect(rules.classOf("my-proxy") == .mirror)
    #expect(rules.classOf("Browser") == .unknown)
    #expect(rules.couldBeHuman("poetry"))
    #expect(try ConfigParser.parse("targets:\n  packages: [demo-pkg]\n", path: "a.yml").installerRules == InstallerRules())
  }

  @Test func theSmallestConfigWatchesItsPackagesOnPypistats() throws {
    let config = try Self.parse("targets:\n  packages: [demo-pkg]\n")
    #expect(config.pypistats == Config.PyPIStatsSource())
    #expect(config.pypistatsPackages.map(\.normalized) == ["demo-pkg"])
    #expect(config.statsDir == "stats")
    #expect(config.http == Config.HTTP())
    #expect(config.mirrorInstallers == ["bandersnatch", "z3c.pypimirror", "Artifactory", "devpi"])
  }

  @Test func aSourceCanNameItsOwnPackages() throws {
    let config = try Self.parse("""
      targets:
        packages: [demo-pkg]
      sources:
        pypistats:
          packages: [other_pkg, demo-pkg]

      """)
    #expect(config.pypistatsPackages.map(\.normalized) == ["other-pkg", "demo-pkg"])
    #expect(config.allPackages.map(\.normalized) == ["demo-pkg", "other-pkg"])
    let single = try Self.parse("targets: {}\nsources:\n  pypistats:\n    package: solo\n")
    #expect(single.pypistatsPackages.map(\.normalized) == ["solo"])
  }

  @Test func aDisabledSourceFetchesNothing() throws {
    let config = try Self.parse("targets:\n  packages: [demo-pkg]\nsources:\n  pypistats:\n    enabled: false\n")
    #expect(config.pypistats?.enabled == false)
    #expect(config.pypistatsPackages.isEmpty)
  }

  @Test func aDisabledSourceMayBeListedWithItsSettings() throws {
    let config = try Self.parse("targets:\n  packages: [demo-pkg]\nsources:\n  usage:\n    enabled: false\n    input: events/\n")
    #expect(config.pypistatsPackages.map(\.normalized) == ["demo-pkg"])
  }

  @Test func githubReposDefaultToTargetsAndProfilesAreOffUnlessAsked() throws {
    let config = try Self.parse("targets:\n  repos: [octo/demo]\nsources:\n  github:\n    stars: history\n")
    #expect(config.githubRepos == ["octo/demo"])
    #expect(config.github?.stars == "history")
    #expect(config.githubTokenVariable == "ALMANAC_GITHUB_TOKEN")
    #expect(config.privacy.profiles == .off)
    let own = try Self.parse("targets:\n  repos: [octo/demo]\nsources:\n  github:\n    repos: [octo/other]\nprivacy:\n  profiles: basic\ntokens:\n  github: READ_TOKEN\n")
    #expect(own.githubRepos == ["octo/other"])
    #expect(own.privacy.profiles == .basic)
    #expect(own.githubTokenVariable == "READ_TOKEN")
    let owned = try Self.parse("targets:\n  packages: [p]\nsources:\n  github:\n    owner: acme\n    exclude: [\"*-docs\"]\n    include_forks: true\n")
    #expect(owned.github?.discover?.owner == "acme")
    #expect(owned.github?.discover?.include == ["*"])
    #expect(owned.github?.discover?.exclude == ["*-docs"])
    #expect(owned.github?.discover?.forks == true)
    #expect(owned.githubEnabled)
    // Naming repositories alone does not start calling GitHub.
    #expect(try Self.parse("targets:\n  packages: [p]\n  repos: [octo/demo]\n").githubRepos.isEmpty)
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    var name: String
    var yaml: String
    var description: String
    var testDescription: String { name }
  }

  static let bad: [Bad] = [
    Bad(
      name: "unknown installer class",
      yaml: "targets:\n  packages: [demo-pkg]\nclassification:\n  classes:\n    my-proxy: mirrors\n",
      description: "almanac.yml:5: classification.classes.my-proxy: unknown class `mirrors` (did you mean `mirror`?); classes: installer, mirror, browser, http_client, os_packaging, build, unknown"),
    Bad(
      name: "package given as a list",
      yaml: "targets:\n  packages: [demo-pkg]\nsources:\n  pypistats:\n    package: [a, b]\n",
      description: "almanac.yml:5: sources.pypistats.package: expected a string, found a list"),
    Bad(
      name: "misspelt top-level key",
      yaml: "target:\n  packages: [demo-pkg]\n",
      description: "almanac.yml:1: target: unknown key (did you mean `targets`?); allowed here: alerts, classification, http, privacy, render, retention, sinks, sources, stats_dir, targets, tokens, version"),
    Bad(
      name: "misspelt nested key",
      yaml: "targets:\n  packages: [demo-pkg]\nhttp:\n  timeout: 5\n  atempts: 3\n",
      description: "almanac.yml:5: http.atempts: unknown key (did you mean `attempts`?); allowed here: attempts, contact, deadline, max_retry_wait, timeout"),
    Bad(
      name: "unknown key without a near name",
      yaml: "targets:\n  packages: [demo-pkg]\nrender:\n  colour_scheme: dark\n",
      description: "almanac.yml:4: render.colour_scheme: unknown key; allowed here: badges, cache_seconds, label_color, logo_color, named_logo, report"),
    Bad(
      name: "missing targets",
      yaml: "# settings\nsources:\n  pypistats:\n    package: demo-pkg\n",
      description: "almanac.yml:2: targets: is required: name at least one package (`targets: {packages: [your-package]}`)"),
    Bad(
      name: "empty file", yaml: "",
      description: "almanac.yml:1: is empty; it needs at least `targets.packages`. Run `almanac config example` for a starting point"),
    Bad(
      name: "only comments", yaml: "# nothing yet\n",
      description: "almanac.yml:1: is empty; it needs at least `targets.packages`. Run `almanac config example` for a starting point"),
    Bad(
      name: "a list at the top", yaml: "- demo-pkg\n",
      description: "almanac.yml:1: expected a mapping of keys, found a list"),
    Bad(
      name: "bad package name",
      yaml: "targets:\n  packages:\n    - demo-pkg\n    - demo pkg\n",
      description: "almanac.yml:4: targets.packages[1]: `demo pkg` is not a PyPI project name: letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit"),
    Bad(
      name: "package listed twice",
      yaml: "targets:\n  packages: [demo-pkg, Demo_Pkg]\n",
      description: "almanac.yml:2: targets.packages[1]: `demo-pkg` is listed twice"),
    Bad(
      name: "packages as a string",
      yaml: "targets:\n  packages: demo-pkg\n",
      description: "almanac.yml:2: targets.packages: expected a list of package names (`[demo-pkg]`), found a string"),
    Bad(
      name: "bad repo", yaml: "targets:\n  packages: [demo-pkg]\n  repos: [octo]\n",
      description: "almanac.yml:3: targets.repos[0]: expected `owner/name`, found `octo`"),
    Bad(
      name: "GitHub token pasted", yaml: "targets:\n  packages: [demo-pkg]\ntokens:\n  github: ghp_16C7e42F292c6912E7710c838347Ae178B4a\n",
      description: "almanac.yml:4: tokens.github: expected the name of an environment variable (like ALMANAC_GITHUB_TOKEN), not a token; tokens never go in this file"),
    Bad(
      name: "fine-grained token pasted", yaml: "targets:\n  packages: [demo-pkg]\ntokens:\n  github: github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz\n",
      description: "almanac.yml:4: tokens.github: expected the name of an environment variable (like ALMANAC_GITHUB_TOKEN), not a token; tokens never go in this file"),
    Bad(
      name: "token with punctuation", yaml: "targets:\n  packages: [demo-pkg]\ntokens:\n  sentry: abc.def-123\n",
      description: "almanac.yml:4: tokens.sentry: expected the name of an environment variable (like ALMANAC_GITHUB_TOKEN), not a token; tokens never go in this file"),
    Bad(
      name: "variable written with a dollar", yaml: "targets:\n  packages: [demo-pkg]\ntokens:\n  github: $GITHUB_TOKEN\n",
      description: "almanac.yml:4: tokens.github: write the variable's name without `$`: GITHUB_TOKEN"),
    Bad(
      name: "github repo not owner/name", yaml: "targets:\n  packages: [demo-pkg]\nsources:\n  github:\n    repo: octo\n",
      description: "almanac.yml:5: sources.github.repo: expected `owner/name`, found `octo`"),
    Bad(
      name: "privacy profiles level", yaml: "targets:\n  packages: [demo-pkg]\nprivacy:\n  profiles: everything\n",
      description: "almanac.yml:4: privacy.profiles: expected `off`, `basic` (followers, public repos, account age, company, location) or `full` (also contact data), found `everything`"),
    Bad(
      name: "github globs without an owner", yaml: "targets:\n  packages: [demo-pkg]\nsources:\n  github:\n    include: [\"lib-*\"]\n",
      description: "almanac.yml:5: sources.github.include: chooses among an owner's repositories; name the owner with `owner:`"),
    Bad(
      name: "github stars mode", yaml: "targets:\n  packages: [demo-pkg]\nsources:\n  github:\n    stars: all\n",
      description: "almanac.yml:5: sources.github.stars: expected `list` (dated stargazers), `graphql` (dated, over GraphQL), `history` (weekly counts) or `count`, found `all`"),
    Bad(
      name: "usage enabled without an input", yaml: "targets:\n  packages: [demo-pkg]\nsources:\n  usage:\n    enabled: true\n",
      description: "almanac.yml:5: sources.usage: names no input: add `input: usage-events/` (a directory, a glob like `events/*.ndjson`, or an https:// URL serving NDJSON), or set `enabled: false`"),
    Bad(
      name: "sentry without org", yaml: "targets:\n  packages: [demo-pkg]\nsources:\n  sentry:\n    projects: [web]\n",
      description: "almanac.yml:5: sources.sentry: names no organisation: add `org: your-org` (the slug in sentry.io/organizations/<slug>/), or set `enabled: false`"),
    Bad(
      name: "sentry project with a slash", yaml: "targets:\n  packages: [demo-pkg]\nsources:\n  sentry:\n    org: acme\n    projects: [\"../web\"]\n",
      description: "almanac.yml:6: sources.sentry.projects[0]: expected a project slug (lower case letters, digits, `-`, `_`), found `../web`"),
    Bad(
      name: "sentry lookback past retention", yaml: "targets:\n  packages: [demo-pkg]\nsources:\n  sentry:\n    org: acme\n    projects: [web]\n    lookback_days: 365\n",
      description: "almanac.yml:7: sources.sentry.lookback_days: expected a number from 1 to 90, found 365"),
    Bad(
      name: "plausible without sites", yaml: "targets:\n  packages: [demo-pkg]\nsources:\n  plausible:\n    enabled: true\n",
      description: "almanac.yml:5: sources.plausible: names no site: add `sites: [docs.example.org]` (the site ids in your Plausible dashboard), or set `enabled: false`"),
    Bad(
      name: "plausible site with a scheme", yaml: "targets:\n  packages: [demo-pkg]\nsources:\n  plausible:\n    sites: [\"https://docs.example.org\"]\n",
      description: "almanac.yml:5: sources.plausible.sites[0]: expected a site id as Plausible shows it (a domain like docs.example.org, lower case, no scheme or path), found `https://docs.example.org`"),
    Bad(
      name: "plausible site that climbs out of the store", yaml: "targets:\n  packages: [demo-pkg]\nsources:\n  plausible:\n    sites: [\"../../etc\"]\n",
      description: "almanac.yml:5: sources.plausible.sites[0]: expected a site id as Plausible shows it (a domain like docs.example.org, lower case, no scheme or path), found `../../etc`"),
    Bad(
      name: "plausible key in the file", yaml: "targets:\n  packages: [demo-pkg]\nsources:\n  plausible:\n    sites: [docs.example.org]\n    key_env: \"abc def\"\n",
      description: "almanac.yml:6: sources.plausible.key_env: expected the name of an environment variable (like PLAUSIBLE_API_KEY), not a key; keys never go in this file"),
    Bad(
      name: "plausible api v3", yaml: "targets:\n  packages: [demo-pkg]\nsources:\n  plausible:\n    sites: [docs.example.org]\n    api: v3\n",
      description: "almanac.yml:6: sources.plausible.api: expected `v1` (GET /api/v1/stats/…) or `v2` (POST /api/v2/query), found `v3`; both give the same records; plausible.io serves both, an older self-hosted instance only v1"),
    Bad(
      name: "plausible top pages", yaml: "targets:\n  packages: [demo-pkg]\nsources:\n  plausible:\n    sites: [docs.example.org]\n    top_pages: 0\n",
      description: "almanac.yml:6: sources.plausible.top_pages: expected a number from 1 to 1000, found 0"),
    Bad(
      name: "unknown source", yaml: "targets:\n  packages: [demo-pkg]\nsources:\n  pypistat:\n    package: demo-pkg\n",
      description: "almanac.yml:4: sources.pypistat: unknown source (did you mean `pypistats`?); known sources: pypistats, pypi, github, github-events, plausible, sentry, reddit, usage"),
    Bad(
      name: "unknown far source", yaml: "targets:\n  packages: [demo-pkg]\nsources:\n  npm: {}\n",
      description: "almanac.yml:4: sources.npm: unknown source; known sources: pypistats, pypi, github, github-events, plausible, sentry, reddit, usage"),
    Bad(
      name: "timeout zero", yaml: "targets:\n  packages: [demo-pkg]\nhttp:\n  timeout: 0\n",
      description: "almanac.yml:4: http.timeout: expected a number from 1 to 600, found 0"),
    Bad(
      name: "too many attempts", yaml: "targets:\n  packages: [demo-pkg]\nhttp: {attempts: 11}\n",
      description: "almanac.yml:3: http.attempts: expected a number from 1 to 10, found 11"),
    Bad(
      name: "fractional timeout", yaml: "targets:\n  packages: [demo-pkg]\nhttp:\n  timeout: 2.5\n",
      description: "almanac.yml:4: http.timeout: expected a whole number, found a number"),
    Bad(
      name: "negative interval", yaml: "targets:\n  packages: [demo-pkg]\nsources:\n  pypistats:\n    request_interval: -0.5\n",
      description: "almanac.yml:5: sources.pypistats.request_interval: expected a number from 0 to 60, found -0.5"),
    Bad(
      name: "interval as text", yaml: "targets:\n  packages: [demo-pkg]\nsources:\n  pypistats:\n    request_interval: fast\n",
      description: "almanac.yml:5: sources.pypistats.request_interval: expected a number, found a string"),
    Bad(
      name: "negative retention", yaml: "targets:\n  packages: [demo-pkg]\nretention:\n  raw_days: -1\n",
      description: "almanac.yml:4: retention.raw_days: expected a number from 0 to 100000, found -1"),
    Bad(
      name: "both package and packages",
      yaml: "targets: {}\nsources:\n  pypistats:\n    package: a\n    packages: [b]\n",
      description: "almanac.yml:5: sources.pypistats.packages: give either `package` or `packages`, not both"),
    Bad(
      name: "no package anywhere", yaml: "targets:\n  repos: [octo/demo]\nsources:\n  pypistats: {}\n",
      description: "almanac.yml:2: targets.packages: names no package, and `sources.pypistats` names none either"),
    Bad(
      name: "nothing to watch", yaml: "targets: {}\n",
      description: "almanac.yml:1: targets: names nothing to watch: add `packages: [your-package]`"),
    Bad(
      name: "newer config version", yaml: "version: 2\ntargets:\n  packages: [demo-pkg]\n",
      description: "almanac.yml:1: version: this Almanac reads config version 1, found 2; upgrade Almanac"),
    Bad(
      name: "config version zero", yaml: "version: 0\ntargets:\n  packages: [demo-pkg]\n",
      description: "almanac.yml:1: version: expected 1 (the only config version), found 0"),
    Bad(
      name: "config version as text", yaml: "version: one\ntargets:\n  packages: [demo-pkg]\n",
      description: "almanac.yml:1: version: expected a whole number, found a string"),
    Bad(
      name: "enabled is not a boolean", yaml: "targets:\n  packages: [demo-pkg]\nsources:\n  pypistats:\n    enabled: sometimes\n",
      description: "almanac.yml:5: sources.pypistats.enabled: expected true or false, found a string"),
    Bad(
      name: "null stats_dir", yaml: "stats_dir:\ntargets:\n  packages: [demo-pkg]\n",
      description: "almanac.yml:1: stats_dir: expected a string, found nothing (null)"),
    Bad(
      name: "empty quoted string", yaml: "stats_dir: \"\"\ntargets:\n  packages: [demo-pkg]\n",
      description: "almanac.yml:1: stats_dir: expected a string, found an empty value"),
    Bad(
      name: "bad base URL", yaml: "targets:\n  packages: [demo-pkg]\nsources:\n  pypistats:\n    base_url: ftp://example.org\n",
      description: "almanac.yml:5: sources.pypistats.base_url: expected an http(s) URL, found `ftp://example.org`"),
    Bad(
      name: "bad label color", yaml: "targets:\n  packages: [demo-pkg]\nrender:\n  label_color: rainbow\n",
      description: "almanac.yml:4: render.label_color: expected a shields color name (blue, grey, …) or a hex color like 555, found `rainbow`"),
    Bad(
      name: "sources as a list", yaml: "targets:\n  packages: [demo-pkg]\nsources:\n  - pypistats\n",
      description: "almanac.yml:4: sources: expected a mapping of keys, found a list"),
    Bad(
      name: "key given twice", yaml: "targets:\n  packages: [demo-pkg]\nhttp:\n  timeout: 5\n  timeout: 6\n",
      description: "almanac.yml:4: the key `timeout` appears twice in the same mapping"),
  ]

  @Test(arguments: bad)
  func explainsWhatIsWrongWhere(_ c: Bad) {
    do {
      _ = try Self.parse(c.yaml)
      Issue.record("parsed without an error")
    } catch {
      #expect(error.description == c.description)
    }
  }

  @Test func neverRepeatsAPastedTokenInTheError() {
    let token = "ghp_16C7e42F292c6912E7710c838347Ae178B4a"
    do {
      _ = try Self.parse("targets:\n  packages: [demo-pkg]\ntokens:\n  github: \(token)\n")
      Issue.record("accepted a token")
    } catch {
      #expect(!error.description.contains(token))
      #expect(!error.description.contains("16C7e42F"))
    }
  }

  @Test func reportsTheLineOfInvalidYAML() {
    do {
      _ = try Self.parse("targets:\n  packages: [demo-pkg\nhttp:\n  timeout: 5\n")
      Issue.record("parsed broken YAML")
    } catch {
      #expect(error.line == 3)
      #expect(error.keyPath == "")
      #expect(error.description.hasPrefix("almanac.yml:3: is not valid YAML ("))
    }
  }

  @Test func reportsTheLineOfBadIndentation() {
    do {
      _ = try Self.parse("targets:\n  packages: [demo-pkg]\n http:\n")
      Issue.record("parsed broken YAML")
    } catch {
      #expect(error.line == 3)
      #expect(error.description.hasPrefix("almanac.yml:3: is not valid YAML ("))
    }
  }

  @Test func describesAnErrorWithoutALineOrKey() {
    #expect(ConfigError(path: "a.yml", line: nil, keyPath: "", problem: "is empty").description == "a.yml: is empty")
    #expect(ConfigError(path: "a.yml", line: 7, keyPath: "http.timeout", problem: "too long").description == "a.yml:7: http.timeout: too long")
  }

  @Test(arguments: [("", "", 0), ("abc", "", 3), ("", "ab", 2), ("kitten", "sitting", 3), ("targets", "target", 1), ("same", "same", 0)])
  func measuresEditDistance(_ a: String, _ b: String, _ distance: Int) {
    #expect(editDistance(a, b) == distance)
    #expect(editDistance(b, a) == distance)
  }
}
