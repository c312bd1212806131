import AlmanacKit

/// The text of every file `almanac init` writes, and what it prints. One place for each, so the
/// repository's own `almanac.yml`, `stats/README.md` and nightly workflow are checked against
/// them (`almanac config example` prints the same configuration too).
enum InitTemplates {
  /// Where the composite action lives; other repositories write `uses: <this>@v1`.
  static let actionRepository = "almanac-stats/almanac"
  static let actionReference = "\(actionRepository)@v1"
  /// The secret (and environment variable) holding the token the GitHub source reads.
  static let tokenVariable = "ALMANAC_GITHUB_TOKEN"
  /// Every night at 03:23 UTC: an off-hour minute, away from the top-of-hour rush.
  static let cron = "23 3 * * *"
  static let workflowPath = ".github/workflows/almanac.yml"

  typealias Targets = InitTargets

  // MARK: almanac.yml

  static func config(_ t: Targets) -> String {
    """
    # almanac.yml — what Almanac watches and how. Check it with `almanac config check`.
    # Every source is listed; the planned ones are accepted only with `enabled: false` until the
    # version of Almanac that ships them.
    version: 1

    # Where the dated files go (committed to git).
    stats_dir: \(scalar(t.statsDir))

    targets:
    \(packagesLine(t.packages))
    \(reposLine(t.repos))

    sources:
    \(sourceBlocks(t))

    # Tokens are read from environment variables named here; never put a token in this file.
    \(tokensLines(hasRepos: !t.repos.isEmpty))

    classification:
      # pypistats.org's own mirror list; its without_mirrors series excludes exactly these.
      mirrors: [bandersnatch, z3c.pypimirror, Artifactory, devpi]
      # ClickHouse source: installers whose downloads could have been a person (an upper bound;
      # CI runs them too). Every other installer counts as a bot.
      human: [pip, uv]
      # Classes for installer names the built-in table lacks (installer, mirror, browser,
      # http_client, os_packaging, build, unknown), e.g. {my-proxy: mirror}.
      classes: {}

    http:
      timeout: 30                   # whole seconds per request
      attempts: 4                   # tries per request (5xx, 429 and network errors are retried)
      deadline: 600                 # seconds per source, waits included
      max_retry_wait: 120           # longest Retry-After Almanac will honour
      # contact: you@example.org    # added to the User-Agent

    render:
      badges: true
      report: true
      label_color: grey
      cache_seconds: 3600           # how long shields.io may cache a badge (300 or more)
      # named_logo: python          # a simple-icons slug drawn by shields left of the label
      # logo_color: white           # only with named_logo

    retention:
      raw_days: 0                   # 0 keeps raw snapshots in the working tree forever

    """
  }

  private static func packagesLine(_ packages: [String]) -> String {
    padded("  packages: \(list(packages))", "# PyPI project names; the first is the primary one")
  }

  private static func reposLine(_ repos: [String]) -> String {
    padded(repos.isEmpty ? "  # repos: [owner/name]" : "  repos: \(list(repos))", "# GitHub repositories (sources.github)")
  }

  /// Every registered source's own block (`NightlySource.initSnippet`), then the planned ones,
  /// switched off.
  private static func sourceBlocks(_ t: Targets) -> String {
    let planned = SourceCatalog.planned.compactMap { name in plannedSnippets(t)[name] }
    return (NightlySources.all.map { $0.initSnippet(t) } + (planned.isEmpty ? [] : ["  # Planned sources:"] + planned)).joined(separator: "\n")
  }

  /// The blocks of the sources accepted only with `enabled: false`; a source's block moves to
  /// its own folder when it ships.
  private static func plannedSnippets(_ t: Targets) -> [String: String] {
    [:]
  }

  private static func tokensLines(hasRepos: Bool) -> String {
    guard hasRepos else { return "tokens: {}                      # github: \(tokenVariable), once you name repos" }
    return """
      # The workflow passes the \(tokenVariable) secret in; only the GitHub sources read it.
      tokens:
        github: \(tokenVariable)
      """
  }

