import Foundation

/// A random number generator whose whole state is its seed (SplitMix64), for tests that draw
/// random inputs: a failure names its seed, and the same seed draws the same inputs again.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    /// The generator's state; the seed, before the first number.
    public var state: UInt64

    /// A generator that starts from a seed.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The seeds a random test runs with: `SOP_TEST_SEED=N` runs seed N alone (to replay a failure),
/// else the test's own.
public enum TestSeeds {
    public static func or(_ defaults: [UInt64]) -> [UInt64] {
        if let text = ProcessInfo.processInfo.environment["SOP_TEST_SEED"], let seed = UInt64(text) { return [seed] }
        return defaults
    }
}
