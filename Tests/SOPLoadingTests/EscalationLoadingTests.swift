import SOPCore
import SOPLoading
import SOPModel
import SOPTestSupport
import Testing

/// A workflow whose one step has `step` as its `escalation:` lines and whose top level has `whole`
/// (both indented as written, markers allowed).
func escalationWorkflow(step: String, whole: String = "") -> MarkedText {
    MarkedText("""
        kind: Workflow
        id: eskalasi
        revision: 1
        title: Eskalasi
        document: { number: "001/1" }
        calendar: jam-kerja
        actors:
          petugas: { name: Petugas }
          kepala-bidang: { name: Kepala Bidang }
          kepala-dinas: { name: Kepala Dinas }
        outcomes: { selesai: { name: Selesai, status: resolved } }
        total: 1 hari
        \(whole)
        steps:
          - id: periksa
            activity: Memeriksa
            actor: petugas
            budget: 1 hari
        \(step)
            end: selesai

        """, file: "eskalasi.yaml")
}

/// `escalation:` of a step and of the whole case: one mapping, or a list of levels.
@Suite("Loading escalation levels")
struct EscalationLoadingTests {
    func load(_ marked: MarkedText) -> LoadedFile { Loader.load(text: marked.text, file: "eskalasi.yaml") }

    @Test("one mapping is one level, at the mapping")
    func mapping() throws {
        let marked = escalationWorkflow(step: "    escalation: 1️⃣{ to: kepala-bidang, after: 2️⃣2 jam }")
        let loaded = load(marked)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let step = try #require(loaded.workflow?.steps.first)
        #expect(step.escalations.count == 1)
        let level = try #require(step.escalations.first)
        #expect(level.to.value == "kepala-bidang")
        #expect(level.after?.value == Budget(minutes: 120))
        #expect(level.after?.location == marked["2️⃣"])
        #expect(level.location == marked["1️⃣"])
        #expect(loaded.workflow?.escalations == [])
    }

    @Test("a list is levels in order, each at its own mapping, in flow and block style")
    func list() throws {
        let marked = escalationWorkflow(step: """
                escalation:
                  - 1️⃣{ to: kepala-bidang }
                  - 2️⃣to: kepala-dinas
                    after: 2 hari
            """)
        let loaded = load(marked)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let levels = try #require(loaded.workflow?.steps.first?.escalations)
        #expect(levels.map(\.to.value) == ["kepala-bidang", "kepala-dinas"])
        #expect(levels.map(\.after?.value) == [nil, Budget(days: 2)])
        #expect(levels.map(\.location) == [marked["1️⃣"], marked["2️⃣"]])
    }

    @Test("the top level's escalation is the whole case's, in both forms")
    func wholeCase() throws {
        let one = escalationWorkflow(step: "", whole: "escalation: 1️⃣{ to: kepala-dinas }")
        let single = load(one)
        #expect(single.diagnostics.isEmpty, "\(single.diagnostics)")
        let workflow = try #require(single.workflow)
        #expect(workflow.escalations.map(\.to.value) == ["kepala-dinas"])
        #expect(workflow.escalations.map(\.location) == [one["1️⃣"]])
        #expect(workflow.steps.first?.escalations == [])

        let two = escalationWorkflow(step: "", whole: """
            escalation:
              - 1️⃣{ to: kepala-bidang }
              - 2️⃣{ to: kepala-dinas, after: 3 hari }
            """)
        let list = load(two)
        #expect(list.diagnostics.isEmpty, "\(list.diagnostics)")
        let levels = try #require(list.workflow?.escalations)
        #expect(levels.map(\.to.value) == ["kepala-bidang", "kepala-dinas"])
        #expect(levels.map(\.after?.value) == [nil, Budget(days: 3)])
        #expect(levels.map(\.location) == [two["1️⃣"], two["2️⃣"]])
    }

    @Test("an empty list is an invalid value, at the list; no level is loaded", arguments: [false, true])
    func emptyList(atTop: Bool) throws {
        let marked = atTop
            ? escalationWorkflow(step: "", whole: "escalation: 1️⃣[]")
            : escalationWorkflow(step: "    escalation: 1️⃣[]")
        let loaded = load(marked)
        #expect(loaded.diagnostics.map(\.code) == [.invalidValue])
        #expect(loaded.diagnostics.first?.location == marked["1️⃣"])
        #expect(loaded.diagnostics.first?.message.en == "`escalation:` needs at least one level")
        #expect(loaded.diagnostics.first?.hint != nil)
        let workflow = try #require(loaded.workflow)
        #expect(workflow.escalations.isEmpty && workflow.steps.first?.escalations.isEmpty == true)
    }

    @Test("a wrong level is reported where it is; the good levels are kept")
    func wrongLevels() throws {
        let marked = escalationWorkflow(step: """
                escalation:
                  - 1️⃣kepala-bidang
                  - 2️⃣{ after: 1 hari }
                  - { to: kepala-dinas, 3️⃣sesudah: 2 hari }
                  - { to: kepala-dinas, after: 4️⃣lusa }
                  - { to: kepala-dinas, after: 3 hari }
            """)
        let loaded = load(marked)
        #expect(loaded.diagnostics.map(\.code) == [.wrongType, .missingKey, .unknownKey, .unreadableBudget])
        #expect(loaded.diagnostics.map(\.location) == [marked["1️⃣"], marked["2️⃣"], marked["3️⃣"], marked["4️⃣"]])
        try #require(loaded.diagnostics.count == 4)
        #expect(loaded.diagnostics[0].message.en == "an item of escalation must be a mapping, found text")
        #expect(loaded.diagnostics[1].message.en == "an item of escalation has no 'to'")
        // A level whose time cannot be read keeps its actor (the time is reported), as before.
        let levels = try #require(loaded.workflow?.steps.first?.escalations)
        #expect(levels.map(\.to.value) == ["kepala-dinas", "kepala-dinas", "kepala-dinas"])
        #expect(levels.map(\.after?.value) == [nil, nil, Budget(days: 3)])
    }

    @Test("the mapping form keeps its diagnostics: not a mapping, no `to`, an unknown key")
    func mappingDiagnostics() throws {
        let text = escalationWorkflow(step: "    escalation: 1️⃣kepala-bidang")
        #expect(load(text).diagnostics.map(\.code) == [.wrongType])
        #expect(load(text).diagnostics.first?.location == text["1️⃣"])
        #expect(load(text).diagnostics.first?.message.en == "escalation must be a mapping, found text")

        let missing = escalationWorkflow(step: "    escalation: 1️⃣{ after: 2 jam }")
        #expect(load(missing).diagnostics.map(\.code) == [.missingKey])
        #expect(load(missing).diagnostics.first?.location == missing["1️⃣"])
        #expect(load(missing).diagnostics.first?.message.en == "escalation has no 'to'")

        let unknown = escalationWorkflow(step: "    escalation: { to: kepala-bidang, 1️⃣sampai: 2 jam }")
        #expect(load(unknown).diagnostics.map(\.code) == [.unknownKey])
        #expect(load(unknown).diagnostics.first?.location == unknown["1️⃣"])
    }

    @Test("`escalation` is a key of the top level and of a step, and of nothing else")
    func keys() {
        #expect(FormatKeys.workflow.contains("escalation"))
        #expect(FormatKeys.step.contains("escalation"))
        #expect(FormatKeys.escalation == ["to", "after"])
    }
}
