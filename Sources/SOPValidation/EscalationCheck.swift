import SOPCore
import SOPModel

/// Every level of escalation, of each step and of the whole case, can do what it says: it goes to
/// an actor of the office who does not have the work already, later than the level before it, at
/// a time that makes sense.
///
/// A step's level counts from when the step starts, the case's from when the case opens. A first
/// level without `after:` falls due at the step's budget (for the case, at its declared `total:`,
/// else at the sum of the steps' budgets), as the engine schedules it; a later level must say.
/// Unknown actors are `ReferenceCheck`'s.
enum EscalationCheck {
    /// How far an escalation may lie beyond what it escalates: ten times its budget.
    static let budgetFactor = 10
    /// The latest escalation that makes sense at all: a working year.
    static let latest = Budget(days: 250)

    static func check(_ workflow: Workflow) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for step in workflow.steps where !step.escalations.isEmpty {
            diagnostics += check(step.escalations, of: .step(step), in: workflow)
        }
        if !workflow.escalations.isEmpty {
            // Without a declared total, the sum of the budgets; a guess when some budget is unreadable.
            let budgets = workflow.steps.map(\.budget?.value)
            let sum = budgets.contains(nil) ? nil : budgets.compactMap { $0 }.reduce(.zero, +)
            diagnostics += check(workflow.escalations, of: .wholeCase(base: workflow.total?.value ?? sum), in: workflow)
        }
        return diagnostics
    }

    /// What is escalated: one step, or the whole case.
    private enum Subject {
        case step(Step)
        case wholeCase(base: Budget?)

        /// The time the first level falls due at when it does not say; none for a step with no
        /// stated time.
        var base: Budget? {
            switch self {
            case .step(let step): step.isUntimed ? nil : step.budget?.value
            case .wholeCase(let base): base
            }
        }

        /// What the first level falls due at by default, in words.
        var baseWords: Text {
            switch self {
            case .step: Text(id: "waktu langkah", en: "the step's budget")
            case .wholeCase: Text(id: "total waktu", en: "the case's total")
            }
        }

        /// "level 2 of the escalation of step 'analisa'", in both languages.
        func level(_ number: Int) -> Text {
            switch self {
            case .step(let step):
                Text(
                    id: "tingkat \(number) eskalasi langkah '\(step.id.value)'",
                    en: "level \(number) of the escalation of step '\(step.id.value)'")
            case .wholeCase:
                Text(
                    id: "tingkat \(number) eskalasi seluruh pengaduan",
                    en: "level \(number) of the escalation of the whole case")
            }
        }
    }

    private static func check(_ levels: [Escalation], of subject: Subject, in workflow: Workflow) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // The time of the latest level before, by its number, when it is known.
        var previous: (number: Int, time: Budget)?
        var earlierActors: [ActorID: Int] = [:]
        for (index, level) in levels.enumerated() {
            let number = index + 1
            let what = subject.level(number)
            let actor = level.to.value

            if let definition = workflow.actor(actor), definition.isExternal {
                diagnostics.append(Diagnostic(.escalationOutsideOffice, at: level.location, Text(
                    id: "\(what.id) menuju '\(actor)' (\(definition.name)), yang berada di luar kantor",
                    en: "\(what.en) goes to '\(actor)' (\(definition.name)), who is outside the office")))
            }

            if case .step(let step) = subject, step.performers.actors.contains(where: { $0.value == actor }) {
                diagnostics.append(Diagnostic(.escalationChangesNothing, at: level.location, Text(
                    id: "\(what.id) menuju '\(actor)', yang sudah mengerjakan langkah ini",
                    en: "\(what.en) goes to '\(actor)', who already does the step")))
            } else if let first = earlierActors[actor] {
                diagnostics.append(Diagnostic(.escalationChangesNothing, at: level.location, Text(
                    id: "\(what.id) menuju '\(actor)', yang sudah menerima tingkat \(first)",
                    en: "\(what.en) goes to '\(actor)', who already has level \(first)"),
                    notes: [.init(location: levels[first - 1].location, message: Text(
                        id: "tingkat \(first) di sini", en: "level \(first) here"))]))
            }
            if earlierActors[actor] == nil { earlierActors[actor] = number }

            let time: Budget?
            if let after = level.after?.value {
                time = after
            } else if index == 0, case .step(let step) = subject, step.isUntimed {
                time = nil
                diagnostics.append(Diagnostic(.escalationWithoutTime, at: level.location, Text(
                    id: "\(what.id) tidak menyebutkan waktunya (`after:`), dan langkah itu tanpa waktu (\"-\"), jadi tingkat ini tidak pernah jatuh tempo",
                    en: "\(what.en) does not say when (`after:`), and the step has no stated time (\"-\"), so the level never falls due"),
                    hint: Text(
                        id: "sebutkan berapa lama setelah langkah dimulai, misalnya `after: 2 hari`, atau hapus eskalasinya",
                        en: "say how long after the step starts, e.g. `after: 2 hari`, or remove the escalation")))
            } else if index == 0 {
                time = subject.base
            } else {
                time = nil
                let hint: Text
                switch subject {
                case .step:
                    hint = Text(
                        id: "sebutkan berapa lama setelah langkah dimulai, misalnya `after: 6 hari`",
                        en: "say how long after the step starts, e.g. `after: 6 hari`")
                case .wholeCase:
                    hint = Text(
                        id: "sebutkan berapa lama setelah pengaduan dibuka, misalnya `after: 6 hari`",
                        en: "say how long after the case opens, e.g. `after: 6 hari`")
                }
                let base = subject.baseWords
                diagnostics.append(Diagnostic(.escalationWithoutTime, at: level.location, Text(
                    id: "\(what.id) tidak menyebutkan waktunya (`after:`); hanya tingkat pertama yang bawaannya \(base.id)",
                    en: "\(what.en) does not say when (`after:`); only the first level defaults to \(base.en)"),
                    hint: hint))
            }
            guard let time else { continue }

            if let previous, !(previous.time < time) {
                diagnostics.append(Diagnostic(.escalationOutOfOrder, at: level.location, Text(
                    id: "\(what.id) jatuh pada \(time), tidak lebih lama daripada tingkat \(previous.number) (\(previous.time))",
                    en: "\(what.en) falls due at \(time), not later than level \(previous.number) (\(previous.time))"),
                    notes: [.init(location: levels[previous.number - 1].location, message: Text(
                        id: "tingkat \(previous.number) di sini", en: "level \(previous.number) here"))]))
            }
            previous = (number, time)

            if let base = subject.base, time.isCertainlyLonger(than: base.times(budgetFactor)) {
                let words = subject.baseWords
                diagnostics.append(Diagnostic(.escalationTooLate, at: level.location, Text(
                    id: "\(what.id) jatuh pada \(time), lebih dari \(budgetFactor) kali \(words.id) (\(base))",
                    en: "\(what.en) falls due at \(time), more than \(budgetFactor) times \(words.en) (\(base))")))
            } else if time.isCertainlyLonger(than: latest) {
                diagnostics.append(Diagnostic(.escalationTooLate, at: level.location, Text(
                    id: "\(what.id) jatuh pada \(time), lebih dari \(latest.days) hari kerja",
                    en: "\(what.en) falls due at \(time), more than \(latest.days) working days")))
            }
        }
        return diagnostics
    }
}

extension Budget {
    /// The shortest and the longest working day a calendar may have, in minutes: budgets whose
    /// days and minutes disagree are compared for every day length between them, since the
    /// validator does not know the calendar's.
    fileprivate static let dayLengths = [60, 24 * 60]

    /// The budget `factor` times over, part by part.
    fileprivate func times(_ factor: Int) -> Budget {
        Budget(days: days * factor, minutes: minutes * factor)
    }

    /// Whether the budget is longer than another however long a working day is (between one hour
    /// and a whole day): `3 hari` is longer than `2 jam 30 menit`, `1 hari` is not certainly
    /// longer than `2 jam`.
    fileprivate func isCertainlyLonger(than other: Budget) -> Bool {
        Budget.dayLengths.allSatisfy { day in days * day + minutes > other.days * day + other.minutes }
    }
}
