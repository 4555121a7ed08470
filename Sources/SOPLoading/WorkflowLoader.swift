import SOPCore
import SOPModel
import SOPRules
import SOPYAML

/// Reads a workflow file's node tree into a `Workflow`, reporting every shape mistake.
struct WorkflowLoader {
    let context: LoadContext

    func load(_ top: Mapping) -> Workflow? {
        let id: Located<WorkflowID>? = top.required("id").flatMap { context.identifier($0, what: Text(id: "id alur kerja", en: "workflow id")) }
        let revision: Located<Int>? = top.required("revision").flatMap { node in
            guard let value = context.integer(node, what: .key("revision")) else { return nil }
            guard value >= 1 else {
                context.report(.invalidValue, at: node.location, Text(
                    id: "revision harus 1 atau lebih, ditemukan \(value)",
                    en: "revision must be 1 or more, found \(value)"))
                return nil
            }
            return Located(value, at: node.location)
        }
        let title = top.required("title").flatMap { context.text($0, what: .key("title")) }
        let header = top.required("document", hint: Text(
            id: "tambahkan kepala SOP yang ditandatangani di bawah `document:` (sekurang-kurangnya `number:`)",
            en: "add the header of the signed SOP under `document:` (at least `number:`)"))
            .map(loadHeader) ?? SOPDocument()
        let calendar: Located<CalendarID>? = top.required("calendar", hint: Text(
            id: "sebutkan kalender jam kerja, misalnya `calendar: jam-kerja-kebumen`",
            en: "name the calendar of office hours, e.g. `calendar: jam-kerja-kebumen`"))
            .flatMap { context.identifier($0, what: Text(id: "id kalender", en: "calendar id")) }

        let actors = top.required("actors").map(loadActors) ?? []
        let documents = top["documents"].map(loadDocuments) ?? []
        let fields = top["fields"].map(loadFields) ?? []
        let channels = top["channels"].map(loadChannels) ?? []
        let outcomes = top["outcomes"].map(loadOutcomes) ?? []
        // Rules may name any step (`visits.STEP`), before or after their own: the ids first.
        let stepIDs = top["steps"].map(Self.stepIDs) ?? []
        let environment = Workflow.ruleEnvironment(fields: fields, channels: channels, steps: stepIDs)
        let intake = top["intake"].map { loadIntake($0, environment: environment) } ?? []
        let (total, totalIsMaximum) = top["total"].map(loadTotal) ?? (nil, false)
        let escalations = top["escalation"].map(loadEscalations) ?? []
        let steps = top.required("steps").map { loadSteps($0, environment: environment) } ?? []

        guard let id, let revision, let title else { return nil }
        return Workflow(
            id: id, revision: revision, title: title, document: header, calendar: calendar,
            actors: actors, documents: documents, fields: fields, channels: channels,
            outcomes: outcomes, intake: intake, total: total, totalIsMaximum: totalIsMaximum, escalations: escalations, steps: steps,
            file: context.file)
    }

    /// The ids the steps give themselves, as written (nothing is reported: `loadSteps` does it).
    private static func stepIDs(_ node: YAMLNode) -> [StepID] {
        guard case .sequence(let items) = node.content else { return [] }
        return items.compactMap { item in
            guard case .mapping(let entries) = item.content, let id = entries.first(where: { $0.key == "id" })?.value.scalar else { return nil }
            return StepID(id)
        }
    }

    // MARK: Total

    /// `total: 2 hari 2 jam`, or `total: { max: 10 hari }` for a maximum ("paling lama"), and
    /// whether it is one.
    private func loadTotal(_ node: YAMLNode) -> (Located<Budget>?, Bool) {
        guard case .mapping = node.content else { return (context.budget(node, what: .key("total")), false) }
        guard let map = context.mapping(node, keys: FormatKeys.totalMaximum, what: .key("total")) else { return (nil, true) }
        let maximum = map.required("max", hint: Text(
            id: "tulis waktu paling lama, misalnya `total: { max: 10 hari }`, atau total yang pasti: `total: 10 hari`",
            en: "give the maximum, e.g. `total: { max: 10 hari }`, or an exact total: `total: 10 hari`"))
        return (maximum.flatMap { context.budget($0, what: .key("max")) }, true)
    }

