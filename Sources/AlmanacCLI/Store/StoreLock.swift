import Foundation

/// An exclusive advisory lock (`flock`) on `<stats>/.almanac.lock`, so two runs on one stats
/// directory never interleave. The kernel releases it when the process exits, so a crashed run
/// never leaves a stale lock behind. Releasing it flushes what was written under it to disk
/// (`Durability`).
final class StoreLock: Sendable {
  let path: String
  private let fd: Int32

  /// Tries for `timeout` seconds, polling, then gives up with a clear error.
  init(directory: String, timeout: Double) throws(AlmanacError) {
    try FileSystem.createDirectory(directory)
    path = directory + "/.almanac.lock"
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw .io(path: path, operation: "open the lock file", reason: String(cString: strerror(errno)))
    }
    let deadline = Date().addingTimeInterval(timeout)
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      guard errno == EWOULDBLOCK || errno == EINTR else {
        close(fd)
        throw .io(path: path, operation: "lock", reason: String(cString: strerror(errno)))
      }
      guard Date() < deadline else {
        close(fd)
        throw .locked(path: path, waited: Int(timeout.rounded()))
      }
      usleep(100_000)
    }
    self.fd = fd
    Durability.begin()
  }

  deinit {
    Durability.end()
    flock(fd, LOCK_UN)
    close(fd)
  }
}
