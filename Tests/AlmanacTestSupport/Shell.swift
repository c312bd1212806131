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
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", "set -o pipefail; " + script]
    var env = ProcessInfo.processInfo.environment
    env["PATH"] = Paths.binDirectory + ":" + (env["PATH"] ?? "/usr/bin:/bin")
    env["GITHUB_ACTIONS"] = nil
    for (k, v) in environment { env[k] = v }
    process.environment = env
    if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes concurrently so a full pipe never blocks the child.
    let errData = LockedData()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errData.set(err.fileHandleForReading.readDataToEndOfFile())
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ShellResult(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData.get(), as: UTF8.self))
  }
}

final class LockedData: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()
  func set(_ d: Data) { lock.withLock { data = d } }
  func get() -> Data { lock.withLock { data } }
}
