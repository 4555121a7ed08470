import Foundation
import SOPCore
import SOPRender

/// `sop test --format junit`: JUnit XML, as CI systems read test reports (GitHub Actions test
/// reporters, GitLab, Jenkins): a test suite per scenario file, a test case per scenario, a
/// `<failure>` per failed expectation with its file and line. A file whose scenarios could not run
/// (its shape, its names or its workflow has errors) is one test case with an `<error>`.
public enum ScenarioJUnit {
    /// The XML document of a run, its messages in `language`.
    public static func document(_ run: ScenarioTests.Run, language: Language) -> String {
        let results = run.results
        let failed = results.filter { !$0.passed }.count
        let broken = run.files.filter { $0.diagnostics.hasErrors }.count + (run.diagnostics.hasErrors ? 1 : 0)
        let seconds = run.files.map(\.seconds).reduce(0, +)
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"sop test\" tests=\"\(results.count + broken)\" failures=\"\(failed)\" errors=\"\(broken)\" time=\"\(time(seconds))\">\n"
        if run.diagnostics.hasErrors {
            xml += "  <testsuite name=\"sop test\" tests=\"1\" failures=\"0\" errors=\"1\">\n"
            xml += errorCase(name: "sop test", classname: "sop-test", file: nil, diagnostics: run.diagnostics, language: language)
            xml += "  </testsuite>\n"
        }
        for file in run.files {
            let classname = file.workflow?.id.value.rawValue ?? file.path
            let errors = file.diagnostics.hasErrors ? 1 : 0
            let failures = file.results.filter { !$0.passed }.count
            xml += "  <testsuite name=\"\(escape(file.path))\" tests=\"\(file.results.count + errors)\" failures=\"\(failures)\" "
                + "errors=\"\(errors)\" time=\"\(time(file.seconds))\">\n"
            if errors > 0 {
                xml += errorCase(name: file.path, classname: classname, file: file.path, diagnostics: file.diagnostics, language: language)
            }
            for result in file.results {
                xml += "    <testcase classname=\"\(escape(classname))\" name=\"\(escape(result.name))\" "
                    + "file=\"\(escape(result.location.file))\" line=\"\(result.location.line)\""
                guard !result.passed else {
                    xml += "/>\n"
                    continue
                }
                xml += ">\n"
                for failure in result.failures {
                    let message = failure.message(language)
                    xml += "      <failure message=\"\(escape(message))\" type=\"\(failure.expected == nil ? "refused" : "expectation")\">"
                        + escape(describe(failure, language: language)) + "</failure>\n"
                }
                xml += "    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        xml += "</testsuites>\n"
        return xml
    }

    /// A failure in one line: where, what, and what was expected against what came.
    public static func describe(_ failure: ScenarioFailure, language: Language) -> String {
        var text = "\(failure.location): \(failure.message(language))"
        if let expected = failure.expected {
            text += language == .id ? "; diharapkan: \(expected)" : "; expected: \(expected)"
        }
        if let actual = failure.actual {
            text += language == .id ? "; ternyata: \(actual)" : "; actual: \(actual)"
        }
        return text
    }

    private static func errorCase(name: String, classname: String, file: String?, diagnostics: [Diagnostic], language: Language) -> String {
        let errors = diagnostics.filter { $0.severity == .error }
        let lines = errors.map { "\($0.location): \($0.code) \($0.message(language))" }.joined(separator: "\n")
        let first = errors.first.map { "\($0.code) \($0.message(language))" } ?? ""
        var xml = "    <testcase classname=\"\(escape(classname))\" name=\"\(escape(name))\""
        if let file { xml += " file=\"\(escape(file))\"" }
        xml += ">\n      <error message=\"\(escape(first))\" type=\"diagnostics\">\(escape(lines))</error>\n    </testcase>\n"
        return xml
    }

    private static func time(_ seconds: Double) -> String {
        String(format: "%.6f", seconds)
    }

    /// Text as XML character data or an attribute value (`Markup.escape`).
    static func escape(_ text: String) -> String { Markup.escape(text) }
}
