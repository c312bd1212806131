import AlmanacKit
import Foundation

/// Every version of files a git repository tracked, dated by the commit that wrote it (UTC):
/// the way git-scraping repositories keep a day's answer, one commit a day over one file.
/// Runs `git` itself (`log` per file, then one `cat-file --batch` for every blob).
enum GitHistory {
  struct Version {
    var path: String
    var commit: String
    var date: Day
  }

  /// The versions of every tracked file under `directory` ending in `suffix`, the newest
  /// version of each file per UTC day, oldest first.
  static func versions(in directory: String, suffix: String) throws(AlmanacError) -> [Version] {
    let files = try git(["ls-files", "-z", "--", "."], in: directory).split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
      .filter { $0.hasSuffix(suffix) }
    var out: [Version] = []
    for file in files.sorted() {
      let log = String(decoding: try git(["log", "--format=%H %ct", "--", file], in: directory), as: UTF8.self)
      var seen = Set<Day>()
      for line in log.split(separator: "\n") {
        let parts = line.split(separator: " ")
        guard parts.count == 2, let seconds = Double(parts[1]) else { continue }
        let day = Day(unixSeconds: seconds)
        // `git log` lists the newest first: the first version of a day is its last one.
        if seen.insert(day).inserted { out.append(Version(path: file, commit: String(parts[0]), date: day)) }
      }
    }
    return out.sorted { ($0.date, $0.path) < ($1.date, $1.path) }
  }

  /// The text of each version, in order, through one `git cat-file --batch`.
  static func contents(_ versions: [Version], in directory: String) throws(AlmanacError) -> [String] {
    let request = versions.map { "\($0.commit):./\($0.path)\n" }.joined()
    let data = try git(["cat-file", "--batch"], in: directory, input: Data(request.utf8))
    var out: [String] = []
    var i = data.startIndex
    for v in versions {
      guard let newline = data[i...].firstIndex(of: 0x0A) else { throw .input("\(directory): git cat-file ended early at \(v.path) (\(v.commit))") }
      let header = String(decoding: data[i..<newline], as: UTF8.self).split(separator: " ")
      guard header.count == 3, header[1] == "blob", let size = Int(header[2]) else {
        throw .input("\(directory): git has no \(v.path) in \(v.commit) (\(header.joined(separator: " ")))")
      }
      let start = newline + 1
      out.append(String(decoding: data[start..<(start + size)], as: UTF8.self))
      i = start + size + 1
    }
    return out
  }

  static func git(_ arguments: [String], in directory: String, input: Data? = nil) throws(AlmanacError) -> Data {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["git", "-C", directory] + arguments
    let out = Pipe()
    let err = Pipe()
    let inPipe = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = input == nil ? FileHandle.nullDevice : inPipe
    do { try p.run() } catch { throw .input("could not run git: \(error.localizedDescription); --date-from-git needs git on the PATH") }
    if let input {
      // Written on another thread: git answers while it reads, and a full pipe would block both.
      let writer = inPipe.fileHandleForWriting
      Thread.detachNewThread {
        writer.write(input)
        try? writer.close()
      }
    }
    let errors = ErrorText()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errors.set(err.fileHandleForReading.readDataToEndOfFile())
      group.leave()
    }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
      throw .input("\(directory): `git \(arguments.prefix(2).joined(separator: " "))` failed (\(errors.text.trimmingCharacters(in: .whitespacesAndNewlines))); --date-from-git needs DIR inside a git repository")
    }
    return data
  }
}

private final class ErrorText: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()
  func set(_ d: Data) { lock.withLock { data = d } }
  var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
