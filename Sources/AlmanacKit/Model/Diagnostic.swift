/// A recoverable problem, reported compiler-style (`path: warning: message`) and summarised at
/// the end of a run; `--strict` turns warnings into errors.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
  public enum Severity: String, Sendable { case note, warning, error }

  public var severity: Severity
  public var message: String
  /// The file or URL the problem is about, if any (never with secrets).
  public var location: String?

  public init(_ severity: Severity, _ message: String, at location: String? = nil) {
    self.severity = severity
    self.message = message
    self.location = location
  }

  public var description: String {
    (location.map { "\($0): " } ?? "") + "\(severity.rawValue): \(message)"
  }
}
