import ArgumentParser
import Foundation
import SOPCore
import SOPLoading
import SOPModel
import SOPValidation

/// `sop paths WORKFLOW`: every way through an SOP, with its working time.
struct PathsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paths",
        abstract: tr(
            id: "Setiap jalur SOP dari langkah pertama sampai akhir, dengan waktu kerjanya.",
            en: "Every path through an SOP from its first step to an end, with its working time."),
        discussion: tr(
            id: """
                Setiap cabang setiap keputusan ditempuh; langkah opsional dikerjakan; putaran ulang (kembali ke langkah \
                sebelumnya) diambil lagi paling banyak --loops kali pada satu jalur. Jalur dapat bertambah berlipat \
                dengan banyaknya keputusan: daftar berhenti pada --limit jalur dan mengatakannya.
                """,
            en: """
                Every branch of every decision is taken; optional steps are done; a rework loop (back to an earlier \
                step) is taken again at most --loops times on one path. Paths multiply with decisions: the list stops \
                at --limit paths and says so.
                """))

    @OptionGroup var global: GlobalOptions

    @Argument(
        help: help(
            id: "Berkas alur kerja, atau id alur kerja yang dicari di folder alur kerja.",
            en: "A workflow file, or a workflow id looked up in the workflows folder."),
        completion: Completions.folderWorkflows)
    var workflow: String

    @Option(help: help(id: "Folder tempat mencari id alur kerja.", en: "The folder to look workflow ids up in."))
    var workflows = "workflows"

    @Option(help: help(
        id: "Berapa kali putaran ulang boleh diambil lagi pada satu jalur (0 sampai 5).",
        en: "How many times a rework loop may be taken again on one path (0 to 5)."))
    var loops = 1

    @Option(help: help(id: "Paling banyak sekian jalur (1 sampai 100000).", en: "At most this many paths (1 to 100000)."))
    var limit = 1000

    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json."))
    var format: OutputFormat = .text

    func validate() throws {
        guard (0...5).contains(loops) else {
            throw ValidationError(tr(id: "--loops harus 0 sampai 5", en: "--loops must be 0 to 5"))
        }
        guard (1...100_000).contains(limit) else {
            throw ValidationError(tr(id: "--limit harus 1 sampai 100000", en: "--limit must be 1 to 100000"))
        }
    }

    func run() throws {
        let named = try authoredWorkflow(workflow, in: workflows, command: "sop paths")
        let workflow = named.workflow
        let paths = WorkflowPaths(workflow, loops: loops, limit: limit)
        switch format {
        case .json: try PathsJSON(workflow, paths).print()
        case .text: printSafely(PathsText.render(workflow, paths, language: language), terminator: "")
        }
    }
}

/// `sop paths --format json`.
struct PathsJSON: Encodable {
    struct Visit: Encodable {
        let step: String
        let branch: String?
    }
    struct Path: Encodable {
        let steps: [Visit]
        let outcome: String?
        let handoff: String?
        let handoffTitle: String?
        let time: String
        let timeDays: Int
        let timeMinutes: Int
        let loops: Bool
    }
    let workflow: String
    let revision: Int
    let loops: Int
    let truncated: Bool
    let paths: [Path]

    /// Prints the document as `printJSON` would, one path at a time, so that a hundred thousand
    /// paths never stand in memory as one JSON tree and one text.
    func print() throws {
        guard !paths.isEmpty else { return try printJSON(self) }
        let encoder = JSONOutput.encoder()
        func value(_ value: some Encodable) throws -> String { try JSONOutput.text(value, with: encoder) }
        // The document's own keys around the paths, in the order JSONEncoder sorts them.
        let head = "{\n  \"loops\" : \(loops),\n  \"paths\" : ["
        let tail = "  ],\n  \"revision\" : \(revision),\n  \"truncated\" : \(truncated),\n  \"workflow\" : \(try value(workflow))\n}"
        Swift.print(head)
        for (index, path) in paths.enumerated() {
            let text = try value(path).split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
            Swift.print(text + (index + 1 < paths.count ? "," : ""))
        }
        Swift.print(tail)
    }

    init(_ workflow: Workflow, _ found: WorkflowPaths) {
        self.workflow = workflow.id.value.rawValue
        revision = workflow.revision.value
        loops = found.loopBound
        truncated = found.isTruncated
        paths = found.paths.map { path in
            var outcome: String?
            var target: HandoffTarget?
            switch path.end {
            case .outcome(let id): outcome = id.rawValue
            case .handoff(let handoff): target = handoff
            }
            return Path(
                steps: path.visits.map { Visit(step: $0.step.rawValue, branch: $0.branch) }, outcome: outcome,
                handoff: target?.workflow?.rawValue, handoffTitle: target?.title, time: path.time.description,
                timeDays: path.time.days, timeMinutes: path.time.minutes, loops: path.loops)
        }
    }
}

/// `sop paths` as text.
enum PathsText {
    static func render(_ workflow: Workflow, _ found: WorkflowPaths, language: Language) -> String {
        let number = workflow.document.number.map { "SOP \($0) " } ?? ""
        var text = Text(
            id: "Jalur \(number)\(workflow.title) (\(workflow.id.value), revisi \(workflow.revision.value)): \(found.paths.count) jalur; "
                + (found.loopBound == 0 ? "tanpa putaran ulang" : "putaran ulang diambil lagi paling banyak \(found.loopBound) kali"),
            en: "Paths of \(number)\(workflow.title) (\(workflow.id.value), revision \(workflow.revision.value)): \(found.paths.count) path(s); "
                + (found.loopBound == 0 ? "no rework loop" : "rework loops taken again at most \(found.loopBound) time(s)"))(language) + "\n"
        for (index, path) in found.paths.enumerated() {
            let steps = path.visits.map { visit in visit.step.rawValue + (visit.branch.map { " (\($0))" } ?? "") }.joined(separator: " → ")
            let end: String
            switch path.end {
            case .outcome(let id):
                let name = workflow.outcome(id)?.name ?? id.rawValue
                end = Text(id: "selesai: \(name)", en: "end: \(name)")(language)
            case .handoff(let target):
                end = Text(id: "diteruskan ke \(target.sopName)", en: "handed off to \(target.sopName)")(language)
            }
            text += "\(index + 1). \(path.time)" + (path.loops ? Text(id: ", dengan putaran ulang", en: ", with a rework loop")(language) : "")
                + ": \(steps) → \(end)\n"
        }
        if found.isTruncated {
            text += Text(
                id: "Daftar berhenti pada \(found.paths.count) jalur: ada lebih banyak (--limit menaikkannya).\n",
                en: "The list stops at \(found.paths.count) paths: there are more (--limit raises it).\n")(language)
        }
        return text
    }
}
