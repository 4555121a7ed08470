/// Suggestions for misspelt names ("did you mean …?", "mungkin yang dimaksud …?").
public enum Spelling {
    /// The candidate closest to `word` by edit distance, if one is within two edits
    /// (or a third of the word's length, for long words). Ties go to the alphabetically first
    /// candidate, so the suggestion is the same whatever order the candidates come in.
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let limit = max(2, word.count / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let distance = editDistance(word.lowercased(), candidate.lowercased(), limit: limit)
            if distance <= limit, let current = best, distance == current.distance, candidate < current.candidate {
                best = (candidate, distance)
            } else if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// "did you mean 'x'?" in both languages, or `nil` when no candidate is close.
    public static func didYouMean(_ word: String, among candidates: some Sequence<String>) -> Text? {
        closest(to: word, among: candidates).map(suggestion)
    }

    /// "did you mean 'x'?" in both languages, for a candidate already found.
    public static func suggestion(_ candidate: String) -> Text {
        Text(id: "mungkin yang dimaksud '\(candidate)'?", en: "did you mean '\(candidate)'?")
    }

    /// The Levenshtein distance between two strings, giving up (returning `limit + 1`) once it
    /// exceeds `limit`, so that long inputs cost little.
    public static func editDistance(_ lhs: String, _ rhs: String, limit: Int = .max) -> Int {
        let a = Array(lhs.unicodeScalars)
        let b = Array(rhs.unicodeScalars)
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
