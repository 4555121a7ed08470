import ArgumentParser
import Foundation
import SOPLoading
import SOPService
import SOPStore

/// What the shells complete beyond options and files (`sop --generate-completion-script bash`,
/// `zsh` or `fish`): the workflow ids of the database's published SOPs or of the workflows
/// folder, the numbers of open cases, and the documents of the published SOPs.
///
/// Each completion reads the database that the words being completed name (`--db FILE`, else
/// `SOP_DB`, else `./sop.sqlite`), only reading, and never creates one; whatever fails (no file, a
/// damaged one) completes nothing, so that pressing Tab never prints an error.
enum Completions {
    /// The value of `--name VALUE` or `--name=VALUE` among the words, if any.
    static func option(_ name: String, in words: [String]) -> String? {
        for (index, word) in words.enumerated() {
            if word == name, index + 1 < words.count { return words[index + 1] }
            if word.hasPrefix(name + "=") { return String(word.dropFirst(name.count + 1)) }
        }
        return nil
    }

    /// The service over the database the words name, reading only; nil when there is none.
    private static func service(_ words: [String]) -> CaseService? {
        let path = option("--db", in: words) ?? ProcessInfo.processInfo.environment["SOP_DB"] ?? "sop.sqlite"
        guard FileManager.default.fileExists(atPath: path), let store = try? SQLiteCaseStore(readingOnly: path) else { return nil }
        return CaseService(store: store, workflowsFolder: option("--workflows", in: words) ?? "workflows")
    }

    /// Those of `candidates` that begin with what is typed so far.
    private static func matching(_ candidates: [String], _ prefix: String) -> [String] {
        candidates.filter { $0.hasPrefix(prefix) }
    }

    /// The numbers of the open cases, newest first (at most 500).
    static let openCases = CompletionKind.custom { words, _, prefix in
        guard let service = service(words),
            let items = try? service.list(CaseQuery(statuses: [.open, .waitingForReporter], limit: 500), now: Date())
        else { return [] }
        return matching(items.map { String($0.number) }, prefix)
    }

    /// The ids of the published workflows (`case open`, `move`).
    static let publishedWorkflows = CompletionKind.custom { words, _, prefix in
        guard let service = service(words), let ids = try? service.publishedWorkflowIDs() else { return [] }
        return matching(ids, prefix)
    }

    /// The ids of the workflows in the workflows folder (`show`, `diagram`, `render`), and its files.
    static let folderWorkflows = CompletionKind.custom { words, _, prefix in
        let folder = option("--workflows", in: words) ?? "workflows"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var ids: [String] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8), text.utf8.count < 1 << 20,
                let workflow = Loader.load(text: text, file: path).workflow
            else { continue }
            ids.append(workflow.id.value.rawValue)
        }
        return matching(ids, prefix)
    }

    /// The ids of the documents of the published workflows (`case document ID DOC`).
    static let documents = CompletionKind.custom { words, _, prefix in
        guard let service = service(words), let workflows = try? service.publishedWorkflows() else { return [] }
        return matching(Set(workflows.flatMap { $0.documents.map(\.id.value.rawValue) }).sorted(), prefix)
    }
}
