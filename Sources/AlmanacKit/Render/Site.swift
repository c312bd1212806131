/// The static HTML report for GitHub Pages: one self-contained `index.html` (inline CSS and
/// SVG, no script, no request to any host; a Content-Security-Policy says so to the browser).
/// Rendered every night but never committed: the workflow publishes it with
/// actions/upload-pages-artifact.
///
/// Each source contributes a `Section`: panels for the page's grid, badges and headline
/// figures for the header, and rows for the data-coverage panel. The page groups the panels
/// by kind in a fixed order, so two sources that both speak about GitHub share one panel.
public enum Site {
  public struct File: Equatable, Sendable {
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
      self.path = path
      self.contents = contents
    }
  }

  /// The page's panels, in page order. `alerts` and `usage` are the hooks for sources that
  /// report them: a section that returns a panel of that kind is shown there.
  public enum PanelKind: Int, CaseIterable, Comparable, Sendable {
    case downloads, audience, versions, geography, github, docs, community, errors, usage, alerts, coverage

    public static func < (a: PanelKind, b: PanelKind) -> Bool { a.rawValue < b.rawValue }

    public var id: String {
      switch self {
      case .alerts: "alerts"
      case .downloads: "downloads"
      case .audience: "who-downloads"
      case .versions: "versions"
      case .geography: "geography"
      case .github: "github"
      case .docs: "docs"
      case .community: "community"
      case .errors: "errors"
      case .usage: "usage"
      case .coverage: "coverage"
      }
    }

    public var title: String {
      switch self {
      case .alerts: "Alerts"
      case .downloads: "Downloads"
      case .audience: "Who downloads"
      case .versions: "Versions"
      case .geography: "Geography"
      case .github: "GitHub activity"
      case .docs: "Docs site"
      case .community: "Community"
      case .errors: "Errors"
      case .usage: "Usage"
      case .coverage: "Data coverage"
      }
    }
  }

  /// Part of a panel: HTML whose data-derived text is already escaped.
  public struct Panel: Equatable, Sendable {
    public var kind: PanelKind
    public var html: String

    public init(_ kind: PanelKind, _ html: String) {
      self.kind = kind
      self.html = html
    }
  }

  /// A headline figure in the page's header: `12.3k` over `downloads, last 30 days`.
  public struct Figure: Equatable, Sendable {
    public var label: String
    public var value: String
    public var note: String

    public init(_ label: String, _ value: String, note: String = "") {
      self.label = label
      self.value = value
      self.note = note
    }
  }

  /// What one source adds to the page.
  public struct Section: Equatable, Sendable {
    public var panels: [Panel]
    public var badges: [BadgeSet.Named]
    public var figures: [Figure]
    public var coverage: [Coverage]

    public init(panels: [Panel] = [], badges: [BadgeSet.Named] = [], figures: [Figure] = [], coverage: [Coverage] = []) {
      self.panels = panels
      self.badges = badges
      self.figures = figures
      self.coverage = coverage
    }

    public var isEmpty: Bool { panels.isEmpty && badges.isEmpty && figures.isEmpty && coverage.isEmpty }
  }

  /// The whole page: header (badges, figures, the period switch), then one panel per kind that
  /// has content, the coverage panel last.
  public static func page(asOf: Day, sections: [Section]) -> [File] {
    let present = sections.filter { !$0.isEmpty }
    var panels = Dictionary(grouping: present.flatMap(\.panels), by: \.kind).mapValues { $0.map(\.html).joined() }
    let coverage = present.flatMap(\.coverage)
    if !coverage.isEmpty { panels[.coverage] = Coverage.panel(coverage, asOf: asOf) }
    var body = header(asOf: asOf, badges: present.flatMap(\.badges), figures: present.flatMap(\.figures))
    if panels.isEmpty {
      body += "<p>No data yet. Run <code>almanac run</code> to collect some.</p>\n"
    } else {
      body += "<nav class=\"toc\" aria-label=\"Panels\">" + PanelKind.allCases.filter { panels[$0] != nil }.map { "<a href=\"#\($0.id)\">\($0.title)</a>" }.joined(separator: " ") + "</nav>\n"
      body += "<main class=\"grid\">\n"
      for kind in PanelKind.allCases {
        guard let html = panels[kind] else { continue }
        let wide = kind == .coverage ? " wide" : ""
        body += "<section class=\"panel\(wide)\" id=\"\(kind.id)\" aria-labelledby=\"\(kind.id)-h\">\n<h2 id=\"\(kind.id)-h\">\(kind.title)</h2>\n\(html)</section>\n"
      }
      body += "</main>\n"
    }
    return [File(path: "index.html", contents: SiteStyle.document(body: Period.wrap(body)))]
  }

  static func header(asOf: Day, badges: [BadgeSet.Named], figures: [Figure]) -> String {
    var html = "<header>\n<h1>Adoption report</h1>\n"
    html += "<p class=\"muted\">As of <time datetime=\"\(asOf)\">\(asOf)</time> (UTC). Written by Almanac from the files in the repository.</p>\n"
    if !badges.isEmpty {
      html += "<p class=\"badges\">" + badges.enumerated().map { HTML.inlineBadge($0.element.badge, prefix: "b\($0.offset)") }.joined(separator: " ") + "</p>\n"
    }
    if !figures.isEmpty {
      html += "<dl class=\"figures\">" + figures.map { f in
        "<div><dt>\(HTML.escape(f.label))</dt><dd>\(HTML.escape(f.value))</dd>" + (f.note.isEmpty ? "" : "<dd class=\"muted\">\(HTML.escape(f.note))</dd>") + "</div>"
      }.joined() + "</dl>\n"
    }
    return html + Period.nav() + "</header>\n"
  }
}
