/// The counters of `DetailAccumulator`, one page per (package, day): the versions downloaded
/// that day behind a small open-addressing table, and their counters side by side. Rows in day
/// order fill one page at a time; rows in any order (a query without ORDER BY) are bucketed by
/// page per chunk first (`DetailAccumulator.flush`), so the counters a run of rows touches stay
/// in cache. One table over every (package, day, version) group touched its slots, keys and
/// counters at random, three cache misses a row (1.6× the sorted time).
struct GroupTable {
  struct Page {
    let package: Int32
    let day: Int32
    /// Open addressing over version ids: the page's group number, -1 when empty.
    private var slots = [Int32](repeating: -1, count: 16)
    /// Group number → version id.
    private(set) var versions: [Int32] = []
    /// Group number × `width` counters.
    var counts: [Int64] = []

    init(package: Int32, day: Int32) {
      self.package = package
      self.day = day
    }

    /// Adds rows of this page to its counters.
    @inline(__always)
    mutating func count(_ rows: UnsafeBufferPointer<DetailAccumulator.Staged>) {
      let width = DetailAccumulator.slots
      var version: Int32 = -1
      var base = 0
      for row in rows {
        if row.version != version {
          base = self.base(of: row.version, width: width)
          version = row.version
        }
        let slot = Int(row.slot)
        counts[base + (slot & DetailAccumulator.classMask)] += row.downloads
        if slot & DetailAccumulator.humanFlag != 0 { counts[base + DetailAccumulator.humanSlot] += row.downloads }
      }
    }

    /// Where the group of `version` starts in `counts`, added as `width` zeros when new.
    @inline(__always)
    mutating func base(of version: Int32, width: Int) -> Int {
      let mask = slots.count - 1
      var i = GroupTable.hash(version, 0) & mask
      while true {
        let n = slots[i]
        if n < 0 { break }
        if versions[Int(n)] == version { return Int(n) * width }
        i = (i + 1) & mask
      }
      let n = versions.count
      versions.append(version)
      counts.append(contentsOf: repeatElement(0, count: width))
      slots[i] = Int32(n)
      if versions.count * 2 > slots.count { slots = GroupTable.rehash(versions.lazy.map { GroupTable.hash($0, 0) }, size: slots.count * 2) }
      return n * width
    }
  }

  /// (package, day) → page number, open addressing.
  private var directory = [Int32](repeating: -1, count: 256)
  /// Written only through `page(package:day:)` and `Page.base(of:width:)`.
  var pages: [Page] = []

  @inline(__always)
  static func hash(_ a: Int32, _ b: Int32) -> Int {
    var h = UInt64(UInt32(bitPattern: a)) &* 0x9E37_79B9_7F4A_7C15
    h ^= UInt64(UInt32(bitPattern: b)) &* 0xC2B2_AE3D_27D4_EB4F
    return Int(truncatingIfNeeded: h ^ (h >> 29))
  }

  /// The number of the page of (package, day), added when new (numbers follow first appearance).
  @inline(__always)
  mutating func page(package: Int32, day: Int32) -> Int32 {
    let mask = directory.count - 1
    var i = Self.hash(package, day) & mask
    while true {
      let n = directory[i]
      if n < 0 { break }
      if pages[Int(n)].day == day, pages[Int(n)].package == package { return n }
      i = (i + 1) & mask
    }
    let n = Int32(pages.count)
    pages.append(Page(package: package, day: day))
    directory[i] = n
    if pages.count * 2 > directory.count {
      directory = Self.rehash(pages.lazy.map { Self.hash($0.package, $0.day) }, size: directory.count * 2)
    }
    return n
  }

  /// A fresh slot array of `size` (a power of two) holding entries 0… at their hashes.
  static func rehash(_ hashes: some Sequence<Int>, size: Int) -> [Int32] {
    var slots = [Int32](repeating: -1, count: size)
    let mask = size - 1
    for (n, h) in hashes.enumerated() {
      var i = h & mask
      while slots[i] >= 0 { i = (i + 1) & mask }
      slots[i] = Int32(n)
    }
    return slots
  }
}
