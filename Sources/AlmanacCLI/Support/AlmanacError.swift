import AlmanacKit

/// Every failure of the edge library, each with a message that says what failed, where, and
/// what to do. Commands print `error: <description>` and exit non-zero.
public enum AlmanacError: Error, CustomStringConvertible, Sendable {
  case format(FormatError)
  case config(ConfigError)
  case io(path: String, operation: String, reason: String)
  case locked(path: String, waited: Int)
  case usage(String)
  case input(String)
  case http(HTTPFailure)
  case sourceFailed(source: String, reason: String)

  public var description: String {
    switch self {
    case .format(let e): return e.description
    case .config(let e): return e.description
    case .io(let path, let operation, let reason):
      return "\(path): could not \(operation): \(reason). Check that the directory exists and is writable, and that the disk is not full."
    case .locked(let path, let waited):
      return "\(path): another Almanac run holds the lock on this stats directory (waited \(waited) s). Let it finish, or if no run is active (a crashed run), check `ps` and retry; the lock is released automatically when its process exits."
    case .usage(let message): return message
    case .input(let message): return message
    case .http(let failure): return failure.description
    case .sourceFailed(let source, let reason): return "source \(source) failed: \(reason)"
    }
  }
}
