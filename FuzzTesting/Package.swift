// swift-tools-version:5.4
// libFuzzer targets for every parser of outside bytes. Pinned to tools 5.4: newer tools rename
// the fuzzer entry point (swift-protobuf does the same). Run with `FuzzTesting/run`.
import PackageDescription

let package = Package(
  name: "AlmanacFuzzTesting",
  dependencies: [.package(name: "almanac", path: "..")],
  targets: [
    .target(name: "FuzzJSON", dependencies: [.product(name: "AlmanacKit", package: "almanac")]),
    .target(name: "FuzzCSV", dependencies: [.product(name: "AlmanacKit", package: "almanac")]),
    .target(name: "FuzzRecords", dependencies: [.product(name: "AlmanacKit", package: "almanac")]),
    .target(name: "FuzzConfig", dependencies: [.product(name: "AlmanacKit", package: "almanac")]),
    .target(name: "FuzzDetail", dependencies: [.product(name: "AlmanacKit", package: "almanac")]),
    .target(name: "FuzzGitHub", dependencies: [.product(name: "AlmanacKit", package: "almanac")]),
    .target(name: "FuzzPlausible", dependencies: [.product(name: "AlmanacKit", package: "almanac")]),
    .target(name: "FuzzSentry", dependencies: [.product(name: "AlmanacKit", package: "almanac")]),
    .target(name: "FuzzReddit", dependencies: [.product(name: "AlmanacKit", package: "almanac")]),
    .target(name: "FuzzUsage", dependencies: [.product(name: "AlmanacKit", package: "almanac")]),
    .target(name: "FuzzAlerts", dependencies: [.product(name: "AlmanacKit", package: "almanac")]),
    .target(name: "FuzzAlertRules", dependencies: [.product(name: "AlmanacKit", package: "almanac")]),
    .target(name: "FuzzParquet", dependencies: [.product(name: "AlmanacKit", package: "almanac")]),
    .target(name: "FuzzDelta", dependencies: [.product(name: "AlmanacKit", package: "almanac")]),
  ]
)