    // MARK: Header

    private func loadHeader(_ node: YAMLNode) -> SOPDocument {
        var header = SOPDocument()
        guard let map = context.mapping(node, keys: FormatKeys.header, what: Text(id: "dokumen", en: "document")) else { return header }
        header.organization = map["organization"].map { context.textList($0, what: .key("organization")) } ?? []
        header.number = map.required("number", hint: Text(
            id: "tambahkan nomor SOP sesuai naskah, misalnya `number: \"067/12351\"`",
            en: "add the SOP's number as signed, e.g. `number: \"067/12351\"`"))
            .flatMap { context.text($0, what: .key("number")) }
        header.created = map["created"].flatMap { context.date($0, what: .key("created")) }?.value
        // The signed header writes "-" for a SOP never revised; so may the file.
        header.revised = map["revised"].flatMap { $0.isNull || $0.scalar == "-" ? nil : context.date($0, what: .key("revised")) }?.value
        header.effective = map["effective"].flatMap { context.date($0, what: .key("effective")) }?.value
        if let created = header.created, let effective = header.effective, effective < created,
            let node = map["effective"]
        {
            context.report(.invalidValue, at: node.location, Text(
                id: "tanggal efektif \(effective) mendahului tanggal pembuatan (\(created))",
                en: "effective date \(effective) is before the date created (\(created))"))
        }
        header.approvedBy = map["approved_by"].flatMap(loadApprover)
        header.legalBasis = map["legal_basis"].map { context.textList($0, what: .key("legal_basis")) } ?? []
        header.qualifications = map["qualifications"].map { context.textList($0, what: .key("qualifications")) } ?? []
        header.related = map["related"].map(loadRelated) ?? []
        header.equipment = map["equipment"].map { context.textList($0, what: .key("equipment")) } ?? []
        header.warnings = map["warnings"].map { context.textList($0, what: .key("warnings")) } ?? []
        header.recording = map["recording"].flatMap { context.text($0, what: .key("recording")) }
        return header
    }

    private func loadApprover(_ node: YAMLNode) -> Approver? {
        guard let map = context.mapping(node, keys: FormatKeys.approver, what: .key("approved_by")) else { return nil }
        let name = map.required("name").flatMap { context.text($0, what: Text(id: "nama pengesah", en: "approver's name")) }
        let position = map.required("position").flatMap { context.text($0, what: Text(id: "jabatan pengesah", en: "approver's position")) }
        let rank = map["rank"].flatMap { context.text($0, what: Text(id: "pangkat pengesah", en: "approver's rank")) }
        var nip: Located<String>?
        if let node = map["nip"], let value = context.text(node, what: .key("NIP")) {
            if value.count == 18, value.allSatisfy({ $0.isASCII && $0.isNumber }) {
                nip = Located(value, at: node.location)
            } else {
                context.report(.invalidValue, at: node.location, Text(
                    id: "NIP '\(value)' tidak terdiri atas 18 digit",
                    en: "NIP '\(value)' is not 18 digits"),
                    hint: Text(
                        id: "tulis NIP sesuai naskah, 18 digit dalam tanda kutip, misalnya `nip: \"196406291988032002\"`",
                        en: "write the NIP as signed, 18 digits in quotes, e.g. `nip: \"196406291988032002\"`"))
            }
        }
        guard let name, let position else { return nil }
        return Approver(name: name, position: position, rank: rank, nip: nip)
    }

