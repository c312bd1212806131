extension DetailAccumulator {
  /// Rows a page holds back before they are counted together, while every page's share fits
  /// in `pendingBudget` bytes; halved (down to 8) as pages are added beyond that. A year of
  /// one package (365 pages of about 130 versions × 9 counters, 3.3 MB: more than a core's
  /// L2) keeps 1,024 rows a page, so a run meets each of its page's cache lines about seven
  /// times instead of once.
  static let pendingPerPage = 1_024
  static let pendingBudget = 4 << 20

  /// Resolves a row and holds it in its page's pending run, counting the run when it is full:
  /// rows in any order reach a page's counters a run at a time, as rows in day order do,
  /// instead of each row landing on a random page's counters (a cache miss a row).
  @inline(__always)
  mutating func stage(
    day: Day, package: UnsafeBufferPointer<UInt8>, version: UnsafeBufferPointer<UInt8>, installer: UnsafeBufferPointer<UInt8>, downloads: Int64
  ) {
    let row = resolve(day: day, package: package, version: version, installer: installer, downloads: downloads)
    guard let packed = Pending.pack(row) else { return count(row) }
    let page = Int(row.page)
    if page == pendingFill.count { addPendingPage() }
    let fill = Int(pendingFill[page])
    let start = page &* pendingRun
    pending[start &+ fill] = packed
    if fill &+ 1 < pendingRun {
      pendingFill[page] = UInt16(truncatingIfNeeded: fill &+ 1)
    } else {
      countPending(page: page, start: start, count: pendingRun)
      pendingFill[page] = 0
    }
  }

  /// Counts every page's pending rows (before the counters are read).
  mutating func flush() {
    for page in pendingFill.indices where pendingFill[page] > 0 {
      countPending(page: page, start: page * pendingRun, count: Int(pendingFill[page]))
      pendingFill[page] = 0
    }
  }

  private mutating func addPendingPage() {
    if (pendingFill.count + 1) * pendingRun * 8 > Self.pendingBudget, pendingRun > 8 {
      flush()
      pendingRun /= 2
      pending = Array(repeating: 0, count: pendingFill.count * pendingRun)
    }
    pendingFill.append(0)
    pending.append(contentsOf: repeatElement(0, count: pendingRun))
  }

  @inline(__always)
  private mutating func countPending(page: Int, start: Int, count: Int) {
    pending.withUnsafeBufferPointer { all in
      groups.pages[page].count(packed: UnsafeBufferPointer(rebasing: all[start..<(start + count)]))
    }
  }

  /// A staged row in one word: version id (24 bits), slot word (5 bits), downloads (35 bits).
  /// A row beyond those widths is counted at once instead.
  enum Pending {
    @inline(__always)
    static func pack(_ row: Staged) -> UInt64? {
      guard UInt32(bitPattern: row.version) < 1 << 24, UInt64(bitPattern: row.downloads) < 1 << 35 else { return nil }
      return UInt64(UInt32(bitPattern: row.version)) | UInt64(UInt32(bitPattern: row.slot) & 31) << 24
        | UInt64(bitPattern: row.downloads) << 29
    }

    @inline(__always)
    static func version(_ word: UInt64) -> Int32 { Int32(truncatingIfNeeded: word & 0xFF_FFFF) }
    @inline(__always)
    static func slot(_ word: UInt64) -> Int { Int(truncatingIfNeeded: (word >> 24) & 31) }
    @inline(__always)
    static func downloads(_ word: UInt64) -> Int64 { Int64(truncatingIfNeeded: word >> 29) }
  }
}
