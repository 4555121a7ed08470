/// The spread of a series of timings, in one unit.
struct Summary: Codable, Sendable {
    /// How many timings.
    var count: Int
    /// The fastest.
    var min: Double
    /// The middle one (the mean of the two middle ones for an even count).
    var median: Double
    /// The 90th percentile, nearest rank.
    var p90: Double
    /// The slowest.
    var max: Double

    /// Summarises durations, each converted with `unit` (for example to microseconds); nil when empty.
    init?(_ durations: [Duration], unit: (Duration) -> Double) {
        self.init(values: durations.map(unit))
    }

    /// Summarises values already in one unit (rates, megabytes); nil when empty.
    init?(values: [Double]) {
        let sorted = values.sorted()
        guard let first = sorted.first, let last = sorted.last else { return nil }
        let count = sorted.count
        self.count = count
        min = first
        max = last
        median = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2
        let rank = Int((0.9 * Double(count)).rounded(.up))
        p90 = sorted[Swift.min(Swift.max(rank, 1), count) - 1]
    }
}

extension Duration {
    /// The duration in microseconds.
    var microseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1e6 + Double(attoseconds) / 1e12
    }

    /// The duration in milliseconds.
    var milliseconds: Double { microseconds / 1e3 }
}

/// Times `body`: `warmup` unmeasured calls, then `iterations` measured ones with the monotonic clock.
func measure<Failure: Error>(
    warmup: Int, iterations: Int, _ body: () throws(Failure) -> Void
) throws(Failure) -> [Duration] {
    let clock = ContinuousClock()
    for _ in 0..<warmup { try body() }
    var durations: [Duration] = []
    durations.reserveCapacity(iterations)
    for _ in 0..<iterations {
        let start = clock.now
        try body()
        durations.append(clock.now - start)
    }
    return durations
}
