import Foundation
import SOPCore
import SOPValidation

/// Formats diagnostics as compilers do: location, severity, message, code, the source line and a caret.
///
/// The message, hint and notes are in the language of this run. The severity word (`error`,
/// `warning`, `info`) stays as compilers print it in both languages, like the code: editors and CI
/// jobs read `file:line:column: error:` lines.
struct DiagnosticPrinter {
    let useColor: Bool

    static var standardOutputIsTerminal: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    private func paint(_ text: String, _ code: String) -> String {
        useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func severityLabel(_ severity: Severity) -> String {
        switch severity {
        case .error: paint("error", "1;31")
        case .warning: paint("warning", "1;33")
        case .info: paint("info", "1;36")
        }
    }

    /// One diagnostic: its line, the source line with a caret, the hint and the notes.
    func format(_ diagnostic: Diagnostic) -> String {
        var text = paint("\(diagnostic.location):", "1") + " \(severityLabel(diagnostic.severity)): "
            + paint(diagnostic.message.localized, "1") + " [\(diagnostic.code.id)]\n"
        if let line = diagnostic.sourceLine {
            let shown = line.replacingOccurrences(of: "\t", with: " ")
            text += "    \(shown)\n"
            let padding = String(repeating: " ", count: max(0, min(diagnostic.location.column - 1, shown.count)))
            text += "    \(padding)\(paint("^", "1;32"))\n"
        }
        if let hint = diagnostic.hint { text += tr(id: "  saran: ", en: "  hint: ") + hint.localized + "\n" }
        for note in diagnostic.notes { text += tr(id: "  catatan: ", en: "  note: ") + "\(note.location): \(note.message.localized)\n" }
        return text
    }

    /// A finding a file accepts: the finding, then who accepted it where and why.
    func format(_ suppressed: SuppressedDiagnostic) -> String {
        let at = suppressed.suppression.location
        return format(suppressed.diagnostic)
            + tr(id: "  diterima di \(at): ", en: "  accepted at \(at): ") + suppressed.suppression.reason + "\n"
    }

    /// The closing line: how many files, errors, warnings and info.
    func summary(_ report: ValidationReport) -> String {
        let files = report.files.count
        let errors = report.count(.error)
        let warnings = report.count(.warning)
        let info = report.count(.info)
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        let accepted = report.suppressed.count
        return tr(
            id: "\(files) berkas diperiksa: \(errors) kesalahan, \(warnings) peringatan, \(info) info"
                + (accepted > 0 ? "; \(accepted) temuan diterima (lihat --show-suppressed)" : "") + "\n",
            en: "\(plural(files, "file")) checked: \(plural(errors, "error")), \(plural(warnings, "warning")), \(info) info"
                + (accepted > 0 ? "; \(accepted) accepted (see --show-suppressed)" : "") + "\n")
    }
}
