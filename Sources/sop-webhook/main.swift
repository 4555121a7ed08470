// sop-webhook: posts one notice to a webhook for `sop tick`, which runs it. Reads the address on
// the first line of its standard input (never an argument, which anyone on the machine can read)
// and the JSON body after it; prints `delivered` or `failed` on the first line and what happened
// on the second; exits 0 when it could say so, 2 on a usage mistake.
import Foundation
import SOPWebhook

var arguments = CommandLine.arguments.dropFirst()
var timeout = 10
while let argument = arguments.first {
    arguments = arguments.dropFirst()
    guard argument == "--timeout", let value = arguments.first.flatMap({ Int($0) }), (1...120).contains(value) else {
        FileHandle.standardError.write(Data("usage: sop-webhook [--timeout 1-120] < URL-line-then-body\n".utf8))
        exit(2)
    }
    timeout = value
    arguments = arguments.dropFirst()
}
// At most 1 MiB: a notice is a few hundred bytes.
let input = FileHandle.standardInput.readData(ofLength: 1 << 20)
guard let newline = input.firstIndex(of: 0x0A), let url = String(data: input[..<newline], encoding: .utf8), !url.isEmpty else {
    FileHandle.standardError.write(Data("sop-webhook: the first line of the input is the address\n".utf8))
    exit(2)
}
let poster = WebhookPoster(timeout: timeout)
let outcome = poster.post(Data(input[input.index(after: newline)...]), to: url)
poster.shutdown()
print(outcome.delivered ? "delivered" : "failed")
print(outcome.detail)
