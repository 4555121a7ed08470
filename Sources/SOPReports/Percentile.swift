/// Medians and percentiles by the nearest-rank method: the p-th percentile of n values is the
/// value at rank ⌈p × n / 100⌉ of them sorted (rank 1 the smallest), so it is always one of the
/// values themselves; the median is the 50th percentile (of an even count, the lower middle value).
public enum Percentile {
    /// The p-th percentile (0 < p ≤ 100) of values already sorted ascending; nil when there are none.
    public static func nearestRank(_ p: Int, ofSorted values: [Int]) -> Int? {
        guard !values.isEmpty else { return nil }
        let rank = (p * values.count + 99) / 100  // ⌈p·n/100⌉
        return values[min(values.count, max(1, rank)) - 1]
    }
}

/// Working durations gathered for one line of a report, in seconds; reported in whole minutes
/// (rounded down).
struct Durations: Sendable {
    private(set) var seconds: [Int] = []
    private var isSorted = true

    mutating func add(_ value: Int) {
        if let last = seconds.last, value < last { isSorted = false }
        seconds.append(value)
    }

    var count: Int { seconds.count }

    /// The p-th percentile in whole minutes, nearest rank; nil when there are no values.
    mutating func minutes(percentile p: Int) -> Int? {
        if !isSorted {
            seconds.sort()
            isSorted = true
        }
        return Percentile.nearestRank(p, ofSorted: seconds).map { $0 / 60 }
    }
}
