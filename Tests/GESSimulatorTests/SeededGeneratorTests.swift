import Testing

@testable import GESSimulator

struct SeededGeneratorTests {
    @Test func theSameSeedGivesTheSameSequence() {
        var first = SeededGenerator(seed: 2026)
        var second = SeededGenerator(seed: 2026)
        var other = SeededGenerator(seed: 2027)
        let a = (0..<20).map { _ in first.next() }
        let b = (0..<20).map { _ in second.next() }
        let c = (0..<20).map { _ in other.next() }
        #expect(a == b)
        #expect(a != c)
    }

    @Test func unitDrawsStayInTheHalfOpenInterval() {
        var generator = SeededGenerator(seed: 0)
        for _ in 0..<1_000 {
            let value = generator.nextUnit()
            #expect(value >= 0 && value < 1)
        }
    }
}
