import AlmanacKit
import Foundation

/// What a night tells the people who did not watch it: the commit message, the Markdown summary
/// of the workflow run (`$GITHUB_STEP_SUMMARY`) and the step's outputs (`$GITHUB_OUTPUT`).
/// Pure: the same night gives the same text.
public struct RunSummary: Sendable {
  public var date: Day
  public var outcome: Nightly.Outcome
  public var results: [SourceResult]
  public var renderings: [SourceRendering]
  /// Files written (changed) under the store tonight.
  public var changedFiles: [String]
  public var warnings: [String]
  public var errors: [String]
  /// The alerts' part of the step summary (`AlertReport.stepSummary`), empty without rules.
  public var alerts: String
  /// `alerts-open`, `alerts-opened`, `alerts-closed` (`AlertReport.outputs`), empty without rules.
  public var alertOutputs: [(key: String, value: String)]

  /// GitHub refuses a step summary over 1 MiB; stay well under it.
  public static let stepSummaryLimit = 1_000_000

  public init(
    date: Day, outcome: Nightly.Outcome, results: [SourceResult], renderings: [SourceRendering],
    changedFiles: [String], warnings: [String] = [], errors: [String] = [], alerts: String = "",
    alertOutputs: [(key: String, value: String)] = []
  ) {
    self.date = date
    self.outcome = outcome
    self.results = results
    self.renderings = renderings
    self.changedFiles = changedFiles
    self.warnings = warnings
    self.errors = errors
    self.alerts = alerts
    self.alertOutputs = alertOutputs
  }

  public var headlines: [String] { renderings.flatMap(\.headlines) }

  /// `stats: 2026-11-22 — 1,234 downloads (+8%), 3 new stars`; just `stats: 2026-11-22` when no
  /// source has a figure yet.
  public var commitSubject: String { commitSubject(template: nil) }

  /// The subject from a template: `{date}` becomes the as-of day, `{figures}` the headlines
  /// (or "no new figures").
  public func commitSubject(template: String?) -> String {
    guard let template else {
      return headlines.isEmpty ? "stats: \(date)" : "stats: \(date) — \(headlines.joined(separator: ", "))"
    }
    let figures = headlines.isEmpty ? "no new figures" : headlines.joined(separator: ", ")
    return template.replacingOccurrences(of: "{date}", with: date.description).replacingOccurrences(of: "{figures}", with: figures)
  }

  /// The whole commit message: the subject, and the body after a blank line when there is one.
  public func commitMessage(template: String? = nil) -> String {
    let body = commitBody
    return commitSubject(template: template) + (body.isEmpty ? "\n" : "\n\n" + body + "\n")
  }

  /// The lines that say where the subject's figures come from, then any failed source.
  public var commitBody: String {
    var lines = renderings.flatMap(\.details)
    for r in results where r.status != .complete {
      lines.append("\(r.source): \(r.status == .partial ? "some requests failed; what arrived was saved" : "nothing new arrived; stored data was rendered")")
    }
    return lines.joined(separator: "\n")
  }

  /// The Markdown appended to `$GITHUB_STEP_SUMMARY`, cut (with a note) below GitHub's 1 MiB cap;
  /// every data-derived line goes through `Markdown.text`.
  public var stepSummary: String {
    var md = "## Almanac: \(date)\n\n"
    let verdict: String
    switch outcome {
    case .complete: verdict = "Every source answered."
    case .partial: verdict = "**Partial:** some sources failed; what arrived was saved and rendered."
    case .failed: verdict = "**Failed:** no source fetched anything; the files were rendered from stored data."
    }
    md += verdict + "\n\n"
    if !headlines.isEmpty { md += "**\(headlines.map(Markdown.text).joined(separator: " · "))**\n\n" }
    for line in renderings.flatMap(\.details) { md += "- \(Markdown.text(line))\n" }
    if !renderings.flatMap(\.details).isEmpty { md += "\n" }
    if !alerts.isEmpty { md += alerts + "\n" }
    if !results.isEmpty {
      md += "| source | result |\n|---|---|\n"
      for r in results { md += "| \(Markdown.text(r.source)) | \(r.status.rawValue) |\n" }
      md += "\n"
    }
    md += changedFiles.isEmpty
      ? "No file changed.\n"
      : "\(changedFiles.count) file(s) changed under the stats directory.\n"
    if !errors.isEmpty || !warnings.isEmpty {
      md += "\n### Problems\n\n"
      // Each line is a diagnostic's own text, which already says `warning:` or `error:`.
      for line in errors + warnings { md += "- \(Markdown.text(line))\n" }
    }
    return Self.capped(md, limit: Self.stepSummaryLimit)
  }

