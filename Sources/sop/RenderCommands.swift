import ArgumentParser
import Foundation
import SOPCore
import SOPLoading
import SOPModel
import SOPRender
import SOPValidation

/// `sop diagram WORKFLOW --format mermaid|dot|svg [--output FILE]`.
struct DiagramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagram",
        abstract: tr(
            id: "Gambar bagan alir SOP sebagai Mermaid, Graphviz DOT, atau SVG.",
            en: "Draw an SOP's flowchart as Mermaid, Graphviz DOT or SVG."),
        discussion: tr(
            id: """
                SVG digambar oleh sop sendiri seperti tabel alur SOP yang ditandatangani: satu lajur per \
                pelaksana, langkah menurut urutan berkas. Mermaid dan DOT untuk ditempelkan ke alat lain. \
                Bagan dan naskah berbahasa Indonesia, seperti SOP yang ditandatangani.
                """,
            en: """
                The SVG is drawn by sop itself as the signed SOP's flow table draws it: one swimlane per \
                actor, steps in file order. Mermaid and DOT are for pasting into other tools. The chart is \
                in Bahasa Indonesia, as the signed SOP is.
                """)
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: RenderTarget

    @Option(help: help(id: "Format keluaran: mermaid, dot, atau svg.", en: "Output format: mermaid, dot or svg."))
    var format: DiagramFormatOption = .svg

    func run() throws {
        let named = try target.load(command: "diagram")
        try target.emit(format.format.render(named.workflow), of: named, command: "diagram", fileExtension: format.fileExtension)
    }
}

/// `sop render WORKFLOW --format html [--output FILE]`.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: tr(
            id: "Naskah SOP seperti yang ditandatangani, sebagai halaman HTML yang dapat dicetak.",
            en: "The SOP as it is signed, as a printable HTML page."),
        discussion: tr(
            id: """
                Satu halaman mandiri: kepala dokumen (nomor, tanggal, pengesah, dasar hukum, kualifikasi, \
                keterkaitan, peralatan, peringatan, pencatatan), lalu tabel alur dengan bagan alir di kolom \
                Pelaksana. Dicetak pada A4 melintang. Naskah berbahasa Indonesia, seperti SOP yang ditandatangani.
                """,
            en: """
                One self-contained page: the header (number, dates, approver, legal basis, qualifications, \
                related SOPs, equipment, warnings, recording), then the flow table with the flowchart drawn \
                in the Pelaksana columns. Prints on A4 landscape. The page is in Bahasa Indonesia, as the \
                signed SOP is.
                """)
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: RenderTarget

    @Option(help: help(id: "Format keluaran: html.", en: "Output format: html."))
    var format: RenderFormat = .html

    func run() throws {
        let named = try target.load(command: "render")
        switch format {
        case .html: try target.emit(SOPDocumentHTML(workflow: named.workflow).render(), of: named, command: "render", fileExtension: "html")
        }
    }
}

/// `--format mermaid|dot|svg`.
enum DiagramFormatOption: String, ExpressibleByArgument, CaseIterable {
    case mermaid
    case dot
    case svg

    var format: DiagramFormat {
        switch self {
        case .mermaid: .mermaid
        case .dot: .dot
        case .svg: .svg
        }
    }

    /// The usual extension of a file in the format.
    var fileExtension: String {
        switch self {
        case .mermaid: "mmd"
        case .dot: "dot"
        case .svg: "svg"
        }
    }
}

/// `--format html`.
enum RenderFormat: String, ExpressibleByArgument, CaseIterable {
    case html
}

/// The workflow `diagram` and `render` draw, and where the drawing goes.
struct RenderTarget: ParsableArguments {
    @Argument(
        help: help(
            id: "Berkas alur kerja, atau id alur kerja yang dicari di folder alur kerja.",
            en: "A workflow file, or a workflow id looked up in the workflows folder."),
        completion: Completions.folderWorkflows)
    var workflow: String

    @Option(help: help(id: "Folder tempat mencari id alur kerja.", en: "The folder to look workflow ids up in."))
    var workflows = "workflows"

    @Option(name: .shortAndLong, help: help(
        id: "Tulis ke berkas ini, bukan ke keluaran standar.", en: "Write to this file instead of standard output."))
    var output: String?

    /// The workflow named, when it has no errors; otherwise its diagnostics are printed and the
    /// command exits (1, or 2 for a file that cannot be read), as `sop show` does.
    func load(command: String) throws -> NamedWorkflow {
        let printer = DiagnosticPrinter(useColor: false)
        switch WorkflowLibrary(folder: workflows).find(workflow).map(Validator.validate) {
        case .success(let named):
            let errors = named.diagnostics.filter { $0.severity == .error }
            guard errors.isEmpty else {
                for diagnostic in errors { FileHandle.standardError.write(Data(printer.format(diagnostic).utf8)) }
                printError("sop \(command): " + hasErrors(named.workflow.file, count: errors.count))
                throw ExitCode.refused
            }
            return named
        case .failure(let error):
            for diagnostic in error.diagnostics where diagnostic.severity == .error {
                FileHandle.standardError.write(Data(printer.format(diagnostic).utf8))
            }
            printError("sop \(command): \(error.message.localized)")
            throw (error.diagnostics.contains { $0.code == .unreadableFile } ? ExitCode.unusableInput : ExitCode.refused)
        }
    }

    /// Writes rendered text to `--output` (replacing the file whole) or to standard output; an
    /// `--output` that is the workflow file drawn, or the calendar file it names, is refused.
    func emit(_ text: String, of named: NamedWorkflow, command: String, fileExtension: String) throws {
        let reads = [ReadFile(path: named.workflow.file, kind: .workflow)]
            + (named.calendar.map { [ReadFile(path: $0.file, kind: .calendar)] } ?? [])
        try sop.emit(text, to: output, command: command, reads: reads, fileExtension: fileExtension)
    }
}
