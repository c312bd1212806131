import Foundation
import Synchronization

/// Batches the flushes that make written files survive a power cut. While any `StoreLock` is
/// held, `FileSystem.atomicWrite` leaves flushing to the lock's release, which asks the kernel
/// once (`syncfs`) for everything the process wrote under it, instead of once per file (a
/// 50-repository import wrote ~600 files, each with its own `fsync`). A killed process loses
/// nothing either way (the page cache outlives it); the rename keeps each file whole.
enum Durability {
  private static let state = Mutex<(locks: Int, directories: Set<String>)>((0, []))

  static var isBatched: Bool { state.withLock { $0.locks > 0 } }

  static func begin() { state.withLock { $0.locks += 1 } }

  /// Notes a directory written under a lock, to be flushed when the last lock is released.
  static func wrote(_ directory: String) {
    state.withLock { if $0.locks > 0 { $0.directories.insert(directory) } }
  }

  /// Ends one lock's batch; the last one flushes each file system written to (one `syncfs`
  /// per distinct file system, in practice one).
  static func end() {
    let directories: [String] = state.withLock { held in
      held.locks -= 1
      guard held.locks == 0 else { return [] }
      defer { held.directories = [] }
      return held.directories.sorted()
    }
    var flushed: Set<UInt64> = []
    for directory in directories {
      var info = stat()
      guard stat(directory, &info) == 0, flushed.insert(UInt64(info.st_dev)).inserted else { continue }
      let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      guard fd >= 0 else { continue }
      _ = systemSyncfs(fd)
      close(fd)
    }
  }
}

/// A failed system call, in the system's words.
struct SystemCallError: Error, CustomStringConvertible {
  var call: String
  var code: Int32 = errno
  var description: String { "\(call): \(String(cString: strerror(code)))" }
}

/// glibc's `syncfs`, which the Glibc module hides behind `_GNU_SOURCE`.
@_silgen_name("syncfs")
private func systemSyncfs(_ fd: Int32) -> Int32