    private func loadRelated(_ node: YAMLNode) -> [RelatedSOP] {
        (context.sequence(node, what: .key("related")) ?? []).compactMap { item in
            guard let map = context.mapping(item, keys: FormatKeys.related, what: Text(id: "SOP terkait", en: "a related SOP")) else { return nil }
            let relatedID = Text(id: "id alur kerja terkait", en: "related workflow id")
            let workflow: Located<WorkflowID>? = map["workflow"].flatMap { context.identifier($0, what: relatedID) }
            let title = map["title"].flatMap { context.text($0, what: Text(id: "judul SOP terkait", en: "related SOP title")) }
            if !map.has("workflow") && !map.has("title") {
                context.report(.missingKey, at: item.location, Text(
                    id: "SOP terkait memerlukan `workflow:` (id alur kerja) atau `title:`",
                    en: "a related SOP needs `workflow:` (a workflow id) or `title:`"))
                return nil
            }
            return RelatedSOP(workflow: workflow, title: title)
        }
    }

    // MARK: Definitions

    /// The entries of an id → definition map, with ids checked.
    private func definitions<Tag>(
        _ node: YAMLNode, what: Text, style: IdentifierStyle = .hyphen
    ) -> [(id: Located<Identifier<Tag>>, node: YAMLNode)] {
        guard case .mapping(let entries) = node.content else {
            if node.isNull { return [] }
            let found = LoadContext.describe(node)
            context.report(.wrongType, at: node.location,
                Text(
                    id: "\(what.id) harus berupa pemetaan id ke definisinya, ditemukan \(found.id)",
                    en: "\(what.en) must be a mapping of id to definition, found \(found.en)"))
            return []
        }
        return entries.compactMap { entry in
            guard let id: Located<Identifier<Tag>> = context.identifier(entry.key, at: entry.keyLocation, what: .key("id"), style: style)
            else { return nil }
            return (id, entry.value)
        }
    }

    private func loadActors(_ node: YAMLNode) -> [Actor] {
        definitions(node, what: .key("actors")).compactMap { (id: Located<ActorID>, node) in
            let what = Text(id: "pelaksana '\(id.value)'", en: "actor '\(id.value)'")
            guard let map = context.mapping(node, keys: FormatKeys.actor, what: what) else { return nil }
            let name = map.required("name").flatMap { context.text($0, what: .key("name")) }
            let external = map["external"].flatMap { context.boolean($0, what: .key("external")) } ?? false
            let description = map["description"].flatMap { context.text($0, what: .key("description")) }
            return name.map { Actor(id: id, name: $0, isExternal: external, description: description) }
        }
    }

    private func loadDocuments(_ node: YAMLNode) -> [DocumentDefinition] {
        definitions(node, what: .key("documents")).compactMap { (id: Located<DocumentID>, node) in
            let what = Text(id: "dokumen '\(id.value)'", en: "document '\(id.value)'")
            guard let map = context.mapping(node, keys: FormatKeys.document, what: what) else { return nil }
            let name = map.required("name").flatMap { context.text($0, what: .key("name")) }
            let external = map["external"].flatMap { context.boolean($0, what: .key("external")) } ?? false
            let description = map["description"].flatMap { context.text($0, what: .key("description")) }
            return name.map { DocumentDefinition(id: id, name: $0, isExternal: external, description: description) }
        }
    }

