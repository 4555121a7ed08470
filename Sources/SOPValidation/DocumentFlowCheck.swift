import SOPCore
import SOPModel

/// Documents are produced before they are needed, produced documents are used, declarations are used.
enum DocumentFlowCheck {
    static func check(_ workflow: Workflow, graph: WorkflowGraph) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let steps = workflow.steps
        guard !steps.isEmpty else { return [] }
        let declared = Set(workflow.documents.map(\.id.value))
        let external = Set(workflow.documents.filter(\.isExternal).map(\.id.value))
        let predecessors = graph.predecessors

        // Must-analysis: the documents certainly at hand when each step starts, on every path.
        func produced(_ position: Int) -> Set<DocumentID> {
            let step = steps[position]
            return step.isOptional ? [] : Set(step.outputs.filter { !$0.isOptional }.map(\.document.value))
        }
        var entry = [Set<DocumentID>](repeating: declared, count: steps.count)
        entry[0] = external
        // Visiting steps in forward order settles every step in one round when there is no loop,
        // and in a round more per loop nested in another; the bound only guards against surprises.
        let order = graph.forwardOrder().filter { $0 != 0 && graph.reachable[$0] }
        var changed = true
        var rounds = 0
        while changed && rounds <= steps.count + 1 {
            changed = false
            rounds += 1
            // The first step keeps what a case starts with: a rework loop back to it brings no less.
            for position in order {
                var available = declared
                for previous in predecessors[position] where graph.reachable[previous] {
                    available.formIntersection(entry[previous].union(produced(previous)))
                }
                if available != entry[position] {
                    entry[position] = available
                    changed = true
                }
            }
        }

        let producers = Set(steps.flatMap { $0.outputs.map(\.document.value) })
        for position in steps.indices where graph.reachable[position] {
            let step = steps[position]
            for input in step.inputs where !input.isOptional && declared.contains(input.document.value) {
                guard !entry[position].contains(input.document.value) else { continue }
                let name = workflow.document(input.document.value)?.name ?? input.document.value.rawValue
                let message = producers.contains(input.document.value)
                    ? Text(
                        id: "langkah '\(step.id.value)' membutuhkan '\(name)', yang tidak dihasilkan sebelumnya pada setiap jalur",
                        en: "step '\(step.id.value)' needs '\(name)', which is not produced before it on every path")
                    : Text(
                        id: "langkah '\(step.id.value)' membutuhkan '\(name)', yang tidak dihasilkan oleh langkah mana pun",
                        en: "step '\(step.id.value)' needs '\(name)', which no step produces")
                diagnostics.append(Diagnostic(.inputNotProduced, at: input.document.location, message))
            }
        }

        // Outputs no later step uses; a step that ends the flow produces the records the case ends with.
        // For each document, the steps from which some path leads to a step that needs it.
        var leadsToUseCache: [DocumentID: [Bool]] = [:]
        func leadsToUse(_ document: DocumentID) -> [Bool] {
            if let known = leadsToUseCache[document] { return known }
            var marked = [Bool](repeating: false, count: steps.count)
            var stack = steps.indices.filter { steps[$0].inputs.contains { $0.document.value == document } }
            for node in stack { marked[node] = true }
            while let node = stack.popLast() {
                for previous in predecessors[node] where !marked[previous] {
                    marked[previous] = true
                    stack.append(previous)
                }
            }
            leadsToUseCache[document] = marked
            return marked
        }
        for position in steps.indices where graph.reachable[position] && !graph.endsFlow[position] {
            for output in steps[position].outputs {
                let marked = leadsToUse(output.document.value)
                guard !graph.successors[position].contains(where: { marked[$0] }) else { continue }
                let name = workflow.document(output.document.value)?.name ?? output.document.value.rawValue
                diagnostics.append(Diagnostic(.unusedOutput, at: output.document.location,
                    Text(
                        id: "'\(name)' yang dihasilkan langkah '\(steps[position].id.value)' tidak dipakai oleh langkah berikutnya",
                        en: "'\(name)' produced by step '\(steps[position].id.value)' is not used by a later step"),
                    hint: Text(
                        id: "wajar untuk catatan akhir pengaduan; selain itu, tambahkan ke kelengkapan (`inputs:`) langkah yang membutuhkannya",
                        en: "fine for a record the case ends with; otherwise add it to the inputs of the step that needs it")))
            }
        }

        // Declarations nothing uses (unless a step could not be read: it may be the user).
        guard !steps.contains(where: \.isIncomplete) else { return diagnostics }
        let mentioned = Set(steps.flatMap { ($0.inputs + $0.outputs).map(\.document.value) })
        for document in workflow.documents where !mentioned.contains(document.id.value) {
            diagnostics.append(Diagnostic(.unusedDocument, at: document.id.location,
                Text(
                    id: "dokumen '\(document.id.value)' dinyatakan, tetapi tidak ada langkah yang membutuhkan atau menghasilkannya",
                    en: "document '\(document.id.value)' is declared but no step needs or produces it"),
                hint: Text(
                    id: "tambahkan ke `inputs:` atau `outputs:` suatu langkah, atau hapus",
                    en: "add it to a step's `inputs:` or `outputs:`, or remove it")))
        }
        // An actor a step or the whole case is escalated to is used, at any level.
        let performing = Set(steps.flatMap { step in step.performers.actors.map(\.value) + step.escalations.map(\.to.value) })
            .union(workflow.escalations.map(\.to.value))
        for actor in workflow.actors where !performing.contains(actor.id.value) {
            diagnostics.append(Diagnostic(.unusedActor, at: actor.id.location,
                Text(
                    id: "pelaksana '\(actor.id.value)' dinyatakan, tetapi tidak disebut oleh langkah mana pun",
                    en: "actor '\(actor.id.value)' is declared but no step names it"),
                hint: Text(id: "sebutkan sebagai `actor:` suatu langkah, atau hapus", en: "name it as a step's `actor:`, or remove it")))
        }
        return diagnostics
    }
}
