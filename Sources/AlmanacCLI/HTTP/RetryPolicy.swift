import Foundation

/// When to try again and how long to wait: exponential backoff with jitter on network errors,
/// 5xx and 429; `Retry-After` (seconds or an HTTP date) and `x-ratelimit-reset` honoured up to
/// `maxWait`; and every wait charged against the overall deadline.
public struct RetryPolicy: Sendable {
  public var attempts: Int
  /// First backoff in seconds; doubles per attempt, plus up to the same again in jitter.
  public var baseDelay: Double
  /// The longest single wait accepted from the server; a longer demand ends the retries.
  public var maxWait: Double
  /// A 429 without any header (pypistats.org) waits at least this long.
  public var rateLimitDelay: Double

  public init(attempts: Int = 4, baseDelay: Double = 1, maxWait: Double = 120, rateLimitDelay: Double = 10) {
    self.attempts = attempts
    self.baseDelay = baseDelay
    self.maxWait = maxWait
    self.rateLimitDelay = rateLimitDelay
  }

  public static func isRetryable(status: Int) -> Bool { status == 429 || status == 408 || (500...599).contains(status) }

  /// Seconds the server asks us to wait, if it says so: `Retry-After`, or a rate-limit reset
  /// when the remaining budget is 0. Clamped to at least 1 s (clock skew, a reset in the past).
  public static func serverWait(_ headers: HTTPHeaders, now: Date) -> Double? {
    if let value = headers["retry-after"]?.trimmingCharacters(in: .whitespaces) {
      if let seconds = Double(value) { return max(1, seconds) }
      if let date = httpDate(value) { return max(1, date.timeIntervalSince(now)) }
    }
    if headers["x-ratelimit-remaining"].flatMap(Double.init) == 0,
      let reset = headers["x-ratelimit-reset"].flatMap(Double.init)
    {
      return max(1, reset - now.timeIntervalSince1970)
    }
    return nil
  }

  /// Backoff before attempt `attempt + 1` (attempt counts from 1), `unit` in 0..<1 for jitter.
  public func backoff(afterAttempt attempt: Int, status: Int?, unit: Double) -> Double {
    let exponential = baseDelay * pow(2, Double(attempt - 1))
    let base = status == 429 ? max(rateLimitDelay, exponential) : exponential
    return base + base * unit
  }

  static func httpDate(_ text: String) -> Date? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    return formatter.date(from: text)
  }
}
