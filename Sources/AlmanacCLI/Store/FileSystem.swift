import Foundation

/// The few file operations the store needs, with errors that name the path.
enum FileSystem {
  static func read(_ path: String) throws(AlmanacError) -> String? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .io(path: path, operation: "read the file", reason: "permission denied or not a regular file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .format(.init(path: path, problem: "is not UTF-8 text"))
    }
    return text
  }

  static func readData(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

  static func createDirectory(_ path: String) throws(AlmanacError) {
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw .io(path: path, operation: "create the directory", reason: error.localizedDescription)
    }
  }

  /// Writes through a temporary file in the same directory and renames it into place, so a
  /// reader (or a crash) sees the old bytes or the new bytes, never half of them. Durability
  /// (surviving a power cut, not just a killed process) is batched: while a `StoreLock` is held
  /// the write is not flushed on its own, and releasing the lock flushes the file system once
  /// (`Durability`); outside a lock each file is flushed before its rename.
  static func atomicWrite(_ data: Data, to path: String) throws(AlmanacError) {
    let parent = (path as NSString).deletingLastPathComponent
    let directory = parent.isEmpty ? "." : parent
    try createDirectory(directory)
    let temp = directory + "/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
    do {
      try writeFile(data, to: temp, flush: !Durability.isBatched)
    } catch {
      unlink(temp)
      throw .io(path: path, operation: "write a temporary file beside it", reason: "\(error) (the directory is not writable or the disk is full)")
    }
    if rename(temp, path) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temp)
      throw .io(path: path, operation: "move the new file into place", reason: reason)
    }
    Durability.wrote(directory)
  }

  /// `open`, every byte written (short writes and `EINTR` retried), optionally `fsync`, `close`:
  /// each failure is the system's own words.
  private static func writeFile(_ data: Data, to path: String, flush: Bool) throws(SystemCallError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
    guard fd >= 0 else { throw SystemCallError(call: "open") }
    var failure: SystemCallError?
    data.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          failure = SystemCallError(call: "write")
          return
        }
        offset += n
      }
    }
    if failure == nil, flush, fsync(fd) != 0 { failure = SystemCallError(call: "fsync") }
    if close(fd) != 0, failure == nil { failure = SystemCallError(call: "close") }
    if let failure { throw failure }
  }

  /// Appends to a file the environment named (the Actions runner's summary and output files).
  static func append(_ data: Data, to path: String, what: String) throws(AlmanacError) {
    guard let handle = FileHandle(forWritingAtPath: path) ?? (FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil) else {
      throw .io(path: path, operation: "append to \(what)", reason: "the file cannot be opened for writing")
    }
    defer { try? handle.close() }
    do {
      try handle.seekToEnd()
      try handle.write(contentsOf: data)
    } catch {
      throw .io(path: path, operation: "append to \(what)", reason: error.localizedDescription)
    }
  }

  static func list(_ directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
  }

  static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

  static func remove(_ path: String) throws(AlmanacError) {
    do {
      try FileManager.default.removeItem(atPath: path)
    } catch {
      throw .io(path: path, operation: "remove", reason: error.localizedDescription)
    }
  }
}