    private func loadFields(_ node: YAMLNode) -> [FieldDefinition] {
        definitions(node, what: .key("fields"), style: .underscore).compactMap { (id: Located<FieldID>, node) in
            let what = Text(id: "isian '\(id.value)'", en: "field '\(id.value)'")
            guard let map = context.mapping(node, keys: FormatKeys.field, what: what) else { return nil }
            let label = map["label"].flatMap { context.text($0, what: .key("label")) } ?? id.value.rawValue
            let required = map["required"].flatMap { context.boolean($0, what: .key("required")) } ?? false
            let description = map["description"].flatMap { context.text($0, what: .key("description")) }
            guard let typeNode = map.required("type", hint: .oneOf(FieldType.names)),
                let typeName = context.text(typeNode, what: .key("type"))
            else { return nil }
            let type: FieldType
            switch typeName {
            case "text": type = .text
            case "phone": type = .phone
            case "email": type = .email
            case "nik": type = .nik
            case "date": type = .date
            case "number": type = .number
            case "boolean": type = .boolean
            case "enum":
                guard let valuesNode = map.required("values", hint: Text(
                    id: "sebutkan nilai-nilainya, misalnya `values: [KTP, KK]`",
                    en: "list the values, e.g. `values: [KTP, KK]`")) else { return nil }
                let values = context.textList(valuesNode, what: .key("values"))
                guard !values.isEmpty else {
                    context.report(.invalidValue, at: valuesNode.location, Text(
                        id: "isian enum memerlukan sedikitnya satu nilai",
                        en: "an enum field needs at least one value"))
                    return nil
                }
                var seen = Set<String>()
                for value in values where !seen.insert(value).inserted {
                    context.report(.duplicateID, at: valuesNode.location, Text(
                        id: "nilai '\(value)' tercantum dua kali",
                        en: "value '\(value)' is listed twice"))
                }
                type = .enumeration(values)
            default:
                let hint = Spelling.didYouMean(typeName, among: FieldType.names) ?? .oneOf(FieldType.names)
                context.report(.invalidValue, at: typeNode.location, Text(
                    id: "jenis isian '\(typeName)' tidak dikenal",
                    en: "unknown field type '\(typeName)'"), hint: hint)
                return nil
            }
            if typeName != "enum", let valuesNode = map["values"] {
                context.report(.invalidValue, at: valuesNode.location, Text(
                    id: "hanya isian enum yang memiliki `values:`",
                    en: "only an enum field has `values:`"),
                    hint: Text(id: "hapus `values:` atau tulis `type: enum`", en: "remove `values:` or write `type: enum`"))
            }
            return FieldDefinition(id: id, label: label, type: type, isRequired: required, description: description)
        }
    }

    private func loadChannels(_ node: YAMLNode) -> [Channel] {
        definitions(node, what: .key("channels")).compactMap { (id: Located<ChannelID>, node) in
            let what = Text(id: "kanal '\(id.value)'", en: "channel '\(id.value)'")
            guard let map = context.mapping(node, keys: FormatKeys.channel, what: what) else { return nil }
            let name = map.required("name").flatMap { context.text($0, what: .key("name")) }
            let description = map["description"].flatMap { context.text($0, what: .key("description")) }
            return name.map { Channel(id: id, name: $0, description: description) }
        }
    }

    private func loadOutcomes(_ node: YAMLNode) -> [Outcome] {
        definitions(node, what: .key("outcomes")).compactMap { (id: Located<OutcomeID>, node) in
            let what = Text(id: "hasil akhir '\(id.value)'", en: "outcome '\(id.value)'")
            guard let map = context.mapping(node, keys: FormatKeys.outcome, what: what) else { return nil }
            let name = map.required("name").flatMap { context.text($0, what: .key("name")) }
            let description = map["description"].flatMap { context.text($0, what: .key("description")) }
            let statuses = OutcomeStatus.allCases.map(\.rawValue)
            let status: OutcomeStatus? = map.required("status", hint: .oneOf(statuses))
                .flatMap { node in
                    guard let text = context.text(node, what: .key("status")) else { return nil }
                    guard let status = OutcomeStatus(rawValue: text) else {
                        context.report(.invalidValue, at: node.location, Text(
                            id: "status hasil akhir '\(text)' tidak dikenal",
                            en: "unknown outcome status '\(text)'"),
                            hint: Spelling.didYouMean(text, among: statuses) ?? .oneOf(statuses))
                        return nil
                    }
                    return status
                }
            guard let name, let status else { return nil }
            return Outcome(id: id, name: name, status: status, description: description)
        }
    }

