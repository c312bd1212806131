import Foundation

/// One `almanac demo` per test process: the demo replays four nights (a 400-day backfill among
/// them), and a dozen tests read its output. Each test gets its own copy.
public actor DemoCache {
  public static let shared = DemoCache()

  private var run: Task<(path: String, result: ShellResult), Error>?
  private let root = TempDirectory("demo-cache")

  /// Copies the demo's output to `destination` (and its HTML report to `destination-site`, as
  /// `almanac demo --out destination` would) and returns what the demo printed.
  public func copy(to destination: String) async throws -> ShellResult {
    if run == nil {
      let out = root.file("out")
      run = Task { (out, try await Shell.run("almanac demo --out '\(out)'")) }
    }
    guard let (out, result) = try await run?.value else { throw CocoaError(.fileNoSuchFile) }
    let copy = try await Shell.run("mkdir -p \"$(dirname '\(destination)')\" && rm -rf '\(destination)' '\(destination)-site' && cp -a '\(out)' '\(destination)' && cp -a '\(out)-site' '\(destination)-site'")
    guard copy.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: copy.stderr]) }
    return result
  }
}
