import AlmanacKit
import Foundation

/// One night of the real binary for the soak: `almanac run`, optionally killed with SIGKILL
/// after a delay, optionally with an `almanac aggregate` started at the same moment.
enum SoakProcess {
  static func night(_ dir: TempDirectory, date: Day, killAfter: Double?, concurrentAggregate: Bool) async throws -> Int32 {
    try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        continuation.resume(with: Result { try blocking(dir, date: date, killAfter: killAfter, concurrentAggregate: concurrentAggregate) })
      }
    }
  }

  static func process(_ dir: TempDirectory, _ arguments: [String]) -> Process {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: Paths.binDirectory + "/almanac")
    p.arguments = arguments
    p.currentDirectoryURL = URL(fileURLWithPath: dir.path)
    var env = ProcessInfo.processInfo.environment
    env["GITHUB_ACTIONS"] = nil
    env["GITHUB_REPOSITORY"] = nil
    env["GITHUB_OUTPUT"] = nil
    env["GITHUB_STEP_SUMMARY"] = nil
    env["SOAK_GITHUB_TOKEN"] = "ghp_soak_token"
    env["SOAK_CLICKHOUSE_PASSWORD"] = ClickHouseTestServer.password
    p.environment = env
    p.standardOutput = FileHandle.nullDevice
    let log = FileHandle(forWritingAtPath: dir.file("log.txt"))
    _ = try? log?.seekToEnd()
    p.standardError = log ?? FileHandle.nullDevice
    return p
  }

  static func blocking(_ dir: TempDirectory, date: Day, killAfter: Double?, concurrentAggregate: Bool) throws -> Int32 {
    if !FileManager.default.fileExists(atPath: dir.file("log.txt")) { try dir.write("log.txt", "") }
    let common = ["--date", date.description, "--stats-dir", "stats", "--config", "almanac.yml", "--quiet", "--lock-timeout", "120"]
    let aggregate = concurrentAggregate ? process(dir, ["aggregate"] + common) : nil
    let run = process(dir, ["run"] + common)
    try aggregate?.run()
    try run.run()
    if let killAfter {
      let pid = run.processIdentifier
      Thread.sleep(forTimeInterval: killAfter)
      kill(pid, SIGKILL)
    }
    run.waitUntilExit()
    aggregate?.waitUntilExit()
    if let aggregate, aggregate.terminationStatus != 0 {
      throw SoakError.aggregateFailed(date: date, status: aggregate.terminationStatus)
    }
    return run.terminationReason == .uncaughtSignal ? 128 + run.terminationStatus : run.terminationStatus
  }
}

public enum SoakError: Error, CustomStringConvertible {
  case aggregateFailed(date: Day, status: Int32)
  public var description: String {
    switch self {
    case .aggregateFailed(let date, let status): "the concurrent `almanac aggregate` of \(date) exited \(status)"
    }
  }
}
