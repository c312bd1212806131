import Foundation

extension FileSystem {
  /// The absolute path `path` names once every symbolic link is followed, for a path whose end
  /// may not exist yet: the longest existing prefix goes through `realpath(3)` (links and `..`
  /// resolved by the kernel), the missing rest is appended with `.` and `..` applied.
  static func resolvingSymlinks(_ path: String) -> String {
    let cwd = FileManager.default.currentDirectoryPath
    var existing = path.hasPrefix("/") ? path : cwd + "/" + path
    var missing: [String] = []
    while realpath(existing, nil) == nil {
      let ns = existing as NSString
      let parent = ns.deletingLastPathComponent
      guard parent != existing, !parent.isEmpty else { break }
      missing.insert(ns.lastPathComponent, at: 0)
      existing = parent
    }
    var parts: [String]
    if let real = realpath(existing, nil) {
      parts = String(cString: real).split(separator: "/").map(String.init)
      free(real)
    } else {
      parts = existing.split(separator: "/").map(String.init)
    }
    for part in missing {
      switch part {
      case "", ".": continue
      case "..": if !parts.isEmpty { parts.removeLast() }
      default: parts.append(part)
      }
    }
    return "/" + parts.joined(separator: "/")
  }
}
