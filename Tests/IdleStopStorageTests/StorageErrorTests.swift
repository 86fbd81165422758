import Testing

@testable import IdleStopStorage

struct StorageErrorTests {
    @Test func descriptionNamesWhereAndWhat() {
        #expect(
            StorageError(kind: .report, path: "plan.csv", line: 3, column: "decision", message: "bad").description
                == "plan.csv:3, column decision: bad"
        )
        #expect(StorageError(kind: .file, path: "r.csv", message: "cannot write").description == "r.csv: cannot write")
        #expect(StorageError(kind: .report, line: 2, message: "bad").description == "line 2: bad")
        #expect(StorageError(kind: .database, message: "no such run").description == "no such run")
    }
}
