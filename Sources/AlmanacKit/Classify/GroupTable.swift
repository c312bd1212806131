/// The counters of `DetailAccumulator`, one page per (package, day): the versions downloaded
/// that day behind a small open-addressing table, and their counters side by side. Rows in day
/// order fill one page at a time; rows in any order (a query without ORDER BY) wait in their
/// page's pending run (`DetailAccumulator.stage`), so the counters a run touches stay in cache.
/// One table over every (package, day, version) group touched its slots, keys and counters at
/// random, three cache misses a row (1.6× the sorted time). A page is found by its package's
/// day index (an array by day, no hash) while the package's days span at most `maxSpan`.
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

    /// Adds one row of this page to its counters.
    @inline(__always)
    mutating func count(_ row: DetailAccumulator.Staged) {
      add(slot: Int(row.slot), downloads: row.downloads, base: base(of: row.version, width: DetailAccumulator.slots))
    }

    /// Adds rows of this page, packed by `DetailAccumulator.Pending`, to its counters.
    @inline(__always)
    mutating func count(packed rows: UnsafeBufferPointer<UInt64>) {
      typealias P = DetailAccumulator.Pending
      var version: Int32 = -1
      var base = 0
      for word in rows {
        let v = P.version(word)
        if v != version {
          base = self.base(of: v, width: DetailAccumulator.slots)
          version = v
        }
        add(slot: P.slot(word), downloads: P.downloads(word), base: base)
      }
    }

    @inline(__always)
    private mutating func add(slot: Int, downloads: Int64, base: Int) {
      counts[base + (slot & DetailAccumulator.classMask)] += downloads
      if slot & DetailAccumulator.humanFlag != 0 { counts[base + DetailAccumulator.humanSlot] += downloads }
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
      if versions.count * 2 > slots.count { slots = GroupTable.rehash(versions.enumerated().lazy.map { (GroupTable.hash($1, 0), Int32($0)) }, size: slots.count * 2) }
      return n * width
    }
  }

  /// Per package: its pages by day, `byDay[p][day - origin[p]]`, -1 for a day without one;
  /// a span of more than `maxSpan` days goes to `directory` instead.
  private var byDay: [[Int32]] = []
  private var origin: [Int32] = []
  static let maxSpan = 1 << 16
  /// (package, day) → page number, open addressing, for days beyond a package's span.
  private var directory = [Int32](repeating: -1, count: 256)
  private var inDirectory: [Int32] = []
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
    let p = Int(package)
    if p < byDay.count {
      let offset = Int(day) &- Int(origin[p])
      if offset >= 0, offset < byDay[p].count, byDay[p][offset] >= 0 { return byDay[p][offset] }
    }
    return slowPage(package: package, day: day)
  }

  private mutating func slowPage(package: Int32, day: Int32) -> Int32 {
    let p = Int(package)
    while byDay.count <= p {
      byDay.append([])
      origin.append(0)
    }
    if byDay[p].isEmpty { origin[p] = day }
    let low = min(Int(origin[p]), Int(day))
    let high = max(Int(origin[p]) + byDay[p].count, Int(day) + 1)
    if high - low <= Self.maxSpan {
      if low < Int(origin[p]) {
        byDay[p].insert(contentsOf: repeatElement(-1, count: Int(origin[p]) - low), at: 0)
        origin[p] = Int32(low)
      }
      if high > Int(origin[p]) + byDay[p].count { byDay[p].append(contentsOf: repeatElement(-1, count: high - Int(origin[p]) - byDay[p].count)) }
      let n = Int32(pages.count)
      pages.append(Page(package: package, day: day))
      byDay[p][Int(day) - Int(origin[p])] = n
      return n
    }
    return directoryPage(package: package, day: day)
  }

  private mutating func directoryPage(package: Int32, day: Int32) -> Int32 {
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
    inDirectory.append(n)
    if inDirectory.count * 2 > directory.count {
      directory = Self.rehash(inDirectory.lazy.map { [pages] in (Self.hash(pages[Int($0)].package, pages[Int($0)].day), $0) }, size: directory.count * 2)
    }
    return n
  }

  /// A fresh slot array of `size` (a power of two) holding each value at its hash.
  static func rehash(_ entries: some Sequence<(hash: Int, value: Int32)>, size: Int) -> [Int32] {
    var slots = [Int32](repeating: -1, count: size)
    let mask = size - 1
    for (h, value) in entries {
      var i = h & mask
      while slots[i] >= 0 { i = (i + 1) & mask }
      slots[i] = value
    }
    return slots
  }
}
