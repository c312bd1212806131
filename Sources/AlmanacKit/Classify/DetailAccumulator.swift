/// Sums detail rows into dense counters per (package, day, version): one per installer class
/// plus one for downloads that could have been a person. Everything the classified output
/// needs — per-day class totals, per-version class mixes, the demand estimate, release days —
/// is derived from these counters, so a year of rows costs one pass and a few MB.
///
/// A row is first resolved to ids (`Staged`: its (package, day) page, version, installer slot
/// word), then counted. `add` does both at once; the streaming classifier `stage`s rows in
/// per-page runs, so rows in any order count as locally as sorted ones.
struct DetailAccumulator {
  static let humanSlot = InstallerClass.allCases.count
  static let slots = humanSlot + 1

  /// One row resolved to ids.
  struct Staged {
    var page: Int32
    var version: Int32
    var slot: Int32
    var downloads: Int64
  }

  let rules: InstallerRules
  var packages = ByteInterner()
  var versions = ByteInterner()
  var installers = ByteInterner()
  /// Each column's values by their bytes, in front of the interners.
  var packageCache = PackedKeyCache(bits: 6)
  var versionCache = PackedKeyCache(bits: 10)
  var installerCache = PackedKeyCache(bits: 8)
  /// Per installer id: its slot word (see `resolve`).
  var installerSlot: [Int32] = []
  var unknownDownloads: [Int32: Int64] = [:]
  var groups = GroupTable()
  var lastPackage: Int32 = -1
  var lastDay: Int32 = 0
  var lastPage: Int32 = -1
  /// Rows resolved but not yet counted (`stage`): `pendingRun` words per page, and how many
  /// of its words are in use.
  var pending: [UInt64] = []
  var pendingFill: [UInt16] = []
  var pendingRun = pendingPerPage

  init(rules: InstallerRules) { self.rules = rules }

  @inline(__always)
  static func intern(_ b: UnsafeBufferPointer<UInt8>, _ cache: inout PackedKeyCache, _ interner: inout ByteInterner) -> Int32 {
    guard let key = PackedKeyCache.key(b) else { return interner.id(b) }
    if let id = cache.value(key) { return id }
    let id = interner.id(b)
    cache.set(key, id)
    return id
  }

  @inline(__always)
  mutating func resolve(
    day: Day, package: UnsafeBufferPointer<UInt8>, version: UnsafeBufferPointer<UInt8>, installer: UnsafeBufferPointer<UInt8>, downloads: Int64
  ) -> Staged {
    let p = Self.intern(package, &packageCache, &packages)
    let v = Self.intern(version, &versionCache, &versions)
    let i = Int(Self.intern(installer, &installerCache, &installers))
    if i == installerSlot.count { installerSlot.append(resolve(Int32(i))) }
    let slot = installerSlot[i]
    if Int(slot) & Self.unknownFlag != 0 { unknownDownloads[Int32(i), default: 0] += downloads }
    let d = Int32(truncatingIfNeeded: day.ordinal)
    if p != lastPackage || d != lastDay {
      lastPage = groups.page(package: p, day: d)
      lastPackage = p
      lastDay = d
    }
    return Staged(page: lastPage, version: v, slot: slot, downloads: downloads)
  }

  @inline(__always)
  mutating func count(_ row: Staged) {
    groups.pages[Int(row.page)].count(row)
  }

  @inline(__always)
  mutating func add(
    day: Day, package: UnsafeBufferPointer<UInt8>, version: UnsafeBufferPointer<UInt8>, installer: UnsafeBufferPointer<UInt8>, downloads: Int64
  ) {
    count(resolve(day: day, package: package, version: version, installer: installer, downloads: downloads))
  }

  mutating func add(_ row: DetailedDownload) {
    var package = row.package
    var version = row.version
    var installer = row.installer
    package.withUTF8 { p in
      version.withUTF8 { v in
        installer.withUTF8 { i in add(day: row.date, package: p, version: v, installer: i, downloads: row.downloads) }
      }
    }
  }

  static let classMask = 7
  static let humanFlag = 8
  static let unknownFlag = 16

  /// The slot word of a new installer name: class index, `humanFlag`, `unknownFlag`.
  private mutating func resolve(_ id: Int32) -> Int32 {
    let name = installers.string(id)
    let cls = rules.classOf(name)
    if cls == nil { unknownDownloads[id] = 0 }
    return Int32((cls ?? .unknown).index | (rules.couldBeHuman(name) ? Self.humanFlag : 0) | (cls == nil ? Self.unknownFlag : 0))
  }
}
