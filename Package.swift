// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "almanac",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "almanac", targets: ["almanac"]),
    .executable(name: "almanac-fetch", targets: ["almanac-fetch"]),
    .executable(name: "almanac-normalize", targets: ["almanac-normalize"]),
    .executable(name: "almanac-classify", targets: ["almanac-classify"]),
    .executable(name: "almanac-aggregate", targets: ["almanac-aggregate"]),
    .executable(name: "almanac-render", targets: ["almanac-render"]),
    .library(name: "AlmanacKit", targets: ["AlmanacKit"]),
    .library(name: "AlmanacCLI", targets: ["AlmanacCLI"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // Pure core: no disk, network, clock or environment.
    .target(
      name: "AlmanacKit",
      dependencies: ["CZlib", .product(name: "Yams", package: "Yams")]
    ),
    .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
    // Edges: commands, the stats/ store, HTTP transport, environment, logging.
    .target(
      name: "AlmanacCLI",
      dependencies: [
        "AlmanacKit", "CZlib",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ],
      resources: [.copy("Resources/demo-recording")]
    ),
    .executableTarget(name: "almanac", dependencies: ["AlmanacCLI"]),
    .executableTarget(name: "almanac-fetch", dependencies: ["AlmanacCLI"]),
    .executableTarget(name: "almanac-normalize", dependencies: ["AlmanacCLI"]),
    .executableTarget(name: "almanac-classify", dependencies: ["AlmanacCLI"]),
    .executableTarget(name: "almanac-aggregate", dependencies: ["AlmanacCLI"]),
    .executableTarget(name: "almanac-render", dependencies: ["AlmanacCLI"]),
    .target(
      name: "AlmanacTestSupport",
      dependencies: ["AlmanacKit", "AlmanacCLI", .product(name: "Yams", package: "Yams")],
      path: "Tests/AlmanacTestSupport"
    ),
    .testTarget(
      name: "AlmanacKitTests",
      dependencies: ["AlmanacKit"]
    ),
    .testTarget(
      name: "AlmanacCLITests",
      dependencies: [
        "AlmanacCLI", "AlmanacKit", "AlmanacTestSupport",
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["AlmanacKit", "AlmanacTestSupport"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
