// swift-tools-version:6.0
// scimd: a SCIM 2.0 directory in one static Linux executable.
// No package dependencies: only the toolchain's modules plus our own C shim for Linux headers.
import PackageDescription

let package = Package(
    name: "scimd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "scimd", targets: ["scimd"]),
    ],
    targets: [
        // Linux system headers Swift's Glibc module does not export (epoll, eventfd, getrandom, flock, accept4).
        .target(name: "CLinux"),
        // SHA-256, HMAC, PBKDF2, CRC-32C, CSPRNG, constant-time compare.
        .target(name: "Crypto", dependencies: ["CLinux"]),
        // The pure SCIM protocol core: JSON, schemas, filters, PATCH, projection, sorting, errors. No I/O.
        .target(name: "SCIMCore", linkerSettings: [.linkedLibrary("m")]),
        // Durable state: append-only JSON-lines log, snapshots, recovery, in-memory indexes.
        .target(name: "Store", dependencies: ["SCIMCore", "Crypto", "CLinux"]),
        // Event-driven HTTP/1.1 server on epoll.
        .target(name: "HTTPServer", dependencies: ["CLinux"]),
        // The SCIM endpoint: routes, bearer-token auth, integrations, activity.
        .target(name: "SCIMEndpoint", dependencies: ["SCIMCore", "Store", "HTTPServer", "Crypto", "CLinux"]),
        // Server-rendered admin pages.
        .target(name: "AdminPages", dependencies: ["SCIMCore", "Store", "HTTPServer", "Crypto", "SCIMEndpoint"]),
        // The thin executable: CLI and wiring.
        .executableTarget(name: "scimd", dependencies: ["SCIMCore", "Store", "HTTPServer", "SCIMEndpoint", "AdminPages", "Crypto", "CLinux"]),

        .testTarget(name: "CryptoTests", dependencies: ["Crypto"]),
        .testTarget(name: "SCIMCoreTests", dependencies: ["SCIMCore"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "SCIMCore", "Crypto"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "CLinux"]),
        .testTarget(name: "SCIMEndpointTests", dependencies: ["SCIMEndpoint", "Store", "SCIMCore", "HTTPServer", "Crypto", "CLinux"]),
        .testTarget(name: "AdminPagesTests", dependencies: ["AdminPages", "SCIMEndpoint", "Store", "SCIMCore", "HTTPServer", "Crypto", "CLinux"]),
    ],
    swiftLanguageModes: [.v6]
)