    private func loadIntake(_ node: YAMLNode, environment: RuleEnvironment) -> [IntakeRule] {
        (context.sequence(node, what: .key("intake")) ?? []).compactMap { item in
            let what = Text(id: "aturan persyaratan", en: "an intake rule")
            guard let map = context.mapping(item, keys: FormatKeys.intakeRule, what: what) else { return nil }
            let message = map.required("message", hint: Text(
                id: "tambahkan pesan yang dilihat staf bila aturan tidak terpenuhi",
                en: "add the message staff see when the rule fails"))
                .flatMap { context.text($0, what: .key("message")) }
            let rule = map.required("rule").flatMap { context.rule($0, what: Text(id: "aturan persyaratan", en: "intake rule"), in: environment) }
            guard let rule, let message else { return nil }
            return IntakeRule(rule: rule, message: message, location: item.location)
        }
    }

    // MARK: Steps

    private func loadSteps(_ node: YAMLNode, environment: RuleEnvironment) -> [Step] {
        guard let items = context.sequence(node, what: .key("steps")) else { return [] }
        if items.isEmpty {
            context.report(.invalidValue, at: node.location, Text(
                id: "alur kerja memerlukan sedikitnya satu langkah",
                en: "a workflow needs at least one step"))
        }
        return items.compactMap { loadStep($0, environment: environment) }
    }

    private func loadStep(_ node: YAMLNode, environment: RuleEnvironment) -> Step? {
        guard let map = context.mapping(node, keys: FormatKeys.step, what: Text(id: "langkah", en: "a step")) else { return nil }
        let id: Located<StepID>? = map.required("id").flatMap { context.identifier($0, what: Text(id: "id langkah", en: "step id")) }
        let what = id.map { Text(id: "langkah '\($0.value)'", en: "step '\($0.value)'") } ?? Text(id: "langkah ini", en: "the step")
        let activity = map.required("activity", hint: Text(
            id: "tambahkan kegiatan sebagaimana tertulis dalam SOP",
            en: "add the activity (kegiatan) as the SOP writes it"))
            .flatMap { context.text($0, what: .key("activity")) }
        let performers = map.required("actor", hint: Text(
            id: "sebutkan pelaksana langkah ini",
            en: "name the actor (pelaksana) who does the step"))
            .flatMap(loadPerformers)
        let budgetNode = map.required("budget", hint: Text(
            id: "tambahkan waktu sebagaimana tertulis dalam SOP, misalnya `budget: 15 menit`; tulis `budget: \"-\"` bila tabel SOP tidak menyebut waktu",
            en: "add the time (waktu) as the SOP writes it, e.g. `budget: 15 menit`; write `budget: \"-\"` when the signed table gives none"))
        let untimed = budgetNode.map(Self.isNoTime) ?? false
        let budget = untimed ? budgetNode.map { Located(Budget.zero, at: $0.location) } : budgetNode.flatMap(loadStepBudget)
        let inputs = map["inputs"].map { loadDocumentUses($0, what: .key("inputs")) } ?? []
        let outputs = map["outputs"].map { loadDocumentUses($0, what: .key("outputs")) } ?? []
        let remarks = map["remarks"].flatMap { context.text($0, what: .key("remarks")) }
        let optional = map["optional"].flatMap { loadOptional($0, environment: environment) }
        let escalations = map["escalation"].map(loadEscalations) ?? []

        let transitionKeys = ["next", "decision", "end", "handoff"].filter(map.has)
        var transition: Transition?
        if transitionKeys.count > 1 {
            let first = transitionKeys[0]
            for key in transitionKeys.dropFirst() {
                context.report(.conflictingKeys, at: map.keyLocation(key),
                    Text(id: "\(what.id) memiliki `\(first)` sekaligus `\(key)`", en: "\(what.en) has both `\(first)` and `\(key)`"),
                    hint: Text(
                        id: "langkah hanya berlanjut dengan satu cara: pertahankan salah satunya",
                        en: "a step goes on in one way: keep one of them"))
            }
        } else if transitionKeys.isEmpty {
            context.report(.missingTransition, at: node.location,
                Text(
                    id: "\(what.id) tidak menyebutkan langkah berikutnya maupun bahwa alur berakhir",
                    en: "\(what.en) says neither where to go next nor that the flow ends"))
        }
        if transitionKeys.count == 1, let key = transitionKeys.first, let value = map[key] {
            switch key {
            case "decision": transition = loadDecision(value, environment: environment).map(Transition.decision)
            default: transition = loadTarget(key: key, value: value).map(Transition.target)
            }
        }

        // A step with an id stays in the model even when other keys are wrong (reported above),
        // so that references to it and the paths through it are still checked without
        // follow-on errors.
        guard let id else { return nil }
        var step = Step(
            id: id, activity: activity ?? "", performers: performers ?? .any([]), budget: budget, inputs: inputs,
            outputs: outputs, remarks: remarks, optional: optional, escalations: escalations,
            transition: transition)
        if budget != nil { step.budgetText = map["budget"]?.scalar?.trimmedWhitespace }
        step.isUntimed = untimed
        step.isIncomplete = activity == nil || performers == nil || budget == nil || transition == nil
        return step
    }

