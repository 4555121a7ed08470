import SOPCore

/// The candidate closest to `name` by edit distance, if one is at most two edits away
/// (and fewer edits than `name` has characters, so `ab` does not suggest `xy`).
///
/// Ties go to the candidate that sorts first, so the suggestion is the same every run even when
/// the candidates come from a dictionary.
func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
    let target = name.lowercased()
    let length = target.unicodeScalars.count
    var best: (distance: Int, candidate: String)?
    for candidate in candidates where candidate != name {
        let distance = Spelling.editDistance(target, candidate.lowercased(), limit: 2)
        guard distance <= 2, distance < length else { continue }
        if let current = best, (current.distance, current.candidate) <= (distance, candidate) { continue }
        best = (distance, candidate)
    }
    return best?.candidate
}

/// `'a', 'b', 'c'`: values quoted as a rule would write them.
func quotedList(_ values: [String]) -> String {
    values.map { "'\($0)'" }.joined(separator: ", ")
}
