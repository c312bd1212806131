import AlmanacCLI
import Foundation

/// A fresh directory per test, removed when the value goes away.
public final class TempDirectory: @unchecked Sendable {
  public let path: String

  public init(_ label: String = "almanac") {
    let base = FileManager.default.temporaryDirectory.path
    path = "\(base)/\(label)-\(UUID().uuidString.prefix(8))"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
    // `almanac demo --out DIR` writes its HTML report beside DIR, in DIR-site.
    try? FileManager.default.removeItem(atPath: path + "-site")
  }

  public func file(_ relative: String) -> String { "\(path)/\(relative)" }

  public func write(_ relative: String, _ text: String) throws {
    let full = file(relative)
    try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try text.write(toFile: full, atomically: false, encoding: .utf8)
  }

  /// The file's text; a dated store file kept as a delta (`<name>.delta`, DESIGN point 85) is
  /// rebuilt from its chain, as Almanac reads it (nil when it does not rebuild).
  public func read(_ relative: String) -> String? {
    if let data = FileManager.default.contents(atPath: file(relative)) { return String(decoding: data, as: UTF8.self) }
    guard FileManager.default.fileExists(atPath: file(relative) + ".delta") else { return nil }
    return try? Store(root: path).readText(file(relative))
  }

  /// Every regular file under the directory, relative path → bytes.
  public func snapshot() -> [String: Data] {
    var out: [String: Data] = [:]
    let root = URL(fileURLWithPath: path)
    guard let e = FileManager.default.enumerator(atPath: path) else { return out }
    while let rel = e.nextObject() as? String {
      var isDir: ObjCBool = false
      let full = root.appendingPathComponent(rel).path
      if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
        out[rel] = FileManager.default.contents(atPath: full)
      }
    }
    return out
  }
}

/// Where the package lives and where `swift build` put the executables.
public enum Paths {
  public static let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// The directory holding the built executables: `ALMANAC_BIN_DIR`, or next to the test bundle.
  public static let binDirectory: String = {
    if let dir = ProcessInfo.processInfo.environment["ALMANAC_BIN_DIR"] { return dir }
    var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    while url.path != "/" {
      url.deleteLastPathComponent()
      if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("almanac").path) { return url.path }
    }
    return packageRoot + "/.build/debug"
  }()

  public static let demoRecording = packageRoot + "/Sources/AlmanacCLI/Resources/demo-recording"
}
