extension DetailAccumulator {
  /// Resolves a row and keeps it for the next `flush`.
  @inline(__always)
  mutating func stage(
    day: Day, package: UnsafeBufferPointer<UInt8>, version: UnsafeBufferPointer<UInt8>, installer: UnsafeBufferPointer<UInt8>, downloads: Int64
  ) {
    let row = resolve(day: day, package: package, version: version, installer: installer, downloads: downloads)
    if let last = staged.last, row.page < last.page { stagedInOrder = false }
    staged.append(row)
  }

  /// Counts the staged rows: as they came when their pages never went back (rows in day
  /// order), else bucketed by page first (a counting sort, stable), so one page's counters are
  /// touched together instead of every row landing on a random one.
  mutating func flush() {
    defer {
      staged.removeAll(keepingCapacity: true)
      stagedInOrder = true
    }
    if stagedInOrder {
      countRuns(staged)
      return
    }
    let pages = groups.pages.count
    bucketStarts.removeAll(keepingCapacity: true)
    bucketStarts.append(contentsOf: repeatElement(0, count: pages + 1))
    for row in staged { bucketStarts[Int(row.page) + 1] += 1 }
    for p in 0..<pages { bucketStarts[p + 1] += bucketStarts[p] }
    bucketed.removeAll(keepingCapacity: true)
    bucketed.append(contentsOf: staged)
    for row in staged {
      let p = Int(row.page)
      bucketed[bucketStarts[p]] = row
      bucketStarts[p] += 1
    }
    countRuns(bucketed)
  }

  /// Counts rows run by run of one page, each run inside its page.
  private mutating func countRuns(_ rows: [Staged]) {
    rows.withUnsafeBufferPointer { all in
      var start = 0
      while start < all.count {
        let page = all[start].page
        var end = start + 1
        while end < all.count, all[end].page == page { end += 1 }
        groups.pages[Int(page)].count(UnsafeBufferPointer(rebasing: all[start..<end]))
        start = end
      }
    }
  }
}