    private func loadPerformers(_ node: YAMLNode) -> Performers? {
        if case .scalar = node.content {
            return context.identifier(node, what: .key("actor")).map(Performers.single)
        }
        guard let map = context.mapping(node, keys: FormatKeys.actorGroup, what: .key("actor")) else { return nil }
        let keys = ["all", "any"].filter(map.has)
        guard keys.count == 1, let key = keys.first, let list = map[key] else {
            if keys.count > 1 {
                context.report(.conflictingKeys, at: map.keyLocation("any"), Text(
                    id: "actor memiliki `all` sekaligus `any`",
                    en: "actor has both `all` and `any`"),
                    hint: Text(
                        id: "`all:` bila para pelaksana bekerja bersama, `any:` bila salah satu dari mereka yang mengerjakan langkah",
                        en: "`all:` when the actors work together, `any:` when one of them does the step"))
            } else {
                context.report(.missingKey, at: node.location, Text(
                    id: "actor tidak memiliki `all:` maupun `any:`",
                    en: "actor has neither `all:` nor `any:`"),
                    hint: Text(
                        id: "tulis `actor: ID`, `actor: { all: [A, B] }`, atau `actor: { any: [A, B] }`",
                        en: "write `actor: ID`, `actor: { all: [A, B] }` or `actor: { any: [A, B] }`"))
            }
            return nil
        }
        let actors: [Located<ActorID>] = (context.sequence(list, what: .key(key)) ?? []).compactMap {
            context.identifier($0, what: .key("actor"))
        }
        guard actors.count >= 2 else {
            context.report(.invalidValue, at: list.location, Text(
                id: "`\(key):` memerlukan sedikitnya dua pelaksana",
                en: "`\(key):` needs at least two actors"),
                hint: Text(id: "untuk satu pelaksana tulis `actor: ID`", en: "for one actor write `actor: ID`"))
            return nil
        }
        return key == "all" ? .all(actors) : .any(actors)
    }

    private func loadDocumentUses(_ node: YAMLNode, what: Text) -> [DocumentUse] {
        (context.sequence(node, what: what) ?? []).compactMap { item in
            if case .scalar = item.content {
                return context.identifier(item, what: Text(id: "dokumen", en: "document")).map { DocumentUse(document: $0) }
            }
            guard let map = context.mapping(item, keys: FormatKeys.documentUse, what: .item(of: what)) else { return nil }
            let document: Located<DocumentID>? = map.required("document").flatMap { context.identifier($0, what: Text(id: "dokumen", en: "document")) }
            let optional = map["optional"].flatMap { context.boolean($0, what: .key("optional")) } ?? false
            return document.map { DocumentUse(document: $0, isOptional: optional) }
        }
    }

