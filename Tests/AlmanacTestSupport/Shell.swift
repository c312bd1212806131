import Foundation

/// Runs a command line in `bash -c`, capturing stdout and stderr; for end-to-end tests of the
/// real executables in real pipes.
public struct ShellResult: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
}

public enum Shell {
  /// Runs off the cooperative thread pool (waiting for a child process blocks a thread), so
  /// parallel async tests keep their threads.
  public static func run(_ script: String, cwd: String? = nil, environment: [String: String] = [:]) async throws -> ShellResult {
    try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        continuation.resume(with: Result { try runBlocking(script, cwd: cwd, environment: environment) })
      }
    }
  }

  static func runBlocking(_ script: String, cwd: String?, environment: [String: String]) throws -> ShellResult {
    var env = ProcessInfo.processInfo.environment
    env["PATH"] = Paths.binDirectory + ":" + (env["PATH"] ?? "/usr/bin:/bin")
    env["GITHUB_ACTIONS"] = nil
    for (k, v) in environment { env[k] = v }
    let enter = cwd.map { "cd '\($0.replacingOccurrences(of: "'", with: "'\\''"))' || exit 97; " } ?? ""
    let result = try Spawn.run(["/bin/bash", "-c", enter + "set -o pipefail; " + script], environment: env)
    return ShellResult(
      status: result.status, stdout: String(decoding: result.stdout, as: UTF8.self),
      stderr: String(decoding: result.stderr, as: UTF8.self))
  }
}
