extension ARCField {
    private static let names = ["arc-seal", "arc-message-signature", "arc-authentication-results"]

    /// The ARC fields of a header, top first, with the tags that identify each hop.
    static func list(in header: MessageHeader) -> [ARCField] {
        header.fields.filter { names.contains($0.key) }.map { field in
            let tags: TagList
            if field.key == "arc-authentication-results" {
                // "i=N; authserv-id; results": only the instance is a tag.
                let instance = field.rawValue.split(separator: UInt8(ascii: ";"), maxSplits: 1).first ?? []
                tags = (try? TagList.parse(instance).get()) ?? TagList(tags: [])
            } else {
                tags = (try? TagList.parse(field.rawValue).get()) ?? TagList(tags: [])
            }
            return ARCField(name: field.name, instance: tags["i"].flatMap { Int($0.compact) },
                            domain: tags["d"]?.compact.lowercased(), selector: tags["s"]?.compact,
                            algorithm: tags["a"]?.compact.lowercased(), chainValidation: tags["cv"]?.compact.lowercased())
        }
    }
}