    private func loadOptional(_ node: YAMLNode, environment: RuleEnvironment) -> Optionality? {
        if case .scalar = node.content {
            return context.boolean(node, what: .key("optional")) == true ? Optionality(when: nil, location: node.location) : nil
        }
        guard let map = context.mapping(node, keys: FormatKeys.optionalWhen, what: .key("optional")) else { return nil }
        guard let ruleNode = map.required("when", hint: Text(
            id: "tulis aturan kapan langkah ini diperlukan, atau `optional: true`",
            en: "write the rule saying when the step is needed, or `optional: true`"))
        else { return nil }
        let rule = context.rule(ruleNode, what: Text(id: "aturan langkah opsional", en: "optional step rule"), in: environment)
        return Optionality(when: rule, location: node.location)
    }

    /// `escalation:` of a step or of the workflow: one level as a mapping, or a list of levels
    /// in order; each level keeps the location of its own mapping.
    /// Whether a step's `budget:` is the signed table's "-": no stated time.
    private static func isNoTime(_ node: YAMLNode) -> Bool {
        guard case .scalar(let value, _) = node.content, !node.isNull else { return false }
        return ["-", "–", "—"].contains(value.trimmedWhitespace)
    }

    /// A step's stated time; an empty one, or one of no time, points at `"-"`.
    private func loadStepBudget(_ node: YAMLNode) -> Located<Budget>? {
        let noTime = Text(
            id: "bila tabel SOP yang ditandatangani menulis \"-\" (tanpa waktu), tulis `budget: \"-\"`",
            en: "when the signed table shows \"-\" (no time), write `budget: \"-\"`")
        if node.isNull || node.scalar?.trimmedWhitespace.isEmpty == true {
            context.report(.invalidValue, at: node.location, Text(id: "waktu langkah kosong", en: "the step's budget is empty"), hint: noTime)
            return nil
        }
        let hint = DiagnosticCode.unreadableBudget.hint.map { $0 + Text(verbatim: "; ") + noTime } ?? noTime
        return context.budget(node, what: .key("budget"), hint: hint)
    }

    private func loadEscalations(_ node: YAMLNode) -> [Escalation] {
        guard case .sequence(let items) = node.content else {
            return loadEscalation(node, what: .key("escalation")).map { [$0] } ?? []
        }
        guard !items.isEmpty else {
            context.report(.invalidValue, at: node.location, Text(
                id: "`escalation:` memerlukan sedikitnya satu tingkat",
                en: "`escalation:` needs at least one level"),
                hint: Text(
                    id: "tulis satu tingkat, misalnya `escalation: { to: kepala-bidang }`, atau hapus `escalation:`",
                    en: "write one level, e.g. `escalation: { to: kepala-bidang }`, or remove `escalation:`"))
            return []
        }
        return items.compactMap { loadEscalation($0, what: .item(of: .key("escalation"))) }
    }

    private func loadEscalation(_ node: YAMLNode, what: Text) -> Escalation? {
        guard let map = context.mapping(node, keys: FormatKeys.escalation, what: what) else { return nil }
        let to: Located<ActorID>? = map.required("to", hint: Text(
            id: "sebutkan pelaksana yang mengambil alih",
            en: "name the actor who takes over")).flatMap {
            context.identifier($0, what: Text(id: "pelaksana eskalasi", en: "escalation actor"))
        }
        let after = map["after"].flatMap { context.budget($0, what: Text(id: "waktu eskalasi", en: "escalation time")) }
        return to.map { Escalation(to: $0, after: after, location: node.location) }
    }

