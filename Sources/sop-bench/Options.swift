/// The command-line options of `sop-bench`.
struct Options: Sendable {
    /// How the results are printed.
    enum Format: String, Sendable {
        /// A small table for people.
        case text
        /// One JSON object for tools.
        case json
    }

    /// Which measurements to take.
    enum Suite: String, Sendable, CaseIterable {
        /// `sop validate`: in-process load+validate and the whole process.
        case validation
        /// Complaints through the engine in memory.
        case engine
        /// Durable steps through the store against raw SQLite inserts.
        case store
        /// Whole `sop case` processes on big databases.
        case cli
        /// The sweep and calendar changes only (a part of `cli`): `sop tick` and `sop publish`.
        case sweep
        /// Scenario tests and paths: `sop test` in process, `sop paths` on a wide workflow.
        case scenarios
        /// `sop case step` and concurrent durable steps on PostgreSQL (needs a server; not in `all`).
        case postgres
        /// All of them (but postgres).
        case all
    }

    /// Which measurements to take.
    var suite = Suite.all
    /// Complaints per measured round of the engine suite.
    var engineComplaints = 200_000
    /// Measured rounds of the engine suite.
    var engineRounds = 5
    /// Raw inserts, and as many appends, per round of the store suite.
    var storeOperations = 1_000
    /// Rounds of the store suite.
    var storeRounds = 5
    /// Cases in the database `sop case step` runs on.
    var cliCases = 100_000
    /// Cases in the database `sop case list --overdue` runs on.
    var cliLargeCases = 1_000_000
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
        usage: sop-bench [--suite validation|engine|store|cli|sweep|scenarios|postgres|all] [--iterations N] [--warmup N]
                         [--process-runs N] [--process-warmup N] [--engine-complaints N] [--engine-rounds N]
                         [--store-operations N] [--store-rounds N] [--cli-cases N] [--cli-large-cases N]
                         [--format text|json]

        Suites (default all):
          validation  in-process load+validate of each workflow in `workflows/` (from text and from disk)
                      and the whole `sop validate workflows/` process
          engine      complaints per second through Engine.open/handle in memory (SOP 067/12351:
                      40% resolved at the front office, 40% all 7 steps, 20% returned once)
          store       CaseStore.append of one engine step per transaction against single-row INSERT
                      transactions with the store's SQLite settings, in fresh temporary files
          cli         `sop case step` on a database of --cli-cases cases and `sop case list --overdue
                      --format json` on one of --cli-large-cases, as processes, with peak memory; the
                      databases are seeded once into .build-bench-data/ and reused; then the sweep's
          sweep       only the part of cli that sweeps and publishes a calendar: `sop tick` with
                      nothing due on the --cli-large-cases database, with 10,000 escalations due at
                      once, and `sop publish` of a calendar over 10,000 open cases
          scenarios   `sop test` in process over a scenario per path of both shipped SOPs (steps/s),
                      the shipped scenario files, and `sop paths` on 60 steps with 20 decisions
          postgres    (not in all: it needs a server) the --cli-cases database copied into
                      PostgreSQL, `sop case step` processes on it, and durable steps from 16 clients
                      against pgbench's single-row INSERTs on the same cluster; the server is
                      SOP_BENCH_POSTGRES or SOP_TEST_POSTGRES:
                      SOP_POSTGRES_DURABLE=1 scripts/with-postgres sop-bench --suite postgres
        The sop executable is looked up beside this one (build both: swift build -c release).

          --iterations N          measured in-process iterations (default 2000)
          --warmup N              in-process warm-up iterations (default 50)
          --process-runs N        measured runs of each sop process (default 100)
          --process-warmup N      warm-up runs of each sop process (default 5)
          --engine-complaints N   complaints per engine round (default 200000)
          --engine-rounds N       measured engine rounds, after a warm-up round (default 5)
          --store-operations N    inserts and appends per store round (default 1000)
          --store-rounds N        store rounds (default 5)
          --cli-cases N           cases in the `sop case step` database (default 100000)
          --cli-large-cases N     cases in the `sop case list` database (default 1000000)
          --format text|json      output format (default text)

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
            case "--suite":
                let text = try value()
                guard let suite = Suite(rawValue: text) else {
                    throw UsageError(message: "unknown suite '\(text)' (use validation, engine, store, cli, sweep, scenarios or all)")
                }
                options.suite = suite
            case "--engine-complaints": options.engineComplaints = try count(try value(), for: name, minimum: 1)
            case "--engine-rounds": options.engineRounds = try count(try value(), for: name, minimum: 1)
            case "--store-operations": options.storeOperations = try count(try value(), for: name, minimum: 1)
            case "--store-rounds": options.storeRounds = try count(try value(), for: name, minimum: 1)
            case "--cli-cases": options.cliCases = try count(try value(), for: name, minimum: 1_000)
            case "--cli-large-cases": options.cliLargeCases = try count(try value(), for: name, minimum: 1_000)
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

    /// Whether a suite is to run.
    func runs(_ suite: Suite) -> Bool { (self.suite == .all && suite != .postgres) || self.suite == suite }

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
