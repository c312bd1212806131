import Foundation

/// Where an export's bytes go: standard output, or a file written through a temporary file
/// beside it and renamed into place when complete (a failed export leaves the old file).
final class ExportOutput {
  private let console: Console
  private let path: String?
  private let temp: String?
  private let handle: FileHandle?
  private(set) var byteCount = 0

  /// `path` nil: standard output.
  init(path: String?, console: Console) throws(AlmanacError) {
    self.console = console
    self.path = path
    guard let path else {
      temp = nil
      handle = nil
      return
    }
    let directory = (path as NSString).deletingLastPathComponent
    try FileSystem.createDirectory(directory.isEmpty ? "." : directory)
    let temp = (directory.isEmpty ? "." : directory) + "/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
    guard FileManager.default.createFile(atPath: temp, contents: nil), let handle = FileHandle(forWritingAtPath: temp) else {
      throw .io(path: path, operation: "write a temporary file beside it", reason: "the directory is not writable")
    }
    self.temp = temp
    self.handle = handle
  }

  func write(_ bytes: [UInt8]) throws(AlmanacError) {
    guard !bytes.isEmpty else { return }
    try write(Data(bytes))
  }

  func write(_ text: String) throws(AlmanacError) { try write(Data(text.utf8)) }

  func write(_ data: Data) throws(AlmanacError) {
    byteCount += data.count
    guard let handle else { return console.data(bytes: data) }
    do { try handle.write(contentsOf: data) } catch {
      throw .io(path: path ?? "-", operation: "write the export", reason: error.localizedDescription)
    }
  }

  /// Moves the finished file into place.
  func commit() throws(AlmanacError) {
    guard let handle, let temp, let path else { return }
    try? handle.close()
    if rename(temp, path) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temp)
      throw .io(path: path, operation: "move the export into place", reason: reason)
    }
  }

  /// Removes the temporary file of an export that failed.
  func discard() {
    try? handle?.close()
    if let temp { unlink(temp) }
  }
}
