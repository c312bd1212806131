import AlmanacKit
import Foundation

/// The one writer for stderr (diagnostics, progress) and the one for stdout (data), so output
/// on a pipe is never reordered. Under GitHub Actions, warnings and errors also become workflow
/// annotations and secrets are masked with `::add-mask::`; these commands go to stderr (the
/// runner reads both streams) so stdout stays pure data for pipes.
public final class Console: @unchecked Sendable {
  private let lock = NSLock()
  public let githubActions: Bool
  public var quiet: Bool
  public private(set) var diagnostics: [Diagnostic] = []
  public var redactor: Redactor

  public init(environment: [String: String] = ProcessInfo.processInfo.environment, quiet: Bool = false, redactor: Redactor = Redactor()) {
    githubActions = environment["GITHUB_ACTIONS"] == "true"
    self.quiet = quiet
    self.redactor = redactor
  }

  /// Announces secrets to the Actions runner before anything could print them.
  public func mask(_ secrets: [String]) {
    guard githubActions else { return }
    for s in secrets where !s.isEmpty { emitStderr("::add-mask::\(s)\n") }
  }

  public func note(_ message: String) {
    guard !quiet else { return }
    emitStderr(redactor.redact(message) + "\n")
  }

  public func report(_ diagnostic: Diagnostic) {
    var d = diagnostic
    d.message = redactor.redact(d.message)
    d.location = d.location.map(redactor.redact)
    lock.lock()
    diagnostics.append(d)
    lock.unlock()
    emitStderr(d.description + "\n")
    if githubActions, d.severity != .note {
      let command = d.severity == .error ? "error" : "warning"
      var properties = "title=" + Self.escapeProperty("almanac \(command)")
      var text = d.message
      if let location = d.location {
        // A file path becomes the annotation's file; any other location stays in the text.
        let first = location.split(separator: " ").first.map(String.init) ?? location
        if first.contains("/"), !first.contains("://") {
          properties = "file=" + Self.escapeProperty(first) + "," + properties
        } else {
          text = "\(location): \(text)"
        }
      }
      emitStderr("::\(command) \(properties)::\(Self.escapeData(text))\n")
    }
  }

  public func data(_ text: String) { emitStdout(text) }

  /// An annotation that is news, not a problem (an alert opening or closing): under GitHub
  /// Actions `::warning title=…::…` (or `notice`), elsewhere a plain line; never counted as a
  /// diagnostic, so `--strict` does not turn an alert into a failed run.
  public func annotate(_ level: String, title: String, _ message: String) {
    let text = redactor.redact(message)
    if githubActions {
      emitStderr("::\(level) title=\(Self.escapeProperty(title))::\(Self.escapeData(text))\n")
    } else {
      emitStderr("\(title): \(text)\n")
    }
  }

  /// Binary data (a Parquet export) on the same stdout writer.
  public func data(bytes: Data) {
    lock.withLock { FileHandle.standardOutput.write(bytes) }
  }

  public var warningCount: Int { lock.withLock { diagnostics.filter { $0.severity == .warning }.count } }
  public var errorCount: Int { lock.withLock { diagnostics.filter { $0.severity == .error }.count } }

  /// actions/toolkit escaping: `%`, CR, LF in data; also `:` and `,` in properties.
  public static func escapeData(_ s: String) -> String {
    s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
  }

  public static func escapeProperty(_ s: String) -> String {
    escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
  }

  private func emitStderr(_ s: String) {
    lock.withLock { FileHandle.standardError.write(Data(s.utf8)) }
  }

  private func emitStdout(_ s: String) {
    lock.withLock { FileHandle.standardOutput.write(Data(s.utf8)) }
  }
}
