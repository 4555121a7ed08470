/// The command-line options of `sop-bench`.
struct Options: Sendable {
    /// How the results are printed.
    enum Format: String, Sendable {
        /// A small table for people.
        case text
        /// One JSON object for tools.
        case json
    }

    /// Measured iterations of each in-process benchmark.
    var iterations = 2_000
    /// Unmeasured iterations before each in-process benchmark.
    var warmup = 50
    /// Measured runs of the `sop` process.
    var processRuns = 100
    /// Unmeasured runs of the `sop` process before the measured ones.
    var processWarmup = 5
    /// How the results are printed.
    var format = Format.text

    /// The help text.
    static let usage = """
        usage: sop-bench [--iterations N] [--warmup N] [--process-runs N] [--process-warmup N] [--format text|json]

        Measures `sop` validation of the workflows in `workflows/`: in-process load+validate per
        workflow (from text and from disk) and the whole `sop validate workflows/` process, which is
        looked up beside this executable (build it first: swift build -c release --product sop).

          --iterations N       measured in-process iterations (default 2000)
          --warmup N           in-process warm-up iterations (default 50)
          --process-runs N     measured runs of the sop process (default 100)
          --process-warmup N   warm-up runs of the sop process (default 5)
          --format text|json   output format (default text)

        Exit status: 0 measured (targets met or not), 1 a result was wrong or a run failed, 2 usage error.
        """

    /// Parses the arguments that follow the program name; both `--flag value` and `--flag=value` are accepted.
    static func parse(_ arguments: [String]) throws(UsageError) -> Options {
        var options = Options()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if argument == "-h" || argument == "--help" { throw UsageError(message: nil) }
            var name = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            func value() throws(UsageError) -> String {
                if let inlineValue { return inlineValue }
                guard let next = remaining.popFirst() else { throw UsageError(message: "\(name) needs a value") }
                return next
            }
            switch name {
            case "--iterations": options.iterations = try count(try value(), for: name, minimum: 1)
            case "--warmup": options.warmup = try count(try value(), for: name, minimum: 0)
            case "--process-runs": options.processRuns = try count(try value(), for: name, minimum: 1)
            case "--process-warmup": options.processWarmup = try count(try value(), for: name, minimum: 0)
            case "--format":
                let text = try value()
                guard let format = Format(rawValue: text) else {
                    throw UsageError(message: "unknown format '\(text)' (use text or json)")
                }
                options.format = format
            default:
                throw UsageError(message: "unknown argument '\(argument)'")
            }
        }
        return options
    }

    /// Reads a whole number of at least `minimum`.
    private static func count(_ text: String, for name: String, minimum: Int) throws(UsageError) -> Int {
        guard let number = Int(text), number >= minimum else {
            throw UsageError(message: "\(name) needs a whole number ≥ \(minimum), found '\(text)'")
        }
        return number
    }
}

/// Arguments that could not be understood; no message means help was asked for.
struct UsageError: Error {
    /// What was wrong, or nil for `--help`.
    var message: String?
}
