/// What each channel sends for one alert event, as bytes: pure, so a test pins every payload and
/// the same event always gives the same body (and the same signature).
public enum AlertMessage {
  /// The hidden line that marks an alert's GitHub issue: finding it again is what makes opening
  /// and closing idempotent.
  public static func marker(_ alert: Alert) -> String { "<!-- almanac-alert: \(alert.key) -->" }

  /// One line for people: `Almanac alert opened: <rule>: <what happened>`.
  public static func text(_ event: AlertEvent) -> String {
    "Almanac alert \(event.kind.rawValue): \(event.alert.rule): \(event.line)"
  }

  /// Slack's incoming-webhook body: `{"text": …}`, with `& < >` escaped as Slack asks (its
  /// `<…>` is link and mention syntax, so data must not open one).
  public static func slack(_ event: AlertEvent) -> String {
    let escaped = text(event).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    return CanonicalJSON.encodeCompact(.object(["text": .string(escaped)]))
  }

  /// The generic webhook's body: the event and the alert as `alerts.json` holds it.
  public static func webhook(_ event: AlertEvent) -> String {
    CanonicalJSON.encodeCompact(.object([
      "format_version": .int(1), "event": .string(event.kind.rawValue), "text": .string(text(event)), "alert": AlertState.json(event.alert),
    ]))
  }

  /// `sha256=<hex HMAC-SHA256 of the body>`, the value of the signature header.
  public static func signature(body: String, key: String) -> String {
    "sha256=" + HMACSHA256.hex(HMACSHA256.mac(key: Array(key.utf8), message: Array(body.utf8)))
  }

  public static let signatureHeader = "X-Almanac-Signature-256"

  public static func issueTitle(_ alert: Alert) -> String {
    let title = "Alert: \(alert.rule) (\(alert.metric), since \(alert.opened))"
    return title.count > 240 ? String(title.prefix(239)) + "…" : title
  }

  /// The issue's body; data goes through `Markdown.text` (an issue renders Markdown).
  public static func issueBody(_ alert: Alert) -> String {
    """
    \(marker(alert))
    **\(Markdown.text(alert.message))**

    | rule | metric | condition | opened |
    |---|---|---|---|
    | \(Markdown.text(alert.rule)) | \(Markdown.text(alert.metric.description)) | \(alert.condition.rawValue) \(CanonicalJSON.number(alert.threshold)) | \(alert.opened) |

    Opened by Almanac's nightly run; it closes this issue with a comment when the condition clears. \
    `stats/alerts.json` keeps the alert's history.

    """
  }

  public static func closeComment(_ event: AlertEvent) -> String {
    let a = event.alert
    switch event.kind {
    case .withdrawn:
      return "Withdrawn by Almanac: the values were revised and no longer fire (\(Markdown.text(a.message)))."
    default:
      return "Closed by Almanac: the condition cleared on \(a.closed.map(\.description) ?? "?"). Peak: \(Markdown.text(AlertReport.peak(a)))."
    }
  }
}
