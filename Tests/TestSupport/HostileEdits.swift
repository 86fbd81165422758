/// The random damage the hostile-input tests do to valid input, in one place: what a fuzzer's mutator does.
public enum HostileEdits {
    /// Makes one to eight random edits to `elements`: an element replaced by one of `replacements`, one of
    /// `fragments` inserted, up to 20 elements cut, up to 80 doubled, or everything from a place on cut off.
    public static func apply<Element>(
        to elements: inout [Element],
        replacements: [Element],
        fragments: [[Element]],
        using rng: inout some RandomNumberGenerator
    ) {
        for _ in 0..<Int.random(in: 1...8, using: &rng) {
            let position = Int.random(in: 0...elements.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0 where position < elements.count:
                elements[position] = replacements.randomElement(using: &rng)!
            case 1:
                elements.insert(contentsOf: fragments.randomElement(using: &rng)!, at: position)
            case 2:
                elements.removeSubrange(position..<min(elements.count, position + Int.random(in: 1...20, using: &rng)))
            case 3:
                let end = min(elements.count, position + Int.random(in: 1...80, using: &rng))
                elements.insert(contentsOf: elements[position..<end], at: position)
            default:
                elements.removeSubrange(position...)
            }
        }
    }
}
