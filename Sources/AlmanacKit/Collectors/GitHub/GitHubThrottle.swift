/// octokit's throttling classifier (plugin-throttling `src/index.ts`, api-notes.md §3.1–3.2),
/// by headers first and message text only for the secondary limit:
///
/// - `secondary rate` (or the older "abuse detection") in the message: wait `retry-after`, or
///   60 s when it is blank;
/// - else `x-ratelimit-remaining: 0`: the primary limit; wait until `x-ratelimit-reset` + 1 s;
/// - else a 429: wait `retry-after` or 60 s;
/// - else a 403 is an answer (a permission problem): never retried.
///
/// Waits are clamped to at least 1 s (a reset in the past, clock skew); the HTTP client caps
/// them by `http.max_retry_wait` and the source's deadline.
public enum GitHubThrottle {
  public enum Decision: Equatable, Sendable {
    case answer
    case secondary(wait: Double)
    case primary(wait: Double)
  }

  public static let secondaryDefaultWait = 60.0

  public static func classify(status: Int, header: (String) -> String?, body: String, now: Double) -> Decision {
    guard status == 403 || status == 429 else { return .answer }
    let message = (GitHub.errorMessage(body) ?? body).lowercased()
    let retryAfter = header("retry-after").flatMap { Double($0.trimmed(of: " ")) }
    if message.contains("secondary rate") || message.contains("abuse detection") {
      return .secondary(wait: max(1, retryAfter ?? secondaryDefaultWait))
    }
    if let wait = primaryWait(header: header, now: now) { return .primary(wait: wait) }
    if status == 429 { return .secondary(wait: max(1, retryAfter ?? secondaryDefaultWait)) }
    return .answer
  }

  /// Seconds until the primary window resets, when `x-ratelimit-remaining` is 0 (also on a
  /// successful answer: the next request must wait).
  public static func primaryWait(header: (String) -> String?, now: Double) -> Double? {
    guard header("x-ratelimit-remaining")?.trimmed(of: " ") == "0" else { return nil }
    guard let reset = header("x-ratelimit-reset").flatMap({ Double($0.trimmed(of: " ")) }) else {
      return secondaryDefaultWait
    }
    return max(1, (reset - now).rounded(.up) + 1)
  }

  /// The user-facing reason for a 403 that is not a rate limit, naming what the token lacks.
  public static func forbiddenAdvice(message: String?, tokenVariable: String, what: String) -> String {
    let said = message.map { "GitHub said \"\($0)\"" } ?? "GitHub answered 403"
    switch message {
    case "Resource not accessible by integration"?:
      return "\(said) for \(what): the Actions GITHUB_TOKEN cannot read this. Store a personal access token as a secret (classic with `repo` scope, or fine-grained with Administration: read) and pass it in \(tokenVariable)."
    case "Resource not accessible by personal access token"?:
      return "\(said) for \(what): the fine-grained token in \(tokenVariable) lacks a permission; grant it Administration: read-only on this repository (traffic) or Metadata: read."
    case "Must have push access to repository"?:
      return "\(said) for \(what): the account of the token in \(tokenVariable) needs push access to the repository, and a classic token the `repo` scope."
    default:
      return "\(said) for \(what); check the permissions of the token in \(tokenVariable) (traffic needs push access: classic `repo` scope or fine-grained Administration: read)."
    }
  }
}
