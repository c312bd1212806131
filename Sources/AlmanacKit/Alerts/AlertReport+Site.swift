extension AlertReport {
  /// The alerts panel of the HTML report (`Site.PanelKind.alerts`): the open alerts, then the
  /// ten most recently closed with the day each opened and closed and its peak; nothing when no
  /// rule is configured. Every data-derived text is escaped (rule names come from almanac.yml,
  /// metric subjects from the stored files).
  public static func siteSection(_ state: AlertState, rules: Int) -> Site.Section {
    guard rules > 0 else { return Site.Section() }
    let open = state.open
    var html = "<p>\(open.isEmpty ? "No alert is open" : "\(open.count) alert\(open.count == 1 ? " is" : "s are") open") "
    html += "(\(rules) rule\(rules == 1 ? "" : "s") replayed over the stored history as of <time datetime=\"\(state.asOf)\">\(state.asOf)</time>).</p>\n"
    if !open.isEmpty { html += htmlTable("alerts-open", openHeader, open.map(openRow)) }
    let closed = recentlyClosed(state)
    if !closed.isEmpty { html += "<h3>Recently closed</h3>\n" + htmlTable("alerts-closed", closedHeader, closed.map(closedRow)) }
    return Site.Section(panels: [Site.Panel(.alerts, html)])
  }

  static func htmlTable(_ cls: String, _ header: [String], _ rows: [[String]]) -> String {
    var html = "<table class=\"\(cls)\">\n<tr>" + header.map { "<th>\($0)</th>" }.joined() + "</tr>\n"
    for row in rows { html += "<tr>" + row.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>\n" }
    return html + "</table>\n"
  }

  /// The ten most recently closed alerts, newest first (ties by the state's order).
  static func recentlyClosed(_ state: AlertState) -> [Alert] {
    Array(state.alerts.filter { !$0.isOpen }.enumerated().sorted { a, b in
      let (x, y) = (a.element.closed ?? a.element.opened, b.element.closed ?? b.element.opened)
      return x != y ? x > y : a.offset < b.offset
    }.map(\.element).prefix(10))
  }
}