  /// `key=value` lines for `$GITHUB_OUTPUT`; values with a newline use the heredoc form with a
  /// delimiter that does not occur in the value.
  public var githubOutput: String {
    var pairs: [(String, String)] = [
      ("outcome", outcomeName),
      ("changed", changedFiles.isEmpty ? "false" : "true"),
      ("changed-files", String(changedFiles.count)),
      ("commit-subject", commitSubject),
      ("commit-body", commitBody),
      ("headlines", headlines.joined(separator: ", ")),
    ]
    pairs += renderings.flatMap { $0.outputs.map { ($0.key, $0.value) } }
    pairs += alertOutputs.map { ($0.key, $0.value) }
    return pairs.map { Self.outputLine($0.0, $0.1) }.joined()
  }

  public var outcomeName: String {
    switch outcome {
    case .complete: "complete"
    case .partial: "partial"
    case .failed: "failed"
    }
  }

  static func outputLine(_ key: String, _ value: String) -> String {
    guard value.contains("\n") || value.contains("\r") else { return "\(key)=\(value)\n" }
    var delimiter = "ALMANAC_EOF"
    var n = 0
    while value.contains(delimiter) {
      n += 1
      delimiter = "ALMANAC_EOF_\(n)"
    }
    return "\(key)<<\(delimiter)\n\(value)\n\(delimiter)\n"
  }

  /// Cuts at a line boundary below `limit` UTF-8 bytes and says so.
  static func capped(_ md: String, limit: Int) -> String {
    guard md.utf8.count > limit else { return md }
    let note = "\n… (cut: the summary exceeded GitHub's size limit; see the job log)\n"
    var out = ""
    var size = 0
    for line in md.split(separator: "\n", omittingEmptySubsequences: false) {
      let n = line.utf8.count + 1
      if size + n + note.utf8.count > limit { break }
      out += line + "\n"
      size += n
    }
    return out + note
  }

  // MARK: Headlines of the download sources

  public struct DownloadsHeadline: Sendable, Equatable {
    public var text: String
    public var detail: String
    public var downloads: Int64
    public var day: Day
    public var change: String?
  }

  /// The newest day's downloads of a package and the change against the same weekday a week
  /// earlier (downloads follow a weekly rhythm, so the day before would mostly show the
  /// weekend): `1,234 downloads (+8%)`.
  public static func downloadsHeadline(_ stats: PackageStats) -> DownloadsHeadline? {
    guard let last = stats.daily.last else { return nil }
    let weekBefore = last.day.adding(days: -7)
    let before = stats.daily.last(where: { $0.day == weekBefore })?.downloads
    let change = before.flatMap { NumberFormat.change(last.downloads, from: $0) }
    let text = "\(NumberFormat.grouped(last.downloads)) downloads" + (change.map { " (\($0))" } ?? "")
    var detail = "\(stats.package): \(NumberFormat.grouped(last.downloads)) downloads on \(last.day) (pypistats.org, without mirrors)"
    if let before { detail += "; \(NumberFormat.grouped(before)) on \(weekBefore)" }
    return DownloadsHeadline(text: text, detail: detail, downloads: last.downloads, day: last.day, change: change)
  }
}