    private func loadDecision(_ node: YAMLNode, environment: RuleEnvironment) -> Decision? {
        guard let map = context.mapping(node, keys: FormatKeys.decision, what: .key("decision")) else { return nil }
        let question = map.required("question", hint: Text(
            id: "tulis pertanyaan sebagaimana tertulis dalam SOP, misalnya `Berkas lengkap?`",
            en: "write the question as the SOP asks it, e.g. `Berkas lengkap?`"))
            .flatMap { context.text($0, what: .key("question")) }
        let branchNodes = map.required("branches").flatMap { context.sequence($0, what: .key("branches")) } ?? []
        let branches = branchNodes.compactMap { loadBranch($0, environment: environment) }
        return Decision(question: question ?? "", branches: branches, location: node.location, branchesWritten: branchNodes.count)
    }

    private func loadBranch(_ node: YAMLNode, environment: RuleEnvironment) -> Branch? {
        guard let map = context.mapping(node, keys: FormatKeys.branch, what: Text(id: "cabang", en: "a branch")) else { return nil }
        let label = map.required("label", hint: Text(
            id: "beri label jawaban, misalnya `label: Ya`",
            en: "label the answer, e.g. `label: Ya`")).flatMap { labelNode in
            context.text(labelNode, what: .key("label")).map { Located($0, at: labelNode.location) }
        }
        let when = map["when"].flatMap { context.rule($0, what: Text(id: "aturan cabang", en: "branch rule"), in: environment) }
        let keys = ["goto", "end", "handoff"].filter(map.has)
        if keys.count > 1 {
            for key in keys.dropFirst() {
                context.report(.conflictingKeys, at: map.keyLocation(key), Text(
                    id: "cabang memiliki `\(keys[0])` sekaligus `\(key)`",
                    en: "a branch has both `\(keys[0])` and `\(key)`"),
                    hint: Text(
                        id: "cabang hanya menuju satu arah: pertahankan salah satunya",
                        en: "a branch leads one way: keep one of them"))
            }
        } else if keys.isEmpty {
            context.report(.missingTransition, at: node.location, Text(
                id: "cabang tidak menyebutkan tujuannya maupun bahwa alur berakhir",
                en: "a branch says neither where it goes nor that the flow ends"),
                hint: Text(
                    id: "tambahkan salah satu dari `goto:`, `end:`, atau `handoff:`",
                    en: "add one of `goto:`, `end:` or `handoff:`"))
        }
        guard let key = keys.first, let value = map[key],
            let target = loadTarget(key: key == "goto" ? "next" : key, value: value), let label
        else { return nil }
        return Branch(label: label, when: when, target: target)
    }

    private func loadTarget(key: String, value: YAMLNode) -> Target? {
        switch key {
        case "next":
            return context.identifier(value, what: Text(id: "langkah", en: "step")).map(Target.step)
        case "end":
            return context.identifier(value, what: Text(id: "hasil akhir", en: "outcome")).map(Target.end)
        default:
            guard let map = context.mapping(value, keys: FormatKeys.handoff, what: .key("handoff")) else { return nil }
            let note = map["note"].flatMap { context.text($0, what: .key("note")) }
            let workflow: Located<WorkflowID>? = map["workflow"]
                .flatMap { context.identifier($0, what: Text(id: "id alur kerja", en: "workflow id")) }
            let title = map["title"].flatMap { context.text($0, what: Text(id: "judul SOP tujuan", en: "the other SOP's title")) }
            if !map.has("workflow") && !map.has("title") {
                context.report(.missingKey, at: value.location, Text(
                    id: "penerusan memerlukan `workflow:` (id alur kerja) atau `title:` (judul SOP yang belum berupa berkas alur kerja)",
                    en: "a hand-off needs `workflow:` (a workflow id) or `title:` (the title of an SOP that has no workflow file)"),
                    hint: Text(
                        id: "misalnya `handoff: { title: SOP Perubahan Data }`",
                        en: "for example `handoff: { title: SOP Perubahan Data }`"))
                return nil
            }
            guard map.has("workflow") ? workflow != nil : title != nil else { return nil }
            return .handoff(Handoff(workflow: workflow, title: title, note: note, at: value.location))
        }
    }
}