  /// A flow list of plain or quoted scalars: `[demo, "true"]`.
  private static func list(_ items: [String]) -> String { "[" + items.map(scalar).joined(separator: ", ") + "]" }

  /// A YAML scalar that reads back as this exact string: plain when that is safe, else quoted.
  static func scalar(_ s: String) -> String {
    let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"]
    let safe = s.first.map { $0.isASCII && $0.isLetter } == true && !reserved.contains(s.lowercased())
      && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./".contains($0)) }
    return safe ? s : "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }

  /// `text` with `comment` aligned at column 33, like the rest of the file.
  static func padded(_ text: String, _ comment: String) -> String {
    text + String(repeating: " ", count: max(1, 32 - text.count)) + comment
  }

  // MARK: .github/workflows/almanac.yml

  /// The nightly workflow; `action` is `almanac-stats/almanac@v1`, or `./` in Almanac's own
  /// repository. With `pages`, a second job publishes the HTML report to GitHub Pages; without,
  /// the report is kept as a run artifact for 14 days. Either way it is never committed.
  /// `secrets`: the variables enabled sources read their credentials from (`secretEnv`), each
  /// passed from the repository secret of the same name.
  static func workflow(action: String, pages: Bool, secrets: [(source: String, variable: String)] = []) -> String {
    let passed = secrets.map { "\n          # \($0.source) reads it.\n          \($0.variable): ${{ secrets.\($0.variable) }}" }.joined()
    let publish = pages
      ? """
            - uses: actions/upload-pages-artifact@v3
              with:
                path: _site

        # Publishes the HTML report; the only job that may write to Pages.
        pages:
          needs: stats
          runs-on: ubuntu-24.04
          timeout-minutes: 10
          permissions:
            pages: write
            id-token: write
          environment:
            name: github-pages
            url: ${{ steps.deployment.outputs.page_url }}
          steps:
            - id: deployment
              uses: actions/deploy-pages@v4

      """
      : """
            # The HTML report, for 14 days (run `almanac init --pages` to publish it instead).
            - uses: actions/upload-artifact@v4
              with:
                name: almanac-report
                path: _site
                retention-days: 14

      """
    return """
      # Almanac: every night, collect this project's adoption statistics into dated files and commit
      # them. Written by `almanac init`; see https://github.com/\(actionRepository)#run-it-every-night
      name: almanac

      on:
        schedule:
          - cron: '\(cron)'        # 03:23 UTC: an off-hour minute (GitHub may delay scheduled runs)
        workflow_dispatch:            # run it now from the Actions tab

      # No permission unless a job asks for it.
      permissions: {}

      # One run at a time; a new run waits instead of cancelling one that is committing.
      concurrency:
        group: almanac
        cancel-in-progress: false

      jobs:
        stats:
          runs-on: ubuntu-24.04
          timeout-minutes: 60
          # The workflow's own GITHUB_TOKEN is used only to push the night's commit.
          permissions:
            contents: write
          steps:
            - uses: actions/checkout@v5
            - uses: \(action)
              with:
                config: almanac.yml
                site-dir: _site              # the HTML report: published, never committed
                # data-branch: almanac-data  # keep the stats off the default branch
                # date: '2026-11-22'         # default: today in UTC
                # commit-message: 'stats: {date} — {figures}'
              env:
                # Read by the GitHub sources: traffic needs more than GITHUB_TOKEN may do (see the README).
                \(tokenVariable): ${{ secrets.\(tokenVariable) }}\(passed)
      \(publish)
      """
  }

  /// The credential variables of the sources `config` enables, in report order, each once
  /// (the GitHub token is always passed); a name GitHub refuses for a secret (`GITHUB_*`) is
  /// left out.
  static func secretEnv(_ config: Config) -> [(source: String, variable: String)] {
    var seen: Set<String> = [tokenVariable]
    return NightlySources.all.filter { $0.isEnabled(in: config) }.flatMap { source in
      source.secretVariables(config).filter { !$0.uppercased().hasPrefix("GITHUB_") && seen.insert($0).inserted }.map { (source.name, $0) }
    }
  }

  // MARK: stats/README.md

  /// For people browsing the stats directory of a repository that uses Almanac.
  static func statsReadme(directory: String = "stats") -> String {
    """
    # \(directory)/

    This directory is written by [Almanac](https://github.com/\(actionRepository)) every night;
    please do not edit it by hand (Almanac refuses to overwrite a file it cannot parse, and says so).
    Git history is the archive: `git log -p \(directory)/series` shows how each day's figures arrived and
    were revised.

    | path | what it is |
    |---|---|
    | `REPORT.md` | the summary to read first |
    | `alerts.json` | alerts raised by the rules in `almanac.yml` (`alerts:`), open and closed, with when they opened, closed and peaked |
    | `badges/*.svg` | README badges (downloads; the human share when the `pypi` source runs); `badges/*.json` are shields.io endpoint files |
    | `summary.json`, `download_summary.json` | latest figures of the primary package (`package`, `timestamp`, `total_downloads`, `average_daily`, `top_versions`, `top_systems`); `summary.json` adds a section per other source |
    | `downloads_<date>.csv` / `.json` | that night's snapshot: the daily series (`date,downloads,category`) and its totals |
    | `series/<source>/<package>.csv` | full daily history, one row per date, dimension and category |
    | `records/<source>/<date>.csv` | what one night's snapshot said, as canonical rows |
    | `records/pypi/<date>.detail.csv` | the `pypi` source's downloads per day × version × installer × type × country |
    | `classified/<source>/<date>.csv` | the same reduced to classes (pypistats: mirror, non_mirror; pypi: installer classes, could-be-human, the behind-proxy estimate) |
    | `raw/<source>/<date>.json` | the API's answers that night, verbatim |
    | `…/<date>.json.delta`, `…/<date>.csv.delta` | a later night of the year under `raw/`, `records/` or `classified/`: the rows that changed since the file before it (a month's first night: since the previous month's first; `+` lines are new rows, `&` and `%` lines a row repeated with other numbers); Almanac reads it as the whole file |

    Almanac's CSV files start with their header: `pandas.read_csv(path)` and `duckdb.read_csv(path)`
    read them with no options. A records file's snapshot is the date in its name; an unknown Python
    version or system is the category `unknown`. Dates are UTC days.
    pypistats.org counts exclude mirrors and include CI and bots; the `pypi` source (ClickHouse) counts every
    installer and splits them into classes.

    """
  }

  // MARK: What init prints

  /// The secrets to add and why, then what to do next.
  static func nextSteps(written: [String], repos: [String], pages: Bool = false) -> String {
    let scope = repos.isEmpty ? "the repositories you will name in targets.repos" : repos.joined(separator: ", ")
    let report = pages
      ? """
        The HTML report: turn on GitHub Pages with source "GitHub Actions" (Settings → Pages);
        the workflow's `pages` job publishes the report there every night.
        """
      : """
        The HTML report is kept as a run artifact for 14 days; `almanac init --pages --force`
        publishes it to GitHub Pages instead.
        """
    return """
      Wrote \(written.joined(separator: ", ")).

      Secrets: the nightly job uses two tokens, each with the least privilege it needs.

        \(tokenVariable)  add it under Settings → Secrets and variables → Actions.
          GitHub's traffic API (views, clones, referrers) answers only a token that may administer
          the repository, which the workflow's own token never can. Use a fine-grained personal
          access token with "Administration: Read-only" on \(scope), or a classic one with the
          `repo` scope. Only the GitHub source reads it (once `sources.github` is on);
          pypistats.org needs no token, so tonight's run works without it.
        GITHUB_TOKEN  nothing to add: the workflow's own token, limited to `contents: write`, is
          used only to push the night's commit. It cannot read traffic.

      Next: commit these files and push. The job runs every night at 03:23 UTC; start the first
      run now from the Actions tab (almanac → Run workflow). pypistats.org's whole 181-day window
      is fetched every night, so the first run already holds half a year of history.

      \(report)

      """
  }
}
